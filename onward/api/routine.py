"""The weekly routine and the wins journal over the API: log what Onward cannot see, read the
week's progress and streak as the Today page computes them (``onward.routine.progress``), set
goals through ``WeeklyGoals.set_for_week``, and keep the wins journal as the wellbeing page does.
"""

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Literal

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict, model_validator

from onward.routine.models import ActivityKind, ActivityLog, WeeklyGoals, settings_for
from onward.routine.progress import GoalProgress, Routine, routine_for, user_today
from onward.wellbeing.models import Win
from onward.wellbeing.wins import GOAL_WEEKS_SUGGESTED, Suggestion, decide, suggestions

from .common import EARLIEST, LATEST, InSchema, Pagination, not_found, owner, validated

router = Router(tags=["routine"])


class StrippedIn(InSchema):
    """Text is stripped, as the web's forms do, so a blank title is a blank title."""

    model_config = ConfigDict(str_strip_whitespace=True)


# --- Activity log ------------------------------------------------------------------------
class ActivityOut(Schema):
    id: int
    kind: str = Field(description="practice, learning, event or other.")
    on: date
    hours: float | None
    note: str
    created_at: datetime


class ActivityIn(StrippedIn):
    kind: ActivityKind = Field(
        description="practice and learning count towards their goals; an event is a "
        "networking touch."
    )
    on: date | None = Field(None, ge=EARLIEST, le=LATEST, description="Default: today.")
    hours: Decimal | None = Field(None, description="Needed for learning; quarter hours.")
    note: str = ""


class ActivityFilters(Schema):
    since: date | None = Field(None, description="On or after this day.")
    until: date | None = Field(None, description="On or before this day.")
    kind: ActivityKind | None = None

    @model_validator(mode="after")
    def since_before_until(self) -> "ActivityFilters":
        if self.since and self.until and self.since > self.until:
            raise ValueError("The until date is before the since date.")
        return self


@router.get("/activities", response=list[ActivityOut])
@paginate(Pagination)
def list_activities(request: HttpRequest, filters: Query[ActivityFilters]) -> QuerySet[ActivityLog]:
    """Your activity log, newest first (applications, touches and follow-ups are not logged
    here: they are counted from the board, the contacts and the reminders)."""
    activities = ActivityLog.objects.for_user(owner(request))
    if filters.since is not None:
        activities = activities.filter(on__gte=filters.since)
    if filters.until is not None:
        activities = activities.filter(on__lte=filters.until)
    if filters.kind is not None:
        activities = activities.filter(kind=filters.kind)
    return activities.order_by("-on", "-pk")


@router.post("/activities", response={201: ActivityOut})
def log_activity(request: HttpRequest, payload: ActivityIn) -> Status[ActivityLog]:
    return Status(201, ActivityLog.log(owner(request), **payload.model_dump()))


@router.delete("/activities/{activity_id}", response={204: None})
def delete_activity(request: HttpRequest, activity_id: int) -> Status[None]:
    get_object_or_404(ActivityLog.objects.for_user(owner(request)), pk=activity_id).delete()
    return Status(204, None)


# --- The week ----------------------------------------------------------------------------
class GoalOut(Schema):
    key: str = Field(description="applications, touches, follow_ups, learning_hours, practice.")
    label: str
    done: int | float = Field(description="Counted or logged this week (hours for learning).")
    goal: int = Field(description="As you set it.")
    target: int = Field(description="The goal after planned rest days (0: no goal).")
    met: bool
    remaining: int | float
    percent: int = Field(description="Of the target, at most 100.")

    @staticmethod
    def of(progress: GoalProgress) -> "GoalOut":
        return GoalOut(
            key=progress.key,
            label=progress.measure.label,
            done=progress.done_display,
            goal=progress.goal,
            target=progress.target,
            met=progress.met,
            remaining=progress.remaining,
            percent=progress.percent,
        )


class WeekOut(Schema):
    starts_on: date
    ends_on: date
    week_start: int = Field(description="Your first day of the week: 0 is Monday, 6 Sunday.")
    days_left: int = Field(description="Days left this week, today included (0 for a past week).")
    rest_days: int
    is_rest_week: bool = Field(
        description="All seven days planned as rest: it cannot break a streak."
    )
    met: bool = Field(description="Every goal with a target met.")
    streak: int = Field(description="Consecutive weeks meeting the goals, up to this one.")
    goals: list[GoalOut]


def week_out(routine: Routine, days_left: int) -> WeekOut:
    week = routine.this_week
    return WeekOut(
        starts_on=week.starts_on,
        ends_on=week.ends_on,
        week_start=routine.week_start,
        days_left=days_left,
        rest_days=week.rest_days,
        is_rest_week=week.is_rest_week,
        met=week.met,
        streak=routine.streak,
        goals=[GoalOut.of(goal) for goal in week.goals],
    )


class WeekQuery(Schema):
    day: date | None = Field(None, description="Any day of the week; default: today.")


@router.get("/routine/week", response=WeekOut)
def get_week(request: HttpRequest, query: Query[WeekQuery]) -> WeekOut:
    """The week's goals and how far each got, as on the Today page; for a past week, as it
    stood then (its own goals, its rest days, the streak up to it)."""
    user = owner(request)
    today = user_today(user)
    day = query.day or today
    if day < EARLIEST:
        raise ValidationError({"day": "That date is too far in the past to be right."})
    week_of = settings_for(user).week_of
    if week_of(day) > week_of(today):
        raise ValidationError({"day": "That week has not started yet."})
    if week_of(day) == week_of(today):
        routine = routine_for(user)  # exactly the Today page's
        return week_out(routine, routine.days_left)
    return week_out(routine_for(user, today=day), 0)


class GoalsIn(InSchema):
    applications: int = Field(description="Each goal is 0 to 100 a week; 0 means no goal.")
    touches: int
    follow_ups: int
    learning_hours: int
    practice: int
    week: Literal["this", "next"] = Field(
        "this",
        description="From this week on (as in Settings), or from next week on (as at the end "
        "of a weekly review). Past weeks keep the goals they had.",
    )


class GoalsOut(Schema):
    starts_on: date = Field(description="The goals count from the week starting on this day.")
    applications: int
    touches: int
    follow_ups: int
    learning_hours: int
    practice: int


@router.put("/routine/goals", response=GoalsOut)
def set_goals(request: HttpRequest, payload: GoalsIn) -> WeeklyGoals:
    user = owner(request)
    goals = payload.model_dump(exclude={"week"})
    starts_on = settings_for(user).week_of(user_today(user))
    if payload.week == "next":
        starts_on += timedelta(days=7)
    validated(WeeklyGoals(user=user, starts_on=starts_on, **goals), exclude=["user"])
    return WeeklyGoals.set_for_week(user, starts_on, goals)


# --- Wins --------------------------------------------------------------------------------
class WinOut(Schema):
    id: int
    title: str
    note: str
    happened_on: date
    suggested: bool = Field(description="Suggested by Onward and accepted, not written by you.")
    key: str = Field(description='The suggestion it came from ("offer:12"), else "".')
    status: str = Field(description="accepted (in the journal) or dismissed.")
    created_at: datetime


class WinIn(StrippedIn):
    title: str
    happened_on: date | None = Field(None, ge=EARLIEST, le=LATEST, description="Default: today.")
    note: str = ""


class SuggestionOut(Schema):
    key: str
    title: str
    happened_on: date


class DecisionIn(InSchema):
    key: str = Field(description="A suggestion's key, from GET /api/wins/suggestions.")
    decision: Literal["accept", "dismiss"] = Field(
        description="accept puts it in the journal; dismiss stores it so it never comes back."
    )


@router.get("/wins", response=list[WinOut], tags=["wellbeing"])
@paginate(Pagination)
def list_wins(request: HttpRequest) -> QuerySet[Win]:
    """Your wins journal, newest first: those you wrote and the suggestions you accepted."""
    return Win.objects.for_user(owner(request)).journal().order_by("-happened_on", "-pk")


@router.post("/wins", response={201: WinOut}, tags=["wellbeing"])
def add_win(request: HttpRequest, payload: WinIn) -> Status[Win]:
    data = payload.model_dump()
    if data["happened_on"] is None:
        del data["happened_on"]  # the model's default: today in the user's zone
    win = validated(Win(user=owner(request), **data), exclude=["user"])
    win.save()
    return Status(201, win)


@router.delete("/wins/{int:win_id}", response={204: None}, tags=["wellbeing"])
def remove_win(request: HttpRequest, win_id: int) -> Status[None]:
    """Out of the journal, as on the web: a suggested win stays stored as dismissed, so it is
    not suggested again; one you wrote is deleted."""
    get_object_or_404(Win.objects.for_user(owner(request)).journal(), pk=win_id).remove()
    return Status(204, None)


def recent_routine(request: HttpRequest) -> Routine:
    """Enough weeks for the "every goal met" suggestions."""
    return routine_for(owner(request), weeks=GOAL_WEEKS_SUGGESTED)


@router.get("/wins/suggestions", response=list[SuggestionOut], tags=["wellbeing"])
@paginate(Pagination)
def list_suggestions(request: HttpRequest) -> list[Suggestion]:
    """Wins Onward sees in your data that you have not accepted or dismissed yet."""
    return suggestions(owner(request), recent_routine(request), timezone.now())


@router.post("/wins/suggestions", response=WinOut, tags=["wellbeing"])
def decide_suggestion(request: HttpRequest, payload: DecisionIn) -> Win:
    """Accept or dismiss a suggestion. A suggestion is decided once: deciding it again answers
    the win as it was decided (see its ``status``)."""
    win = decide(
        owner(request),
        payload.key,
        accept=payload.decision == "accept",
        routine=recent_routine(request),
    )
    if win is None:
        raise not_found("suggestion", "key")
    return win
