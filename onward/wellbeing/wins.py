"""Wins Onward notices in the user's data and suggests for the journal.

Each suggestion has a stable key; once the user accepts or dismisses it, a ``Win`` row holds
that key and the suggestion never comes back.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from onward.accounts.models import profile_for
from onward.pipeline.models import Interview, InterviewKind, Source, Stage, StageChange, StageKind
from onward.routine.progress import Routine

from .events import offers
from .models import Win, WinStatus

# Offers, referral replies and met weeks older than this are not suggested (an import of an
# old search should not flood the journal); the "firsts" are suggested whenever they happened.
SUGGESTION_WINDOW_DAYS = 90
# Weeks met are suggested for the last few weeks only.
GOAL_WEEKS_SUGGESTED = 4


@dataclass(frozen=True)
class Suggestion:
    key: str
    title: str
    happened_on: date


def candidates(user, routine: Routine | None = None, now=None) -> list[Suggestion]:
    """Every win the data shows, decided or not."""
    now = now or timezone.now()
    since = now - timedelta(days=SUGGESTION_WINDOW_DAYS)
    zone = profile_for(user).zone  # once: every suggestion is dated in the user's zone
    found: list[Suggestion] = []
    company = "application__company__name"

    first_interview = (
        Interview.objects.for_user(user)
        .filter(starts_at__lte=now)
        .order_by("starts_at", "pk")
        .values_list("starts_at", "round_name", company)
        .first()
    )
    if first_interview:
        when, round_name, name = first_interview
        found.append(
            Suggestion(
                "first-interview",
                f"Your first interview of this search: {round_name} at {name}",
                timezone.localtime(when, zone).date(),
            )
        )

    # The first final round: a final interview, or reaching the last active stage.
    active = list(Stage.objects.for_user(user).filter(kind=StageKind.ACTIVE).order_by("position"))
    finals = []
    final_interview = (
        Interview.objects.for_user(user)
        .filter(kind=InterviewKind.FINAL, starts_at__lte=now)
        .order_by("starts_at", "pk")
        .values_list("starts_at", company)
        .first()
    )
    if final_interview:
        finals.append(final_interview)
    if len(active) >= 3:
        final_stage = (
            StageChange.objects.for_user(user)
            .filter(to_stage=active[-1])
            .order_by("changed_at", "pk")
            .values_list("changed_at", company)
            .first()
        )
        if final_stage:
            finals.append(final_stage)
    if finals:
        when, name = min(finals)
        found.append(
            Suggestion(
                "first-final-round",
                f"Your first final round: {name}",
                timezone.localtime(when, zone).date(),
            )
        )

    for application_id, when, title, name in (
        offers(user)
        .filter(changed_at__gte=since)
        .values_list("application_id", "changed_at", "application__title", company)
    ):
        found.append(
            Suggestion(
                f"offer:{application_id}",
                f"An offer from {name} ({title})",
                timezone.localtime(when, zone).date(),
            )
        )

    if active:
        seen = set()
        referral_replies = (
            StageChange.objects.for_user(user)
            .filter(
                application__source=Source.REFERRAL,
                changed_at__gte=since,
                to_stage__kind__in=[StageKind.ACTIVE, StageKind.OFFER, StageKind.WON],
                to_stage__position__gt=active[0].position,
            )
            .order_by("changed_at", "pk")
            .values_list("application_id", "changed_at", "to_stage__name", company)
        )
        for application_id, when, stage_name, name in referral_replies:
            if application_id not in seen:
                seen.add(application_id)
                found.append(
                    Suggestion(
                        f"referral-reply:{application_id}",
                        f"Your referral at {name} got a reply: on to {stage_name}",
                        timezone.localtime(when, zone).date(),
                    )
                )

    if routine is not None:
        for week in routine.weeks[-GOAL_WEEKS_SUGGESTED:]:
            if week.met:
                met = ", ".join(g.measure.amount(g.done) for g in week.goals if g.target)
                monday = f"{week.starts_on.day} {week.starts_on:%b}"
                found.append(
                    Suggestion(
                        f"goals-met:{week.starts_on.isoformat()}",
                        f"Every weekly goal met, week of {monday}: {met}",
                        min(week.ends_on, routine.today),
                    )
                )
    return found


def suggestions(user, routine: Routine | None = None, now=None) -> list[Suggestion]:
    """The candidates the user has not decided on yet, newest first."""
    decided = set(Win.objects.for_user(user).exclude(key="").values_list("key", flat=True))
    pending = [s for s in candidates(user, routine, now) if s.key not in decided]
    return sorted(pending, key=lambda s: s.happened_on, reverse=True)


def decide(user, key: str, *, accept: bool, routine: Routine | None = None) -> Win | None:
    """Accept or dismiss the suggestion ``key``; None if the data suggests no such win."""
    suggestion = next((s for s in candidates(user, routine) if s.key == key), None)
    if suggestion is None:
        return None
    status = WinStatus.ACCEPTED if accept else WinStatus.DISMISSED
    try:
        with transaction.atomic():
            win, _ = Win.objects.get_or_create(
                user=user,
                key=key,
                defaults={
                    "title": suggestion.title[:200],
                    "happened_on": suggestion.happened_on,
                    "status": status,
                },
            )
    except IntegrityError:  # decided at the same moment in another tab
        win = Win.objects.get(user=user, key=key)
    return win
