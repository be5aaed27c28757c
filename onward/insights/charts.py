"""Plotly figures for the insights page, one function per chart, embedded as HTML without the
Plotly library (the page loads it once, from Onward's own static files).

Each figure is the plain dict Plotly's figure schema describes, not a ``go.Figure``: building and
validating one costs ~2 ms per chart on every page view, more than the page's own counting.
The tests validate every figure against the schema instead (``go.Figure(figure)`` raises on
any property Plotly does not know)."""

import plotly.io as pio

from .metrics import Flow, FunnelSummary

# The look a go.Figure gets by default (Plotly's default template), as the other apps' charts
# have it: read once, then put in each figure's layout.
TEMPLATE = pio.templates[pio.templates.default].to_plotly_json()

EXIT_COLOURS = {
    "Rejected": "rgba(179, 38, 30, 0.75)",
    "Ghosted": "rgba(91, 100, 117, 0.65)",
    "Withdrawn": "rgba(154, 91, 0, 0.7)",
    "Still open": "rgba(36, 87, 197, 0.35)",
}
STEP_COLOUR = "rgba(36, 87, 197, 0.85)"
LINK_COLOUR = "rgba(36, 87, 197, 0.25)"


def sankey_figure(flows: list[Flow]) -> dict:
    """The whole search: step to step, and the exits at each step."""
    labels: list[str] = []
    for flow in flows:
        for name in (flow.source, flow.target):
            if name not in labels and name not in EXIT_COLOURS:
                labels.append(name)
    labels += [name for name in EXIT_COLOURS if any(f.target == name for f in flows)]
    index = {name: i for i, name in enumerate(labels)}
    sankey = {
        "type": "sankey",
        "arrangement": "snap",
        "node": {
            "label": labels,
            "pad": 18,
            "thickness": 16,
            "color": [EXIT_COLOURS.get(name, STEP_COLOUR) for name in labels],
        },
        "link": {
            "source": [index[f.source] for f in flows],
            "target": [index[f.target] for f in flows],
            "value": [f.value for f in flows],
            "color": [
                EXIT_COLOURS.get(f.target, LINK_COLOUR).replace("0.75", "0.3") for f in flows
            ],
        },
    }
    layout = {
        "template": TEMPLATE,
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
        "height": 420,
        "font": {"size": 13},
    }
    return {"data": [sankey], "layout": layout}


def rate_figure(groups: list[FunnelSummary], title: str) -> dict:
    """Response rate per group, with its 95% interval as error bars; small groups greyed."""
    shown = [g for g in groups if g.decided]
    rates = [g.response_rate for g in shown]
    # Every group shown has decided applications, so every rate has a value (k / n).
    values = [r.k / r.n for r in rates]
    bar = {
        "type": "bar",
        "x": [g.label for g in shown],
        "y": values,
        "marker": {"color": ["#c9ced8" if r.too_small else "#2457c5" for r in rates]},
        "error_y": {
            "type": "data",
            "symmetric": False,
            "array": [r.high - v for r, v in zip(rates, values, strict=True)],
            "arrayminus": [v - r.low for r, v in zip(rates, values, strict=True)],
        },
        "text": [f"{r.k} of {r.n}" for r in rates],
        "hovertemplate": "%{x}: %{y:.0%} (%{text})<extra></extra>",
    }
    layout = {
        "template": TEMPLATE,
        "margin": {"l": 40, "r": 10, "t": 30, "b": 40},
        "height": 320,
        "title": {"text": title, "font": {"size": 14}},
        "yaxis": {"tickformat": ".0%", "range": [0, 1]},
    }
    return {"data": [bar], "layout": layout}
