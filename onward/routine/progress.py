"""Weekly progress, counted from what the user already records.

- **Applications sent**: a move into the user's first active stage (the active stage with the
  lowest position, "Applied" by default), an application created directly in an active stage,
  or one moved from an open stage (the wishlist) straight into any active stage.
- **Networking touches**: ``network.Interaction`` rows, plus networking events logged here.
- **Follow-ups done**: reminders marked done (``Reminder.done_at``), except the debrief's
  checklist steps (those are the debrief's own progress, not a follow-up).
- **Learning hours** and **practice sessions**: the user's ``ActivityLog`` rows.

Every count is one SQL query grouped by day in the user's time zone, whatever the amount of
data; weeks (which start on the user's chosen day) are summed from the days in Python.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from onward.accounts.freshness import cached_for
from onward.accounts.models import profile_for
from onward.core.reminders.models import Reminder, ReminderKind
from onward.network.models import Interaction
from onward.pipeline.models import Stage, StageChange, StageKind

from .models import DEFAULT_GOALS, ActivityKind, ActivityLog, RestPeriod, WeeklyGoals, settings_for

# How far back a streak is looked for.
STREAK_LOOKBACK_WEEKS = 52

# A day's or a week's amount of one measure: a count, or hours (a Decimal) for learning.
Amount = int | Decimal


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    singular: str
    plural: str

    def amount(self, value) -> str:
        value = number(value)
        return f"{value} {self.singular if value == 1 else self.plural}"


MEASURES = [
    Measure("applications", "Applications sent", "application", "applications"),
    Measure("touches", "Networking touches", "networking touch", "networking touches"),
    Measure("follow_ups", "Follow-ups done", "follow-up", "follow-ups"),
    Measure("learning_hours", "Learning hours", "hour of learning", "hours of learning"),
    Measure("practice", "Practice sessions", "practice session", "practice sessions"),
]
MEASURE = {m.key: m for m in MEASURES}


def number(value):
    """An int when whole (3, not 3.0), else up to two decimals (quarter hours: 1.25)."""
    if isinstance(value, Decimal | float) and value != int(value):
        return round(float(value), 2)
    return int(value)


def local_midnight(day: date, zone) -> datetime:
    return datetime.combine(day, time.min, tzinfo=zone)


def user_today(user, now=None) -> date:
    return timezone.localtime(now or timezone.now(), profile_for(user).zone).date()


def applications_sent(user):
    """The stage changes that count as sending an application (see the module docstring)."""
    # The user's stages by kind, read first (one small query): as plain ids in the SQL, the
    # (to_stage, changed_at) index finds a date range's moves directly, and the check for an
    # earlier sending move below does not rebuild stage lists for every move it looks at.
    stages = list(
        Stage.objects.for_user(user)
        .filter(kind__in=[StageKind.ACTIVE, StageKind.OPEN])
        .order_by("position", "pk")
        .values_list("pk", "kind")
    )
    active = [pk for pk, kind in stages if kind == StageKind.ACTIVE]
    opened = [pk for pk, kind in stages if kind == StageKind.OPEN]
    # Every sending move is into an active stage: the first one, or from no stage or an open
    # stage (the wishlist). The user's own stages scope it to the user.
    sending = Q(to_stage__in=active) & (
        Q(to_stage=active[0] if active else None)
        | Q(from_stage__isnull=True)
        | Q(from_stage__in=opened)
    )
    # An application is sent once: moving it back and forth through Applied counts only the first.
    sent_before = StageChange.objects.filter(
        sending,
        application=OuterRef("application"),
        changed_at__lt=OuterRef("changed_at"),
    )
    return StageChange.objects.filter(sending).exclude(Exists(sent_before))


def daily_counts(user, zone, first_day: date, last_day: date) -> dict[str, dict[date, Amount]]:
    """Each measure's amount per local day, from ``first_day`` to ``last_day`` inclusive.

    Four queries, whatever the amount of data, or none while cached: counting a big search's
    applications sent is the costliest part of the Today page, and nothing changes it but the
    user's own writes (see onward.accounts.freshness).
    """
    return cached_for(
        user,
        "daily_counts",
        lambda: _daily_counts(user, zone, first_day, last_day),
        zone,
        first_day,
        last_day,
    )


def _daily_counts(user, zone, first_day: date, last_day: date) -> dict[str, dict[date, Amount]]:
    start, end = local_midnight(first_day, zone), local_midnight(last_day + timedelta(1), zone)
    counts: dict[str, dict[date, Amount]] = {key: defaultdict(int) for key in MEASURE}
    sent = (
        applications_sent(user)
        .filter(changed_at__gte=start, changed_at__lt=end)
        .annotate(day=TruncDate("changed_at", tzinfo=zone))
        .values("day")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in sent:
        counts["applications"][row["day"]] += row["n"]
    touches = (
        Interaction.objects.for_user(user)
        .filter(happened_on__gte=first_day, happened_on__lte=last_day)
        .values("happened_on")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in touches:
        counts["touches"][row["happened_on"]] += row["n"]
    done = (
        Reminder.objects.for_user(user)
        .filter(done_at__gte=start, done_at__lt=end)
        # A debrief step or a learning target is progress of its own, not a follow-up.
        .exclude(kind__in=[ReminderKind.DEBRIEF_STEP, ReminderKind.LEARNING_TARGET])
        .annotate(day=TruncDate("done_at", tzinfo=zone))
        .values("day")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in done:
        counts["follow_ups"][row["day"]] += row["n"]
    logged = (
        ActivityLog.objects.for_user(user)
        .filter(on__gte=first_day, on__lte=last_day)
        .values("on", "kind")
        .annotate(n=Count("pk"), hours=Sum("hours"))
        .order_by()
    )
    for row in logged:
        if row["kind"] == ActivityKind.PRACTICE:
            counts["practice"][row["on"]] += row["n"]
        elif row["kind"] == ActivityKind.LEARNING:
            counts["learning_hours"][row["on"]] += row["hours"] or Decimal(0)
        elif row["kind"] == ActivityKind.EVENT:
            counts["touches"][row["on"]] += row["n"]
    return {key: dict(days) for key, days in counts.items()}


def scaled_goal(goal: int, active_days: int) -> int:
    """The goal for a week with ``active_days`` of 7 not planned as rest, rounded half up."""
    return (goal * active_days * 2 + 7) // 14


@dataclass
class GoalProgress:
    measure: Measure
    done: Amount
    goal: int  # as the user set it
    target: int  # after planned rest days

    @property
    def key(self) -> str:
        return self.measure.key

    @property
    def done_display(self):
        return number(self.done)

    @property
    def bar_value(self):
        """For a <progress> bar, which may not pass its max: a goal beaten shows as full."""
        return number(min(self.done, self.target))

    @property
    def met(self) -> bool:
        return self.target > 0 and self.done >= self.target

    @property
    def remaining(self):
        return number(max(self.target - self.done, 0))

    @property
    def percent(self) -> int:
        if not self.target:
            return 0
        return min(100, int(self.done * 100 / self.target))


@dataclass
class WeekProgress:
    starts_on: date
    goals: list[GoalProgress]
    rest_days: int = 0

    @property
    def ends_on(self) -> date:
        return self.starts_on + timedelta(days=6)

    @property
    def is_rest_week(self) -> bool:
        return self.rest_days >= 7

    @property
    def has_goals(self) -> bool:
        return any(g.target for g in self.goals)

    @property
    def bar_value(self):
        """For a <progress> bar, which may not pass its max: a goal beaten shows as full."""
        return number(min(self.done, self.target))

    @property
    def met(self) -> bool:
        return self.has_goals and all(g.met for g in self.goals if g.target)

    @property
    def active(self) -> bool:
        """Anything at all recorded this week."""
        return any(g.done for g in self.goals)

    def goal(self, key: str) -> GoalProgress:
        return next(g for g in self.goals if g.key == key)


@dataclass
class Routine:
    today: date
    week_start: int
    weeks: list[WeekProgress] = field(default_factory=list)  # oldest first; the last is now
    # The daily amounts the weeks were summed from (daily_counts), from first_day on: other
    # parts of a page (the burnout guard) reuse them instead of counting the same days again.
    counts: dict[str, dict[date, Amount]] = field(default_factory=dict)
    first_day: date | None = None

    @property
    def this_week(self) -> WeekProgress:
        return self.weeks[-1]

    @property
    def last_week(self) -> WeekProgress | None:
        return self.weeks[-2] if len(self.weeks) > 1 else None

    @property
    def days_left(self) -> int:
        """Days left in this week, today included."""
        return (self.this_week.ends_on - self.today).days + 1

    @property
    def streak(self) -> int:
        """Consecutive weeks meeting the goals, up to now.

        This week counts once its goals are met, and does not break the streak while it is
        still going. A planned rest week neither counts nor breaks it.
        """
        return self._streak()[0]

    def _streak(self) -> tuple[int, bool]:
        """(the streak, whether it may go on before the oldest week looked at)."""
        weeks = list(reversed(self.weeks))
        run = 1 if weeks[0].met else 0
        for week in weeks[1:]:
            if week.is_rest_week:
                continue
            if not week.met:
                return run, False
            run += 1
        return run, True


def goals_by_week(rows: list[WeeklyGoals], starts: list[date]) -> dict[date, dict[str, int]]:
    """For each week, the latest goals set on or before its last day (else the defaults)."""
    result = {}
    for start in starts:
        current = dict(DEFAULT_GOALS)
        for row in rows:
            if row.starts_on <= start + timedelta(days=6):
                current = row.as_dict()
        result[start] = current
    return result


# The streak is first looked for this far back; only a streak that reaches it makes the whole
# STREAK_LOOKBACK_WEEKS be counted (a year of a big search is the costliest count on Today).
STREAK_FIRST_LOOK_WEEKS = 4


def routine_for(user, today: date | None = None, weeks: int | None = None) -> Routine:
    """This week's progress and the ``weeks`` before it, in a fixed number of queries.

    Without ``weeks``: as many weeks as the streak needs, up to STREAK_LOOKBACK_WEEKS.
    """
    if weeks is not None:
        return weeks_of_routine(user, today, weeks)
    routine = weeks_of_routine(user, today, STREAK_FIRST_LOOK_WEEKS)
    if routine._streak()[1]:
        routine = weeks_of_routine(user, today, STREAK_LOOKBACK_WEEKS)
    return routine


def weeks_of_routine(user, today: date | None, weeks: int) -> Routine:
    zone = profile_for(user).zone
    today = today or user_today(user)
    routine_settings = settings_for(user)
    this_start = routine_settings.week_of(today)
    starts = [this_start - timedelta(weeks=n) for n in range(weeks, -1, -1)]
    first_day, last_day = starts[0], this_start + timedelta(days=6)
    counts = daily_counts(user, zone, first_day, last_day)
    goals = goals_by_week(list(WeeklyGoals.objects.for_user(user).order_by("starts_on")), starts)
    rest: set[date] = set()
    for period in RestPeriod.objects.for_user(user).filter(
        starts_on__lte=last_day, ends_on__gte=first_day
    ):
        rest.update(period.starts_on + timedelta(days=n) for n in range(period.days))
    result = Routine(
        today=today, week_start=routine_settings.week_start, counts=counts, first_day=first_day
    )
    for start in starts:
        days = [start + timedelta(days=n) for n in range(7)]
        rest_days = sum(1 for day in days if day in rest)
        result.weeks.append(
            WeekProgress(
                starts_on=start,
                rest_days=rest_days,
                goals=[
                    GoalProgress(
                        measure=m,
                        done=sum((counts[m.key].get(day, 0) for day in days), 0),
                        goal=goals[start][m.key],
                        target=scaled_goal(goals[start][m.key], 7 - rest_days),
                    )
                    for m in MEASURES
                ],
            )
        )
    return result
