"""Perspective after a rejection: short, true statements from the user's own data.

Each statement has a minimum of data below which it stays silent: a hollow "you've got this"
is worse than nothing. Nothing here is invented; every number is counted from the user's rows.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.db.models.functions import TruncMonth
from django.utils import timezone

from onward.accounts.freshness import cached_for
from onward.accounts.models import profile_for
from onward.pipeline.models import Application, Interview, Stage, StageChange, StageKind
from onward.routine.progress import Routine, applications_sent, local_midnight, routine_for

from .events import offers, rejections

# Both months need at least this many applications sent before their interview rates are
# compared (the insights page's threshold for a rate worth showing).
PERSPECTIVE_MIN_APPLICATIONS = settings.ONWARD_INSIGHTS_MIN_N
# A streak is worth mentioning from this many weeks.
PERSPECTIVE_MIN_STREAK = 2


@dataclass(frozen=True)
class Statement:
    key: str
    text: str


def _percent(k: int, n: int) -> int:
    return round(100 * k / n)


def interview_rates(user, today: date) -> Statement | None:
    """This calendar month's interview rate against last month's: of the applications sent in
    the month, how many have had an interview (or moved past the first active stage)."""
    zone = profile_for(user).zone
    this_month = today.replace(day=1)
    last_month = (this_month - timedelta(days=1)).replace(day=1)
    stages = list(Stage.objects.for_user(user).order_by("position", "pk"))
    first_active = next((s for s in stages if s.kind == StageKind.ACTIVE), None)
    if first_active is None:
        return None
    # Past the first active stage: as plain ids, answered from the (application, to_stage)
    # index for each application.
    further = [
        s.pk
        for s in stages
        if s.kind in (StageKind.ACTIVE, StageKind.OFFER, StageKind.WON)
        and s.position > first_active.position
    ]
    progressed = Exists(Interview.objects.filter(application=OuterRef("application"))) | Exists(
        StageChange.objects.filter(application=OuterRef("application"), to_stage__in=further)
    )
    rows = (
        applications_sent(user)
        .filter(changed_at__gte=local_midnight(last_month, zone))
        .annotate(month=TruncMonth("changed_at", tzinfo=zone), progressed=progressed)
        .values_list("month", "application_id", "progressed")
    )
    months: dict[date, dict[int, bool]] = {this_month: {}, last_month: {}}
    for month, application_id, did in rows:
        month = month.date() if hasattr(month, "date") else month
        if month in months:
            seen = months[month]
            seen[application_id] = seen.get(application_id, False) or did
    now_n, now_k = len(months[this_month]), sum(months[this_month].values())
    then_n, then_k = len(months[last_month]), sum(months[last_month].values())
    if min(now_n, then_n) < PERSPECTIVE_MIN_APPLICATIONS:
        return None
    now_p, then_p = _percent(now_k, now_n), _percent(then_k, then_n)
    text = (
        f"This month {now_k} of your {now_n} applications have led to an interview so far "
        f"({now_p}%), against {then_k} of {then_n} last month ({then_p}%)."
    )
    if now_p < then_p:
        text += " Answers to recent applications often take a few weeks to come."
    return Statement("interview_rate", text)


def rejections_before_offer(user) -> Statement | None:
    first_offer = (
        offers(user).select_related("application__company").order_by("changed_at", "pk").first()
    )
    if first_offer is None:
        return None
    before = rejections(user).filter(changed_at__lt=first_offer.changed_at).count()
    if not before:
        return None
    when = timezone.localtime(first_offer.changed_at, profile_for(user).zone)
    noun = "rejection" if before == 1 else "rejections"
    return Statement(
        "before_offer",
        f"Before your first offer ({first_offer.application.company.name}, {when:%B %Y}) "
        f"you had {before} {noun}.",
    )


def still_in_progress(user) -> Statement | None:
    count = (
        Application.objects.for_user(user)
        .filter(stage__kind__in=[StageKind.ACTIVE, StageKind.OFFER])
        .count()
    )
    if not count:
        return None
    noun = "application is" if count == 1 else "applications are"
    return Statement("in_progress", f"This was one application: {count} other {noun} in progress.")


def goal_progress(routine: Routine) -> list[Statement]:
    statements = []
    week = routine.this_week
    met = [g for g in week.goals if g.met]
    if met:
        parts = [f"{g.measure.label.lower()} ({g.done_display} of {g.target})" for g in met]
        listing = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        statements.append(
            Statement("goals_met", f"This week you have already met your goal for {listing}.")
        )
    streak = routine.streak
    if streak >= PERSPECTIVE_MIN_STREAK:
        statements.append(
            Statement("streak", f"You have met your weekly goals {streak} weeks in a row.")
        )
    return statements


def perspective_for(user, routine: Routine | None = None) -> list[Statement]:
    """The statements that the user's data supports; an empty list when it supports none."""
    routine = routine or routine_for(user)
    today = routine.today
    # They read through a long search's history: cached until the user's next write.
    found = cached_for(
        user,
        "perspective",
        lambda: [
            interview_rates(user, today),
            rejections_before_offer(user),
            still_in_progress(user),
        ],
        today,
        profile_for(user).time_zone,
    )
    return [s for s in found if s is not None] + goal_progress(routine)
