"""Plotly figures for the wellbeing page, one function per chart."""

import plotly.graph_objects as go
from django.utils import timezone

from .events import EVENT_KINDS, Event

EVENT_STYLE = {
    "application": ("#2457c5", "circle-open"),
    "interview": ("#1e7b46", "diamond"),
    "rejection": ("#b3261e", "x"),
    "offer": ("#9a5b00", "star"),
}
# Event markers sit on their own band under the 1-5 scale.
EVENT_Y = 0.4


def mood_figure(check_ins: list, events: list[Event], zone) -> go.Figure:
    """Mood and energy over time (1-5), with the job-search events marked underneath."""
    figure = go.Figure()
    when = [timezone.localtime(c.created_at, zone) for c in check_ins]
    figure.add_trace(
        go.Scatter(
            name="Mood",
            x=when,
            y=[c.mood for c in check_ins],
            mode="lines+markers",
            line={"color": "#2457c5"},
            hovertemplate="%{x|%d %b}: mood %{y}/5<extra></extra>",
        )
    )
    energy = [(w, c.energy) for w, c in zip(when, check_ins, strict=True) if c.energy]
    if energy:
        figure.add_trace(
            go.Scatter(
                name="Energy",
                x=[w for w, _ in energy],
                y=[e for _, e in energy],
                mode="lines+markers",
                line={"color": "#1e7b46", "dash": "dot"},
                hovertemplate="%{x|%d %b}: energy %{y}/5<extra></extra>",
            )
        )
    for kind, label in EVENT_KINDS.items():
        mine = [e for e in events if e.kind == kind]
        if not mine:
            continue
        colour, symbol = EVENT_STYLE[kind]
        figure.add_trace(
            go.Scatter(
                name=label,
                x=[timezone.localtime(e.when, zone) for e in mine],
                y=[EVENT_Y] * len(mine),
                mode="markers",
                marker={"color": colour, "symbol": symbol, "size": 10},
                text=[e.label for e in mine],
                hovertemplate="%{x|%d %b}: %{text}<extra>" + label + "</extra>",
            )
        )
    figure.update_layout(
        height=360,
        margin={"l": 50, "r": 10, "t": 10, "b": 40},
        yaxis={
            "range": [0, 5.5],
            "tickvals": [EVENT_Y, 1, 2, 3, 4, 5],
            "ticktext": ["events", "1", "2", "3", "4", "5"],
        },
        legend={"orientation": "h", "y": -0.2},
    )
    return figure
