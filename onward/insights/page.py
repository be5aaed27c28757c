"""Everything the insights page and the printable report show, computed up front (no queries
from templates). The number of queries does not grow with the number of applications."""

from onward.core.charts import to_html
from onward.debrief.taxonomy import ReasonCategory

from . import charts, debriefs, diagnosis, metrics
from .stats import min_n


def insights(user, filters: metrics.Filters, by: str = "source", *, lessons: int = 8) -> dict:
    steps = metrics.funnel_steps(user, include_wishlist=filters.include_wishlist)
    qs = metrics.applications(user, filters)
    cutoff = metrics.silence_cutoff(user)

    sources = metrics.breakdown(qs, steps, cutoff, metrics.dimension(user, "source"))
    summary = metrics.combine(sources, steps)
    if by == "source":
        dim = metrics.dimension(user, "source")
        groups = sources
    else:
        dim = metrics.dimension(user, by)
        groups = metrics.breakdown(qs, steps, cutoff, dim)
    first_reply, group_medians = metrics.days_to_first_reply_by_group(qs, steps, dim)
    for group in groups:
        group.median_reply = group_medians.get(group.key, metrics.Median(None, 0))

    reasons = debriefs.rejection_reasons(qs)
    late_counts, late_total = debriefs.late_stage_reasons(reasons)
    lessons_table = debriefs.lessons_by_stage(qs)
    found = diagnosis.diagnose(
        summary,
        sources,
        filters,
        late_counts=late_counts,
        late_total=late_total,
        reason_labels=dict(ReasonCategory.choices),
        has_debriefs=not reasons.is_empty or not lessons_table.is_empty,
    )
    flows = metrics.sankey_flows(summary)
    stage_medians = metrics.days_in_stage(qs, steps)
    rows = summary.rows
    for row in rows:
        row["median_days"] = stage_medians.get(row["index"])
    return {
        "steps": steps,
        "summary": summary,
        "funnel_rows": rows,
        "flows": flows,
        "sankey_html": to_html(charts.sankey_figure(flows), "sankey") if flows else "",
        "dimension": dim,
        "groups": groups,
        "group_chart_html": (
            to_html(
                charts.rate_figure(groups, f"Reply rate by {dim.label.lower()}"), "breakdown-chart"
            )
            if any(g.decided for g in groups)
            else ""
        ),
        "first_reply": first_reply,
        "reasons": reasons,
        "lessons_table": lessons_table,
        "recent_lessons": debriefs.recent_lessons(qs, lessons),
        "diagnosis": found,
        "min_n": min_n(),
        "filters": filters,
    }
