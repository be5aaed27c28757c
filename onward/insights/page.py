"""Everything the insights page and the printable report show, computed up front (no queries
from templates). The number of queries does not grow with the number of applications.

The page answers first with the funnel, how applications stand and the Sankey diagram
(``main``); the findings and the heavier sections (``LAZY``) come in as fragments
of the same template, each computed by its own function. The report and the page's full
version (``insights``) compute them all."""

from datetime import datetime
from typing import NamedTuple
from urllib.parse import urlencode

from django.db.models import QuerySet

from onward.core.charts import to_html
from onward.debrief.taxonomy import ReasonCategory

from . import charts, debriefs, diagnosis, durations, metrics
from .stats import min_n


class Basis(NamedTuple):
    """What every section starts from."""

    steps: list[metrics.Step]
    applications: QuerySet
    cutoff: datetime  # open applications silent since before it count as ghosted
    stages: dict[int, metrics.StageRow]


def basics(user, filters: metrics.Filters) -> Basis:
    stages = metrics.stage_table(user)
    steps = metrics.funnel_steps(user, include_wishlist=filters.include_wishlist, stages=stages)
    return Basis(steps, metrics.applications(user, filters), metrics.silence_cutoff(user), stages)


def main(user, filters: metrics.Filters, by: str = "source") -> dict:
    """What the page's first response holds: the funnel, how applications stand, the Sankey."""
    steps, qs, cutoff, stages = basics(user, filters)
    summary = metrics.funnel(user, qs, steps, cutoff, stages=stages)
    flows = metrics.sankey_flows(summary)
    return {
        "steps": steps,
        "summary": summary,
        "funnel_rows": summary.rows,
        "flows": flows,
        "sankey_html": to_html(
            charts.sankey_figure(flows),
            "sankey",
            "The search as flows from step to step, and out at each step; "
            "the table below holds the same flows.",
            tall=True,
        )
        if flows
        else "",
        "min_n": min_n(),
        "filters": filters,
        "by": by,
        "section_query": urlencode({**filters.as_query(), "by": by}),
    }


def findings(user, filters: metrics.Filters, by: str = "source") -> dict:
    """What stands out: the diagnosis rules over the funnel by source and the debrief reasons."""
    steps, qs, cutoff, stages = basics(user, filters)
    source = metrics.dimension(user, "source")
    sources = metrics.breakdown(user, qs, steps, cutoff, source, stages=stages)
    reasons = debriefs.rejection_reasons(qs)
    late_counts, late_total = debriefs.late_stage_reasons(reasons)
    found = diagnosis.diagnose(
        metrics.combine(sources, steps),
        sources,
        filters,
        late_counts=late_counts,
        late_total=late_total,
        reason_labels=dict(ReasonCategory.choices),
        has_debriefs=not reasons.is_empty or debriefs.has_lessons(qs),
    )
    return {"diagnosis": found}


def breakdown(user, filters: metrics.Filters, by: str = "source") -> dict:
    """The breakdown by ``by``, with each group's median days to a first reply, and its chart."""
    steps, qs, cutoff, stages = basics(user, filters)
    dim = metrics.dimension(user, by)
    groups = metrics.breakdown(user, qs, steps, cutoff, dim, stages=stages)
    _, group_medians = durations.days_to_first_reply_by_group(qs, steps, dim)
    for group in groups:
        group.median_reply = group_medians.get(group.key, durations.NO_MEDIAN)
    chart = ""
    if any(g.decided for g in groups):
        title = f"Reply rate by {dim.label.lower()}"
        label = f"{title}, with each rate's 95% interval; the table below holds the figures."
        chart = to_html(charts.rate_figure(groups, title), "breakdown-chart", label)
    return {"steps": steps, "dimension": dim, "groups": groups, "group_chart_html": chart}


def timing(user, filters: metrics.Filters, by: str = "source") -> dict:
    """Median days spent in each step, and to a first reply."""
    steps, qs, _, _ = basics(user, filters)
    in_stage = durations.days_in_stage(qs, steps)
    return {
        "steps": steps,
        "stage_medians": [(step, in_stage.get(i)) for i, step in enumerate(steps)],
        "first_reply": durations.days_to_first_reply(qs, steps),
    }


def reasons(user, filters: metrics.Filters, by: str = "source", *, lessons: int = 8) -> dict:
    """Rejection reasons and lessons from the debriefs, by how far the application got."""
    qs = basics(user, filters).applications
    return {
        "reasons": debriefs.rejection_reasons(qs),
        "lessons_table": debriefs.lessons_by_stage(qs),
        "recent_lessons": debriefs.recent_lessons(qs, lessons),
    }


# The sections that load after the first response, by name (a partial of insights/index.html).
LAZY = {"findings": findings, "breakdown": breakdown, "timing": timing, "reasons": reasons}


def insights(user, filters: metrics.Filters, by: str = "source", *, lessons: int = 8) -> dict:
    """Every section, for the report and the page's full version."""
    context = main(user, filters, by)
    context.update(findings(user, filters, by))
    context.update(breakdown(user, filters, by))
    context.update(timing(user, filters, by))
    context.update(reasons(user, filters, by, lessons=lessons))
    return context
