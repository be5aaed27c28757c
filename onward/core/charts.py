"""What every chart shares. A chart is a Chart.js configuration (a plain dict: ``type``,
``data``, ``options``) built by one function per chart in each app's ``charts.py``. It travels
as JSON in a data attribute (never an inline script), and onward/static/onward/charts.js draws
it once it nears the screen, with Chart.js from Onward's own static files (never a CDN).

Chart.js options that would be functions are written as data instead, which charts.js reads:
- a colour ``"var(--ink)"`` (any ``var(--…)``) is the page's colour, so a chart follows the theme;
- a dataset's ``tooltips`` is the tooltip line for each of its points;
- a Sankey dataset's ``nodeColours`` (node name: colour) colours each flow from its ends;
- a top-level ``"onward": {"dates": "x"}`` says the x values are moments (``day_value``),
  labelled with their day, like "3 Dec";
- ``"onward": {"ticks": {"y": [[0.4, "events"], ...]}}`` puts labelled ticks at fixed values.
"""

import datetime
import json

from django.utils.html import format_html

# The page's colours, resolved in the browser (light or dark theme).
INK = "var(--ink)"
LINE = "var(--line)"


def to_html(config: dict, div_id: str, label: str, tall: bool = False) -> str:
    """The chart's <div>, holding a <canvas> named ``label`` for screen readers (each chart's
    figures are also in a table or a summary beside it)."""
    return format_html(
        '<div id="{}" class="chart-plot{}" data-chart="{}">'
        '<canvas role="img" aria-label="{}"></canvas></div>',
        div_id,
        " tall" if tall else "",
        json.dumps(config, separators=(",", ":")),
        label,
    )


def day_value(moment: datetime.datetime) -> int:
    """A local date and time as charts.js's date axis reads it: its wall-clock time as
    milliseconds since 1970, so the browser shows the day the user lived, whatever its zone."""
    wall = moment.replace(tzinfo=datetime.UTC)
    return int(wall.timestamp() * 1000)
