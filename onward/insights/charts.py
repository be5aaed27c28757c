"""Chart.js configurations for the insights page, one function per chart (see
onward/core/charts.py for how they reach the page)."""

from onward.core.charts import INK

from .metrics import Flow, FunnelSummary

EXIT_COLOURS = {
    "Rejected": "rgba(179, 38, 30, 0.75)",
    "Ghosted": "rgba(91, 100, 117, 0.65)",
    "Withdrawn": "rgba(154, 91, 0, 0.7)",
    "Still open": "rgba(36, 87, 197, 0.35)",
}
STEP_COLOUR = "rgba(36, 87, 197, 0.85)"
SMALL_COLOUR = "#c9ced8"
RATE_COLOUR = "#2457c5"


def sankey_figure(flows: list[Flow]) -> dict:
    """The whole search: step to step, and the exits at each step (each exit in its colour)."""
    steps: list[str] = []
    for flow in flows:
        for name in (flow.source, flow.target):
            if name not in steps and name not in EXIT_COLOURS:
                steps.append(name)
    nodes = steps + [name for name in EXIT_COLOURS if any(f.target == name for f in flows)]
    sankey = {
        "label": "Applications",
        "data": [{"from": f.source, "to": f.target, "flow": f.value} for f in flows],
        # Each node's colour (charts.js colours each flow from its two ends).
        "nodeColours": {name: EXIT_COLOURS.get(name, STEP_COLOUR) for name in nodes},
        "colorMode": "to",
        "alpha": 0.5,
        "borderWidth": 0,
        "nodeWidth": 14,
        "color": INK,
        "font": {"size": 13},
    }
    return {
        "type": "sankey",
        "data": {"datasets": [sankey]},
        "options": {"plugins": {"legend": {"display": False}}},
    }


def rate_figure(groups: list[FunnelSummary], title: str) -> dict:
    """Response rate per group, with its 95% interval as error bars; small groups greyed."""
    shown = [g for g in groups if g.decided]
    rates = [g.response_rate for g in shown]
    # Every group shown has decided applications, so every rate has a value (k / n).
    values = [r.k / r.n for r in rates]
    bar = {
        "label": "Reply rate",
        "data": [
            {"y": v, "yMin": r.low, "yMax": r.high} for r, v in zip(rates, values, strict=True)
        ],
        "backgroundColor": [SMALL_COLOUR if r.too_small else RATE_COLOUR for r in rates],
        "errorBarColor": INK,
        "errorBarWhiskerColor": INK,
        "tooltips": [
            f"{v:.0%} replied ({r.k} of {r.n}{', too little data' if r.too_small else ''})"
            for r, v in zip(rates, values, strict=True)
        ],
    }
    return {
        "type": "barWithErrorBars",
        "data": {"labels": [g.label for g in shown], "datasets": [bar]},
        "options": {
            "plugins": {
                "legend": {"display": False},
                "title": {"display": True, "text": title, "font": {"size": 14}},
            },
            "scales": {
                "y": {
                    "min": 0,
                    "max": 1,
                    "ticks": {
                        "format": {
                            "style": "percent",
                            "minimumFractionDigits": 0,
                            "maximumFractionDigits": 0,
                        }
                    },
                }
            },
        },
    }
