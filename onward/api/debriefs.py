"""Debriefs over the API: the checklist after an application ends, its feedback request, the
gracious replies, lessons and mood check-ins. Every state change goes through the model's own
methods, so the API and the web pages keep the same reminders in step."""

from datetime import date, datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from onward.debrief.models import Debrief, Lesson
from onward.debrief.taxonomy import Habit
from onward.network.models import Contact
from onward.wellbeing.models import MoodCheckIn

from .common import EARLIEST, Id, InSchema, Pagination, aware, not_found, owner, validated
from .reminders import ReminderOut

router = Router(tags=["debriefs"])

TOO_EARLY = "That date is too far in the past to be right."

SentKind = Literal[
    "thank_you",
    "feedback_request",
    "feedback_follow_up",
    "feedback_thanks",
    "status_check",
    "closing_note",
]


# --- Schemas -------------------------------------------------------------------------------
class DebriefOut(Schema):
    id: int
    application_id: int
    company: str
    title: str
    flow: str
    stage_reached: str
    status: str
    feedback_state: str
    ended_at: datetime
    opened_at: datetime
    completed_at: datetime | None
    dismissed_at: datetime | None

    @staticmethod
    def resolve_company(obj) -> str:
        return obj.application.company.name

    @staticmethod
    def resolve_title(obj) -> str:
        return obj.application.title


class DebriefStepOut(Schema):
    habit: str
    label: str
    state: str
    state_changed_on: date | None
    notes: str

    @staticmethod
    def resolve_label(obj) -> str:
        return obj.get_habit_display()


class FeedbackOut(Schema):
    state: str
    contact_id: int | None
    asked_on: date | None
    answered_on: date | None
    follow_up_due_on: date | None
    text: str
    category: str


class LessonOut(Schema):
    id: int
    debrief_id: int
    text: str
    category: str
    category_label: str
    stage: str
    next_time: str
    created_at: datetime


class DebriefDetailOut(DebriefOut):
    went_well: str
    to_improve: str
    stumped_by: str
    reason_given: str
    reason_category: str
    feedback: FeedbackOut
    thank_you_sent_at: datetime | None
    status_check_sent_at: datetime | None
    closing_note_sent_at: datetime | None
    draft_kinds: list[str]
    steps: list[DebriefStepOut]
    lessons: list[LessonOut]

    @staticmethod
    def resolve_feedback(obj) -> dict:
        return {
            "state": obj.feedback_state,
            "contact_id": obj.feedback_contact_id,
            "asked_on": obj.feedback_asked_on,
            "answered_on": obj.feedback_answered_on,
            "follow_up_due_on": obj.feedback_follow_up_due_on,
            "text": obj.feedback_text,
            "category": obj.feedback_category,
        }

    @staticmethod
    def resolve_steps(obj) -> list:
        return sorted(obj.steps.all(), key=lambda step: step.position)

    @staticmethod
    def resolve_lessons(obj) -> list:
        return list(obj.lessons.all())


class FeedbackIn(InSchema):
    state: Literal["asked", "received", "declined", "no_answer"]
    on: date | None = Field(None, description="When it was asked or answered; default: today.")
    contact_id: Id | None = Field(None, description="Who was asked: one of your contacts.")
    text: str = Field("", description="The feedback, word for word (needed when received).")
    category: str = Field("", description="A reason category, e.g. skills_gap.")


class SentIn(InSchema):
    kind: SentKind
    when: datetime | None = Field(None, description="When it was sent; default: now.")
    to: str = Field(
        "",
        description="The address it went to: each of your contacts there gets the message "
        "logged as an interaction.",
    )


class CompleteIn(InSchema):
    """The options of the web page's "Complete" form, with the same defaults."""

    reconnect: bool = True
    reconnect_months: int | None = Field(3, ge=1, le=24)
    openings: bool = True
    openings_months: int | None = Field(6, ge=1, le=24)
    connect_linkedin: bool = True


class CompleteOut(Schema):
    debrief: DebriefDetailOut
    reminders: list[ReminderOut] = Field(description="The keep-the-door-open reminders.")


class LessonIn(InSchema):
    debrief_id: Id
    text: str = Field(min_length=1, max_length=300)
    category: str = Field(description="A competency or a reason category, e.g. examples.")
    stage: str | None = Field(None, description="How far you got; default: the debrief's.")
    next_time: str = ""


class MoodOut(Schema):
    id: int
    debrief_id: int | None
    mood: int
    energy: int | None
    note: str
    created_at: datetime


class MoodIn(InSchema):
    mood: int = Field(description="1 is low, 5 is good.")
    energy: int | None = None
    note: str = ""
    debrief_id: Id | None = Field(None, description="The debrief it belongs to, if any.")


# --- Lookups, all scoped to the token's user ------------------------------------------------
def debriefs_of(request):
    return Debrief.objects.for_user(owner(request)).select_related("application__company")


def get_debrief(request, debrief_id: int) -> Debrief:
    return get_object_or_404(debriefs_of(request), pk=debrief_id)


def debrief_of(request, debrief_id: int) -> Debrief:
    """A debrief named in a body: the user's own, else a 422."""
    debrief = debriefs_of(request).filter(pk=debrief_id).first()
    if debrief is None:
        raise not_found("debrief", "debrief_id")
    return debrief


def contact_of(request, contact_id: int) -> Contact:
    contact = Contact.objects.for_user(owner(request)).filter(pk=contact_id).first()
    if contact is None:
        raise not_found("contact", "contact_id")
    return contact


def detail(debrief: Debrief) -> Debrief:
    """The debrief as stored now, with what the detail answer reads."""
    return Debrief.objects.select_related("application__company").get(pk=debrief.pk)


# --- Debriefs ----------------------------------------------------------------------------
@router.get("/debriefs", response=list[DebriefOut])
@paginate(Pagination)
def list_debriefs(request, status: Literal["open", "completed", "dismissed"] | None = None):
    debriefs = debriefs_of(request)
    if status is not None:
        debriefs = debriefs.filter(status=status)
    return debriefs


@router.get("/debriefs/{debrief_id}", response=DebriefDetailOut)
def get_debrief_route(request, debrief_id: int):
    return get_debrief(request, debrief_id)


@router.post("/debriefs/{debrief_id}/feedback", response=DebriefDetailOut)
def record_feedback(request, debrief_id: int, payload: FeedbackIn):
    debrief = get_debrief(request, debrief_id)
    contact = contact_of(request, payload.contact_id) if payload.contact_id else None
    with transaction.atomic():
        debrief.record_feedback(
            payload.state,
            on=payload.on or timezone.localdate(),
            contact=contact,
            text=payload.text,
            category=payload.category,
        )
    return detail(debrief)


@router.post("/debriefs/{debrief_id}/sent", response=DebriefDetailOut)
def record_sent(request, debrief_id: int, payload: SentIn):
    debrief = get_debrief(request, debrief_id)
    if payload.kind not in debrief.draft_kinds:
        offered = ", ".join(debrief.draft_kinds) or "none"
        raise ValidationError(
            {"kind": f"This debrief has no '{payload.kind}' reply (it offers: {offered})."}
        )
    when = aware(payload.when)
    if when is not None:
        if when > timezone.now():
            raise ValidationError({"when": "That time is in the future."})
        if when.date() < EARLIEST:
            raise ValidationError({"when": TOO_EARLY})
    with transaction.atomic():
        debrief.record_sent(payload.kind, when=when, to=payload.to)
    return detail(debrief)


class StepIn(InSchema):
    state: Literal["todo", "done", "skipped"]
    notes: str | None = Field(None, description="Replaces the step's notes when given.")
    remind_on: date | None = Field(None, description="Remind me of this step on that day.")


@router.post("/debriefs/{debrief_id}/steps/{habit}", response=DebriefDetailOut)
def update_step(request, debrief_id: int, habit: str, payload: StepIn):
    """Tick, skip or reopen one step of the checklist (as on the debrief's page)."""
    debrief = get_debrief(request, debrief_id)
    if habit not in Habit.values:
        raise Http404(f"No step '{habit}'. Steps: {', '.join(Habit.values)}.")
    debrief.step(habit).update(**payload.dict())
    return detail(debrief)


@router.post("/debriefs/{debrief_id}/complete", response=CompleteOut)
def complete_debrief(request, debrief_id: int, payload: CompleteIn):
    """Finish the debrief and set up its reminders; repeating it changes nothing."""
    debrief = get_debrief(request, debrief_id)
    made = debrief.complete(
        reconnect_months=(payload.reconnect_months or 3) if payload.reconnect else None,
        openings_months=(payload.openings_months or 6) if payload.openings else None,
        connect_linkedin=payload.connect_linkedin,
    )
    return {"debrief": detail(debrief), "reminders": made}


# --- Lessons -----------------------------------------------------------------------------
@router.get("/lessons", response=list[LessonOut])
@paginate(Pagination)
def list_lessons(
    request,
    debrief_id: Id | None = Query(None, description="A debrief id."),  # noqa: B008
    category: str | None = Query(None),
):
    lessons = Lesson.objects.for_user(owner(request))
    if debrief_id is not None:
        # Through the primary key, so an id past the column's range matches nothing.
        lessons = lessons.filter(debrief__pk=debrief_id)
    if category:
        lessons = lessons.filter(category=category)
    return lessons


@router.post("/lessons", response={201: LessonOut})
def create_lesson(request, payload: LessonIn):
    debrief = debrief_of(request, payload.debrief_id)
    data = payload.dict(exclude={"debrief_id"})
    data["stage"] = data["stage"] or debrief.stage_reached
    with transaction.atomic():
        lesson = validated(Lesson(user=owner(request), debrief=debrief, **data), exclude=["user"])
        lesson.save()
        debrief.mark_step_done(Habit.LEARN)
    return Status(201, lesson)


@router.delete("/lessons/{lesson_id}", response={204: None})
def delete_lesson(request, lesson_id: int):
    get_object_or_404(Lesson.objects.for_user(owner(request)), pk=lesson_id).delete()
    return Status(204, None)


# --- Mood check-ins ----------------------------------------------------------------------
@router.get("/mood", response=list[MoodOut])
@paginate(Pagination)
def list_mood(request):
    return MoodCheckIn.objects.for_user(owner(request))


@router.post("/mood", response={201: MoodOut})
def create_mood(request, payload: MoodIn):
    data = payload.dict()
    debrief_id = data.pop("debrief_id")
    debrief = debrief_of(request, debrief_id) if debrief_id is not None else None
    return Status(201, MoodCheckIn.record(owner(request), debrief=debrief, **data))
