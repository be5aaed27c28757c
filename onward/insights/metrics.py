"""The numbers behind the insights page: plain functions over querysets, one per metric.

Definitions (the user documentation in docs/insights.md says the same in plain words):

* **Steps** are the user's stages that are not "lost", in position order. Wishlist stages
  (kind "open") are left out unless the user asks to include wishlist items.
* **Furthest step** of an application: the highest-position non-lost stage in its stage history,
  whatever the order or dates of the moves. A rejection after the final round therefore counts as
  having reached the final round, and a move backwards does not undo a step reached.
* **Sent**: reached the first step after the wishlist (normally "Applied").
* **Reply**: moved beyond the first step, or was rejected (a rejection is a reply too).
  Ghosted and withdrawn applications that never moved did not get a reply.
* **Ghosted**: ended in a "ghosted" stage, or still open with no change for longer than the
  user's no-reply threshold (the same rule as the board's "no reply" badge).
* **Too early to tell**: sent, still waiting at the first step, and younger than that threshold.
  These are left out of the response and ghosting rates, since they have had no fair chance.
* **Conversion** from one step to the next counts only applications that are decided at that
  step: the ones still waiting there are left out until they move on or end.

Counting is done by the database: one grouped query returns how many applications ended at
each (furthest step, outcome) pair, per group when broken down; Python only adds up those few
grouped rows. The furthest step is a subquery per application over its stage history, which
an index answers; a ``GROUP BY`` around it counts the applications (see ``funnel_rows``).

Medians are computed by the database too (see ``durations.medians``): one row comes back per group.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from django.db.models import Case as CaseExpression
from django.db.models import (
    CharField,
    Count,
    DateField,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat, TruncDate, TruncMonth
from django.utils import timezone

from onward.accounts.models import profile_for
from onward.documents.models import DocumentKind, DocumentLink
from onward.pipeline.history import furthest_position
from onward.pipeline.models import (
    Application,
    LossType,
    Source,
    Stage,
    StageChange,
    StageKind,
    WorkMode,
)

from .stats import Rate

if TYPE_CHECKING:  # durations builds on this module
    from .durations import Median

APPLIED_KINDS = [StageKind.ACTIVE, StageKind.OFFER, StageKind.WON]
NOT_LOST_KINDS = [StageKind.OPEN, *APPLIED_KINDS]

# How an application stands now, from the kind of its current stage.
OUTCOMES = [
    ("rejected", "Rejected"),
    ("ghosted", "Ghosted"),
    ("withdrawn", "Withdrawn"),
    ("offer", "Offer on the table"),
    ("accepted", "Accepted"),
    ("open", "Still open"),
]
OUTCOME_LABELS = dict(OUTCOMES)
# Where each outcome leaves the Sankey diagram; accepted applications end at their own step.
EXIT_NODES = {
    "rejected": "Rejected",
    "ghosted": "Ghosted",
    "withdrawn": "Withdrawn",
    "offer": "Still open",
    "open": "Still open",
}

DIMENSIONS = {
    "source": "Source / channel",
    "resume": "Résumé version",
    "work_mode": "Work mode",
    "title_group": "Role title group",
    "company": "Company",
    "month": "Month applied",
}
NOT_RECORDED = "Not recorded"


@dataclass(frozen=True)
class Step:
    position: int
    name: str
    kind: str


@dataclass(frozen=True)
class Filters:
    start: date | None = None
    end: date | None = None
    include_wishlist: bool = False

    def as_query(self) -> dict[str, str]:
        query = {}
        if self.start:
            query["start"] = self.start.isoformat()
        if self.end:
            query["end"] = self.end.isoformat()
        if self.include_wishlist:
            query["include_wishlist"] = "on"
        return query


def outcome_of(kind: str, loss_type: str) -> str:
    if kind == StageKind.LOST:
        return loss_type or LossType.REJECTED
    if kind == StageKind.OFFER:
        return "offer"
    if kind == StageKind.WON:
        return "accepted"
    return "open"


# --- Steps and the population -------------------------------------------------------------


class StageRow(NamedTuple):
    position: int
    name: str
    kind: str
    loss_type: str


def stage_table(user) -> dict[int, StageRow]:
    """{stage id: its row} for all the user's stages, in position order: one small read that
    the funnel's steps and its counts can share."""
    rows = Stage.objects.for_user(user).order_by("position", "pk")
    return {
        pk: StageRow(*row)
        for pk, *row in rows.values_list("pk", "position", "name", "kind", "loss_type")
    }


def progress_positions(stages: dict[int, StageRow]) -> dict[int, int]:
    """{stage id: position} of the stages that count as progress (all but the lost ones), for
    ``pipeline.history.furthest_position``."""
    return {pk: row.position for pk, row in stages.items() if row.kind != StageKind.LOST}


def funnel_steps(
    user, *, include_wishlist: bool = False, stages: dict[int, StageRow] | None = None
) -> list[Step]:
    """The user's non-lost stages in order: the steps an application can reach. ``stages``
    is the user's ``stage_table``, when the caller has read it already."""
    steps: list[Step] = []
    for row in (stages if stages is not None else stage_table(user)).values():
        if row.kind == StageKind.LOST or (row.kind == StageKind.OPEN and not include_wishlist):
            continue
        if steps and steps[-1].position == row.position:
            continue  # two stages at one position count as one step
        steps.append(Step(row.position, row.name, row.kind))
    return steps


def first_sent_index(steps: list[Step]) -> int:
    """Index of the first step that means "applied" (the first one that is not a wishlist)."""
    return next((i for i, s in enumerate(steps) if s.kind != StageKind.OPEN), 0)


def furthest_or_fallback(positions: dict[int, int], sent_position: int):
    """Expression: the furthest non-lost position in an application's history (see
    ``pipeline.history.furthest_position``), or its ``fallback_position``."""
    fallback = CaseExpression(
        When(stage__kind=StageKind.LOST, then=Value(sent_position)),
        default=F("stage__position"),
        output_field=IntegerField(),
    )
    return Coalesce(furthest_position(positions), fallback, output_field=IntegerField())


def fallback_position(kind: str, position: int, sent_position: int) -> int:
    """Where an application without history counts (imported, say): at its current stage, or
    at the first "sent" step when it sits in a lost stage."""
    return sent_position if kind == StageKind.LOST else position


def applied_date():
    """Expression: the day an application was sent (the date given, else the first move into
    an applied stage, else the day it was created)."""
    first_move = (
        StageChange.objects.filter(application=OuterRef("pk"), to_stage__kind__in=APPLIED_KINDS)
        .order_by("changed_at", "pk")
        .values("changed_at")[:1]
    )
    return Coalesce(
        F("applied_on"),
        TruncDate(Subquery(first_move)),
        TruncDate("created_at"),
        output_field=DateField(),
    )


def sent_position(steps: list[Step]) -> int:
    return steps[first_sent_index(steps)].position if steps else 0


def applications(user, filters: Filters) -> QuerySet:
    """The user's applications within the date range (wishlist items not yet left out).

    The metrics below leave out never-applied wishlist items themselves, more cheaply than a
    filter on the furthest step would: the funnel drops the grouped rows below its first step,
    and the medians only measure applications that moved into an applied stage.
    """
    qs = Application.objects.for_user(user)
    if filters.start or filters.end:
        qs = qs.annotate(applied=applied_date())
        if filters.start:
            qs = qs.filter(applied__gte=filters.start)
        if filters.end:
            qs = qs.filter(applied__lte=filters.end)
    return qs


def population(
    user, filters: Filters, steps: list[Step], *, stages: dict[int, StageRow] | None = None
) -> QuerySet:
    """The applications the insights count, annotated with ``furthest`` (for listing them)."""
    positions = progress_positions(stages if stages is not None else stage_table(user))
    qs = applications(user, filters).annotate(
        furthest=furthest_or_fallback(positions, sent_position(steps))
    )
    if not filters.include_wishlist:
        qs = qs.filter(furthest__gte=sent_position(steps))
    return qs


def silence_cutoff(user, now: datetime | None = None) -> datetime:
    """Open applications unchanged since before this moment count as ghosted."""
    now = now or timezone.now()
    return now - timedelta(days=profile_for(user).ghost_after_days)


# --- Breakdown dimensions -----------------------------------------------------------------


@dataclass(frozen=True)
class Dimension:
    name: str
    label: str
    expression: object
    labels: dict = field(default_factory=dict)
    sort_by_key: bool = False

    def label_for(self, key) -> str:
        if key in (None, ""):
            return self.labels.get("", NOT_RECORDED)
        if isinstance(key, date):
            return key.strftime("%b %Y")
        return self.labels.get(key, str(key))

    def parse(self, raw: str):
        """A group key from the query string (the inverse of ``key_to_str``)."""
        if self.name == "month":
            return date.fromisoformat(raw)
        return raw


def key_to_str(key) -> str:
    if key is None:
        return ""
    if isinstance(key, date):
        return key.isoformat()
    return str(key)


def resume_sent():
    """The résumé sent with an application: the newest one attached from the document library,
    else the free-text label of applications from before the library (or not yet attached)."""
    attached = (
        DocumentLink.objects.filter(application=OuterRef("pk"), document__kind=DocumentKind.RESUME)
        .order_by("-attached_at", "-pk")
        .annotate(
            label=CaseExpression(
                When(document__version="", then=F("document__name")),
                default=Concat(
                    F("document__name"), Value(" ("), F("document__version"), Value(")")
                ),
                output_field=CharField(),
            )
        )
        .values("label")[:1]
    )
    return Coalesce(Subquery(attached, output_field=CharField()), F("resume_version"))


def dimension(user, name: str) -> Dimension:
    """The expression that puts an application into a group, for one breakdown."""
    label = DIMENSIONS[name]
    if name == "source":
        return Dimension(name, label, F("source"), dict(Source.choices))
    if name == "work_mode":
        return Dimension(name, label, F("work_mode"), dict(WorkMode.choices))
    if name == "resume":
        return Dimension(name, label, resume_sent())
    if name == "company":
        return Dimension(name, label, F("company__name"))
    if name == "month":
        # Cast: PostgreSQL truncates to a timestamp, which MIN (see funnel_rows) would keep.
        month = Cast(TruncMonth(applied_date(), output_field=DateField()), DateField())
        return Dimension(name, label, month, sort_by_key=True)
    if name == "title_group":
        from onward.strategy.models import TitleGroup

        whens = [
            When(group.matches_q(), then=Value(group.name))
            for group in TitleGroup.objects.for_user(user)
            if group.keyword_list
        ]
        expression = (
            CaseExpression(*whens, default=Value(""), output_field=CharField())
            if whens
            else Value("", output_field=CharField())
        )
        return Dimension(name, label, expression, {"": "No group"})
    raise KeyError(name)


# --- Funnel -------------------------------------------------------------------------------


@dataclass
class FunnelSummary:
    """Counts for one population (everyone, or one group of a breakdown)."""

    steps: list[Step]
    sent_index: int = 0
    # step index -> outcome -> applications whose furthest step is that step
    ended: dict[int, Counter] = field(default_factory=lambda: defaultdict(Counter))
    # step index -> open applications silent for longer than the threshold
    silent: Counter = field(default_factory=Counter)
    # open applications at the first sent step, within the threshold
    too_early: int = 0
    key: object = None
    label: str = ""
    median_reply: "Median | None" = None

    @property
    def value(self) -> str:
        """The group key as it appears in a query string."""
        return key_to_str(self.key)

    def add(self, row: dict) -> None:
        """Count one grouped row of ``funnel_rows``: ``n`` applications, ``silent`` of them
        unchanged for longer than the no-reply threshold."""
        index = step_index(self.steps, row["furthest"])
        outcome = outcome_of(row["stage_kind"], row["loss_type"])
        self.ended[index][outcome] += row["n"]
        if outcome == "open":
            self.silent[index] += row["silent"]
            if index == self.sent_index:
                self.too_early += row["n"] - row["silent"]

    @property
    def total(self) -> int:
        return sum(sum(counter.values()) for counter in self.ended.values())

    @property
    def reached(self) -> list[int]:
        """How many applications reached each step (at least)."""
        counts = [sum(self.ended[i].values()) for i in range(len(self.steps))]
        running = 0
        for i in reversed(range(len(counts))):
            running += counts[i]
            counts[i] = running
        return counts

    @property
    def sent(self) -> int:
        reached = self.reached
        return reached[self.sent_index] if reached else 0

    def pending_at(self, index: int) -> int:
        return self.ended[index]["open"] + self.ended[index]["offer"]

    @property
    def conversions(self) -> list[Rate]:
        """Step i to step i+1, among applications decided at step i."""
        reached = self.reached
        return [
            Rate.of(reached[i + 1], reached[i] - self.pending_at(i))
            for i in range(len(self.steps) - 1)
        ]

    @property
    def decided(self) -> int:
        return self.sent - self.too_early

    @property
    def replied(self) -> int:
        reached = self.reached
        after_first = reached[self.sent_index + 1] if len(reached) > self.sent_index + 1 else 0
        return after_first + self.ended[self.sent_index][LossType.REJECTED]

    @property
    def response_rate(self) -> Rate:
        return Rate.of(self.replied, self.decided)

    @property
    def ghosted(self) -> int:
        return sum(
            self.ended[i][LossType.GHOSTED] + self.silent[i]
            for i in range(self.sent_index, len(self.steps))
        )

    @property
    def ghosting_rate(self) -> Rate:
        return Rate.of(self.ghosted, self.decided)

    @property
    def outcomes(self) -> list[tuple[str, str, int]]:
        """(outcome, label, count) for every outcome, in a fixed order."""
        totals: Counter = Counter()
        for counter in self.ended.values():
            totals.update(counter)
        return [(key, label, totals[key]) for key, label in OUTCOMES]

    def reached_rate(self, index: int) -> Rate:
        """Share of sent applications that reached step ``index`` (so far)."""
        return Rate.of(self.reached[index], self.sent)

    @property
    def rows(self) -> list[dict]:
        """One row per step, for templates."""
        reached, conversions = self.reached, self.conversions
        return [
            {
                "step": step,
                "index": i,
                "reached": reached[i],
                "ended_here": sum(self.ended[i].values()),
                "pending": self.pending_at(i),
                "lost": sum(self.ended[i][loss] for loss in LossType.values),
                "conversion": conversions[i] if i < len(conversions) else None,
                "next": self.steps[i + 1] if i + 1 < len(self.steps) else None,
            }
            for i, step in enumerate(self.steps)
        ]


def step_index(steps: list[Step], position: int | None) -> int:
    """The step an application's furthest position falls in (the last step at or below it)."""
    index = 0
    for i, step in enumerate(steps):
        if position is not None and step.position <= position:
            index = i
    return index


def funnel_rows(
    user,
    qs: QuerySet,
    steps: list[Step],
    cutoff: datetime,
    group_expression=None,
    *,
    stages: dict[int, StageRow] | None = None,
) -> list[dict]:
    """The applications of ``qs`` counted by (group, furthest step, current stage kind and loss
    type), as dicts with those keys, ``n``, and ``silent``: how many of the ``n`` have not
    changed since ``cutoff``.

    One SQL query, ``SELECT group, furthest, stage, COUNT(*), COUNT(*) FILTER (silent) ...
    GROUP BY`` the first three, the furthest step a subquery per application
    (``pipeline.history.furthest_position``). Python turns each grouped row's stage id into the
    keys above, from the user's ``stage_table`` (read here unless the caller passes it).
    """
    if stages is None:
        stages = stage_table(user)
    positions = progress_positions(stages)
    qs = qs.order_by().annotate(reached=furthest_position(positions))
    keys = ["reached", "stage"]
    if group_expression is not None:
        qs = qs.annotate(group=group_expression)
        keys = ["group", *keys]
    rows = list(
        qs.values(*keys).annotate(
            n=Count("pk"), silent=Count("pk", filter=Q(stage_changed_at__lt=cutoff))
        )
    )
    if any(row["stage"] not in stages for row in rows):
        stages = stage_table(user)  # a stage added since they were read (another request)
    first = sent_position(steps)
    for row in rows:
        stage = stages[row.pop("stage")]
        reached = row.pop("reached")
        row["furthest"] = (
            reached if reached is not None else fallback_position(stage.kind, stage.position, first)
        )
        row["stage_kind"], row["loss_type"] = stage.kind, stage.loss_type
    return rows


def counted(rows: list[dict], steps: list[Step]) -> list[dict]:
    """The grouped rows the funnel counts: none below its first step (wishlist items never
    applied to, when the wishlist is left out)."""
    if not steps:
        return []
    return [row for row in rows if row["furthest"] >= steps[0].position]


def summarise(rows: list[dict], steps: list[Step]) -> FunnelSummary:
    summary = FunnelSummary(steps=steps, sent_index=first_sent_index(steps))
    for row in counted(rows, steps):
        summary.add(row)
    return summary


def summarise_groups(rows: list[dict], steps: list[Step], dim: Dimension) -> list[FunnelSummary]:
    groups: dict = {}
    for row in counted(rows, steps):
        key = row["group"]
        if key not in groups:
            groups[key] = FunnelSummary(
                steps=steps, sent_index=first_sent_index(steps), key=key, label=dim.label_for(key)
            )
        groups[key].add(row)
    if dim.sort_by_key:
        return sorted(groups.values(), key=lambda g: (g.key is None, g.key or date.min))
    return sorted(groups.values(), key=lambda g: (-g.total, g.label.casefold()))


def funnel(
    user, qs: QuerySet, steps: list[Step], cutoff: datetime, *, stages=None
) -> FunnelSummary:
    return summarise(funnel_rows(user, qs, steps, cutoff, stages=stages), steps)


def breakdown(
    user, qs: QuerySet, steps: list[Step], cutoff: datetime, dim: Dimension, *, stages=None
) -> list[FunnelSummary]:
    rows = funnel_rows(user, qs, steps, cutoff, dim.expression, stages=stages)
    return summarise_groups(rows, steps, dim)


def combine(groups: list[FunnelSummary], steps: list[Step]) -> FunnelSummary:
    """The overall funnel from a breakdown's groups (saves a query)."""
    total = FunnelSummary(steps=steps, sent_index=first_sent_index(steps))
    for group in groups:
        for index, counter in group.ended.items():
            total.ended[index].update(counter)
        total.silent.update(group.silent)
        total.too_early += group.too_early
    return total


# --- Sankey -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Flow:
    source: str
    target: str
    value: int


def sankey_flows(summary: FunnelSummary) -> list[Flow]:
    """Every application once: step to step up to its furthest step, then one exit to how it
    stands now (rejected, ghosted, withdrawn or still open). Accepted ones end at their step."""
    flows: list[Flow] = []
    reached = summary.reached
    for i, step in enumerate(summary.steps):
        if i + 1 < len(summary.steps) and reached[i + 1]:
            flows.append(Flow(step.name, summary.steps[i + 1].name, reached[i + 1]))
        exits: Counter = Counter()
        for outcome, n in summary.ended[i].items():
            if outcome in EXIT_NODES and n:
                exits[EXIT_NODES[outcome]] += n
        for node in ("Rejected", "Ghosted", "Withdrawn", "Still open"):
            if exits[node]:
                flows.append(Flow(step.name, node, exits[node]))
    return flows
