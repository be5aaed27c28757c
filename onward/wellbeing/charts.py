"""Chart.js configurations for the wellbeing page, one function per chart (see
onward/core/charts.py for how they reach the page)."""

from django.utils import timezone

from onward.core.charts import day_value

from .events import EVENT_KINDS, Event

# Each kind's colour and Chart.js point style (an open circle has no fill).
EVENT_STYLE = {
    "application": ("#2457c5", "circle"),
    "interview": ("#1e7b46", "rectRot"),
    "rejection": ("#b3261e", "crossRot"),
    "offer": ("#9a5b00", "star"),
}
# Event markers sit on their own band under the 1-5 scale.
EVENT_Y = 0.4


def mood_figure(check_ins: list, events: list[Event], zone) -> dict:
    """Mood and energy over time (1-5), with the job-search events marked underneath."""

    def when(moment):
        return timezone.localtime(moment, zone)

    def day(moment) -> str:
        return f"{moment.day} {moment:%b}"

    moods = [(when(c.created_at), c) for c in check_ins]
    datasets: list[dict] = [
        {
            "label": "Mood",
            "data": [{"x": day_value(w), "y": c.mood} for w, c in moods],
            "borderColor": "#2457c5",
            "backgroundColor": "#2457c5",
            "tooltips": [f"{day(w)}: mood {c.mood}/5" for w, c in moods],
        }
    ]
    energy = [(w, c.energy) for w, c in moods if c.energy]
    if energy:
        datasets.append(
            {
                "label": "Energy",
                "data": [{"x": day_value(w), "y": e} for w, e in energy],
                "borderColor": "#1e7b46",
                "backgroundColor": "#1e7b46",
                "borderDash": [2, 3],
                "tooltips": [f"{day(w)}: energy {e}/5" for w, e in energy],
            }
        )
    for kind, label in EVENT_KINDS.items():
        mine = [(when(e.when), e) for e in events if e.kind == kind]
        if not mine:
            continue
        colour, symbol = EVENT_STYLE[kind]
        datasets.append(
            {
                "label": label,
                "data": [{"x": day_value(w), "y": EVENT_Y} for w, _ in mine],
                "showLine": False,
                "pointStyle": symbol,
                "pointRadius": 6,
                "borderColor": colour,
                "backgroundColor": "transparent" if kind == "application" else colour,
                "tooltips": [f"{day(w)}: {label}, {e.label}" for w, e in mine],
            }
        )
    ticks = [[EVENT_Y, "events"]] + [[n, str(n)] for n in range(1, 6)]
    return {
        "type": "line",
        "data": {"datasets": datasets},
        "options": {
            "plugins": {"legend": {"position": "bottom"}},
            "scales": {"x": {"type": "linear"}, "y": {"min": 0, "max": 5.5}},
        },
        "onward": {"dates": "x", "ticks": {"y": ticks}},
    }
