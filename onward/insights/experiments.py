"""Before and after a deliberate change: the same funnel definitions on both sides.

Applications are split on the date they were sent: before the start date, or from the start
date up to the end date (if there is one). Applications sent within the no-reply threshold
(say 21 days) are set aside on both sides: they have not had a fair chance to get a reply, and
counting them would make every new experiment look worse than it is.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Case as CaseExpression
from django.db.models import CharField, Value, When
from django.utils import timezone

from onward.accounts.models import profile_for

from .metrics import (
    Dimension,
    Filters,
    FunnelSummary,
    applications,
    applied_date,
    first_sent_index,
    funnel_rows,
    funnel_steps,
    silence_cutoff,
    summarise_groups,
)
from .stats import Difference, min_n

VERDICTS = {
    "too little data": "Too little data to tell yet.",
    "within noise": "The difference is still within noise.",
    "better": "Better after the change, beyond noise.",
    "worse": "Worse after the change, beyond noise.",
}


@dataclass
class Comparison:
    before: FunnelSummary
    after: FunnelSummary
    set_aside: int
    rows: list[tuple[str, Difference]]
    recent_since: date

    @property
    def headline(self) -> Difference:
        return self.rows[0][1]

    @property
    def verdict(self) -> str:
        return self.headline.verdict

    @property
    def verdict_text(self) -> str:
        return VERDICTS[self.verdict]

    @property
    def minimum(self) -> int:
        return min_n()


def compare(user, started_on: date, ended_on: date | None = None, now=None) -> Comparison:
    now = now or timezone.now()
    steps = funnel_steps(user)
    recent_since = timezone.localdate(now) - timedelta(days=profile_for(user).ghost_after_days)
    period = CaseExpression(
        When(applied__gt=recent_since, then=Value("recent")),
        When(applied__lt=started_on, then=Value("before")),
        When(applied__lte=ended_on or date.max, then=Value("after")),
        default=Value("later"),
        output_field=CharField(),
    )
    qs = applications(user, Filters()).annotate(applied=applied_date())
    rows = funnel_rows(user, qs, steps, silence_cutoff(user, now), period)
    groups = {g.key: g for g in summarise_groups(rows, steps, Dimension("period", "", period))}

    def group(key: str) -> FunnelSummary:
        return groups.get(key) or FunnelSummary(steps=steps, sent_index=first_sent_index(steps))

    before, after = group("before"), group("after")
    compared = [
        ("Got a reply", Difference(before.response_rate, after.response_rate)),
        ("Ghosted", Difference(before.ghosting_rate, after.ghosting_rate, higher_is_better=False)),
    ]
    for index in range(before.sent_index + 1, len(steps)):
        compared.append(
            (
                f"Reached {steps[index].name}",
                Difference(before.reached_rate(index), after.reached_rate(index)),
            )
        )
    return Comparison(before, after, group("recent").total, compared, recent_since)
