"""Rule-based findings. Each rule speaks only when the evidence clears noise, and says what
it is based on; otherwise the page says which data would be needed.

Thresholds, all from 95% Wilson intervals (see stats.py):

* channels: the best and the worst channel (each with at least the minimum sample) have
  reply-rate intervals that do not overlap;
* one step: the share of all lost applications lost at one step is above half even at the low
  end of its interval;
* late-stage reasons: at least 3 late-stage rejections cite one category, and its share is
  above a quarter at the low end of its interval;
* many applications, few replies: at least 20 decided applications, and the reply rate is below
  one in five even at the high end of its interval.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse

from onward.pipeline.models import LossType, StageKind

from .metrics import Filters, FunnelSummary
from .stats import Rate, min_n

MANY_APPLICATIONS = 20
FEW_REPLIES = 0.2
ONE_STEP_SHARE = 0.5
REASON_SHARE = 0.25
REASON_MIN_COUNT = 3


@dataclass
class Finding:
    key: str
    title: str
    evidence: list[str]
    advice: str
    links: list[tuple[str, str]] = field(default_factory=list)
    step_index: int | None = None


@dataclass
class Diagnosis:
    findings: list[Finding]
    missing: list[str]


def applications_url(filters: Filters, **params) -> str:
    query = {**filters.as_query(), **{k: v for k, v in params.items() if v is not None}}
    return f"{reverse('insights:applications')}?{urlencode(query)}"


def channel_gap(groups: list[FunnelSummary], filters: Filters) -> Finding | None:
    """One channel gets replies far more often than another."""
    usable = [g for g in groups if g.key and not g.response_rate.too_small]
    if len(usable) < 2:
        return None
    # A rate has no value only with no decided applications (possible when the minimum sample
    # is set to 0); its interval is then 0-100%, so it never makes a finding.
    best = max(usable, key=lambda g: g.response_rate.value or 0.0)
    worst = min(usable, key=lambda g: g.response_rate.value or 0.0)
    if best.response_rate.low <= worst.response_rate.high:
        return None
    return Finding(
        key="channel_gap",
        title=f"{best.label} gets replies far more often than {worst.label}",
        evidence=[
            f"{best.label}: {best.response_rate}.",
            f"{worst.label}: {worst.response_rate}.",
            "The two intervals do not overlap, so the gap is larger than chance would explain.",
        ],
        advice=(
            f"Put more of your effort into {best.label.lower()}, and ask what makes "
            f"{worst.label.lower()} applications go unanswered before sending more that way."
        ),
        links=[
            (f"{best.label} applications", applications_url(filters, by="source", value=best.key)),
            (
                f"{worst.label} applications",
                applications_url(filters, by="source", value=worst.key),
            ),
        ],
    )


STEP_ADVICE = {
    "first": "Most losses come before anyone replies: look at targeting and the résumé first.",
    "middle": "Practise for this step: rehearse it with a friend or a coach, and debrief "
    "each time to see what keeps coming up.",
    "offer": "Losses at the offer step: review how you negotiate and which offers you decline.",
}


def one_step_losses(summary: FunnelSummary, filters: Filters) -> Finding | None:
    """The search loses most applications at one step."""
    lost = [
        sum(summary.ended[i][loss] for loss in LossType.values) for i in range(len(summary.steps))
    ]
    total = sum(lost)
    if total < min_n():
        return None
    index = max(range(len(lost)), key=lambda i: lost[i])
    share = Rate.of(lost[index], total)
    if share.low <= ONE_STEP_SHARE:
        return None
    step = summary.steps[index]
    if index == summary.sent_index:
        advice = STEP_ADVICE["first"]
    elif step.kind in (StageKind.OFFER, StageKind.WON):
        advice = STEP_ADVICE["offer"]
    else:
        advice = STEP_ADVICE["middle"]
    return Finding(
        key="one_step",
        title=f"Most applications that ended were lost at “{step.name}”",
        evidence=[
            f"Of the applications that ended (rejected, ghosted or withdrawn), {share} went no "
            f"further than {step.name}.",
            "Even at the low end of the interval that is more than half of all losses.",
        ],
        advice=advice,
        links=[
            (
                f"Applications lost at {step.name}",
                applications_url(filters, at=step.position, outcome="lost"),
            )
        ],
        step_index=index,
    )


def repeated_late_reason(
    late_counts: dict[str, int], late_total: int, labels: dict[str, str], filters: Filters
) -> Finding | None:
    """Late-stage rejections keep citing one reason category."""
    if late_total < min_n() or not late_counts:
        return None
    category, k = max(late_counts.items(), key=lambda item: item[1])
    share = Rate.of(k, late_total)
    if k < REASON_MIN_COUNT or share.low <= REASON_SHARE:
        return None
    label = labels.get(category, category)
    return Finding(
        key="late_reason",
        title=f"Late-stage rejections keep citing “{label}”",
        evidence=[
            f"Of the rejections after technical or final rounds whose debrief names a cause, "
            f"{share} cite {label.lower()}.",
            "Even at the low end of the interval, that is more than a quarter of them.",
        ],
        advice="This is the one to work on: a lesson plan, a mock interview or a project that "
        "addresses it directly.",
        links=[
            (
                "The applications behind it",
                applications_url(filters, reason=category, late="1"),
            )
        ],
    )


def few_replies(summary: FunnelSummary, filters: Filters) -> Finding | None:
    """Many applications, few replies: targeting or résumé, not volume."""
    rate = summary.response_rate
    if rate.n < max(MANY_APPLICATIONS, min_n()) or rate.high >= FEW_REPLIES:
        return None
    first = summary.steps[summary.sent_index]
    return Finding(
        key="few_replies",
        title="Many applications, few replies",
        evidence=[
            f"Replies (including rejections): {rate}.",
            "Even at the optimistic end of the interval, fewer than one in five get any answer.",
        ],
        advice="Sending more of the same is unlikely to help: look at which roles you target "
        "and how the résumé reads for them.",
        links=[
            (
                "Applications with no reply",
                applications_url(filters, at=first.position, outcome="noreply"),
            )
        ],
    )


def what_is_missing(
    summary: FunnelSummary, sources: list[FunnelSummary], late_total: int, has_debriefs: bool
) -> list[str]:
    """Plain sentences about the data a finding would need."""
    minimum = min_n()
    notes = []
    if summary.decided < minimum:
        notes.append(
            f"{summary.decided} application(s) have had time for a reply; the findings start "
            f"at {minimum}."
        )
    unrecorded = sum(g.sent for g in sources if not g.key)
    if unrecorded:
        notes.append(
            f"{unrecorded} application(s) have no source recorded; add it to compare channels."
        )
    usable = [g for g in sources if g.key and not g.response_rate.too_small]
    if len(usable) < 2:
        notes.append(
            f"Comparing channels needs two channels with at least {minimum} decided "
            f"applications each (you have {len(usable)})."
        )
    if not has_debriefs:
        notes.append("No debrief is linked to these applications yet, so there are no reasons.")
    elif late_total < minimum:
        notes.append(
            f"{late_total} late-stage rejection(s) name a cause in their debrief; a pattern "
            f"needs at least {minimum}."
        )
    return notes


def diagnose(
    summary: FunnelSummary,
    sources: list[FunnelSummary],
    filters: Filters,
    late_counts: dict[str, int] | None = None,
    late_total: int = 0,
    reason_labels: dict[str, str] | None = None,
    has_debriefs: bool = False,
) -> Diagnosis:
    candidates = [
        channel_gap(sources, filters),
        few_replies(summary, filters),
        one_step_losses(summary, filters),
        repeated_late_reason(late_counts or {}, late_total, reason_labels or {}, filters),
    ]
    findings = [f for f in candidates if f is not None]
    keys = {f.key for f in findings}
    if "few_replies" in keys:
        # The same story told twice: losses before any reply are the few-replies finding.
        findings = [f for f in findings if f.step_index != summary.sent_index]
    missing = what_is_missing(summary, sources, late_total, has_debriefs)
    return Diagnosis(findings, missing)
