"""Chart.js configurations for the routine, one function per chart (see onward/core/charts.py
for how they reach the page)."""

from onward.core.charts import INK

from .progress import MEASURES, WeekProgress

COLOURS = ["#2457c5", "#1e7b46", "#9a5b00", "#7b3fa0", "#5b6475"]


def week_label(week: WeekProgress) -> str:
    return f"{week.starts_on.day} {week.starts_on:%b}"


def activity_figure(weeks: list[WeekProgress]) -> dict:
    """Each goal's share reached, week by week; the dashed line is the goal."""
    datasets: list[dict] = []
    for measure, colour in zip(MEASURES, COLOURS, strict=True):
        goals = [w.goal(measure.key) for w in weeks]
        datasets.append(
            {
                "label": measure.label,
                # Hours are Decimals: JSON takes floats.
                "data": [
                    round(float(g.done / g.target * 100), 1) if g.target else None for g in goals
                ],
                "backgroundColor": colour,
                "tooltips": [
                    f"{measure.label}: {g.done_display} of {g.target}"
                    if g.target
                    else f"{measure.label}: {g.done_display}, no goal"
                    for g in goals
                ],
            }
        )
    datasets.append(
        {
            "type": "line",
            "label": "Goal",
            "data": [100] * len(weeks),
            "borderColor": INK,
            "borderDash": [6, 4],
            "borderWidth": 1.5,
            "pointRadius": 0,
            "tooltips": ["Goal: 100%"] * len(weeks),
        }
    )
    return {
        "type": "bar",
        "data": {"labels": [week_label(w) for w in weeks], "datasets": datasets},
        "options": {
            "plugins": {"legend": {"position": "bottom"}},
            "scales": {
                "y": {"beginAtZero": True, "title": {"display": True, "text": "% of the goal"}}
            },
        },
    }
