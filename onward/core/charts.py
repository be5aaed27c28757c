"""What every chart shares. A Plotly figure (a ``go.Figure``, or the plain dict Plotly's figure
schema describes) becomes a <div> carrying the figure as JSON; onward/static/onward/charts.js
draws every such div once the page (and the Plotly library that Onward serves itself, never a
CDN) has loaded, at the width its column really has."""

import plotly.graph_objects as go
import plotly.io as pio
from django.utils.html import format_html


def to_html(figure: go.Figure | dict, div_id: str) -> str:
    # A go.Figure validated itself when built; a dict's tests validate it (go.Figure(figure)).
    return format_html(
        '<div id="{}" class="chart-plot" data-plotly="{}"></div>',
        div_id,
        pio.to_json(figure, validate=False),
    )
