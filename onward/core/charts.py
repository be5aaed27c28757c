"""What every chart shares. A Plotly figure becomes a <div> carrying the figure as JSON;
onward/static/onward/charts.js draws every such div once the page (and the Plotly library that
Onward serves itself, never a CDN) has loaded, at the width its column really has."""

import plotly.graph_objects as go
from django.utils.html import format_html


def to_html(figure: go.Figure, div_id: str) -> str:
    return format_html(
        '<div id="{}" class="chart-plot" data-plotly="{}"></div>', div_id, figure.to_json()
    )
