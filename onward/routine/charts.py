"""Plotly figures for the routine, one function per chart (embedded without the Plotly
library: the page loads it once, from Onward's own static files)."""

import plotly.graph_objects as go

from .progress import MEASURES, WeekProgress

COLOURS = ["#2457c5", "#1e7b46", "#9a5b00", "#7b3fa0", "#5b6475"]


def week_label(week: WeekProgress) -> str:
    return f"{week.starts_on.day} {week.starts_on:%b}"


def activity_figure(weeks: list[WeekProgress]) -> go.Figure:
    """Each goal's share reached, week by week; the dashed line is the goal."""
    figure = go.Figure()
    labels = [week_label(w) for w in weeks]
    for measure, colour in zip(MEASURES, COLOURS, strict=True):
        goals = [w.goal(measure.key) for w in weeks]
        figure.add_trace(
            go.Bar(
                name=measure.label,
                x=labels,
                y=[(g.done / g.target * 100) if g.target else None for g in goals],
                marker_color=colour,
                text=[f"{g.done_display} of {g.target}" for g in goals],
                hovertemplate="%{x}: %{text}<extra>" + measure.label + "</extra>",
                textposition="none",
            )
        )
    figure.add_hline(y=100, line_dash="dash", line_color="#1d2330", opacity=0.6)
    figure.update_layout(
        barmode="group",
        height=340,
        margin={"l": 50, "r": 10, "t": 10, "b": 40},
        yaxis={"title": "% of the goal", "rangemode": "tozero"},
        legend={"orientation": "h", "y": -0.2},
    )
    return figure
