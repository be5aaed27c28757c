"""Growth over the API: skill gaps, the learning plan and the time spent on it, and where to
grow. Everything goes through the models' own methods, as on the web: statuses through
``move_to``, time through ``log_time`` (so it counts towards the weekly learning hours), a
gap from a lesson through ``SkillGap.from_lesson``, and the target-date reminder through
``sync_reminder``."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import StringConstraints

from onward.core.reminders.models import Reminder
from onward.debrief.models import Debrief, Lesson
from onward.debrief.taxonomy import Competency
from onward.growth.areas import Area, areas_for
from onward.growth.forms import LogTimeForm
from onward.growth.models import (
    GapStatus,
    ItemStatus,
    LearningItem,
    LearningKind,
    LearningLog,
    SkillGap,
)
from onward.routine.progress import user_today

from .common import EARLIEST, LATEST, Id, InSchema, Pagination, not_found, owner, validated

router = Router(tags=["growth"])

PASSED = "That date has passed: pick today or a later day."
COMPETENCY_HELP = "One of: " + ", ".join(Competency.values) + "; or empty."

Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


# --- Schemas -------------------------------------------------------------------------------
class LearningItemOut(Schema):
    id: int
    title: str
    kind: str
    url: str
    status: str = Field(description="planned, in_progress or done.")
    target_date: date | None
    notes: str
    skill_gap_id: int | None
    hours_logged: float = Field(description="The time logged on it, in hours.")
    created_at: datetime
    done_at: datetime | None


class SkillGapOut(Schema):
    id: int
    name: str
    why: str
    competency: str
    debrief_id: int | None
    lesson_id: int | None = Field(description="The debrief lesson it was made from, if any.")
    status: str = Field(description="open, working or closed.")
    item_count: int = Field(description="Learning items planned for it.")
    created_at: datetime
    closed_at: datetime | None


class SkillGapDetailOut(SkillGapOut):
    items: list[LearningItemOut]

    @staticmethod
    def resolve_items(obj: SkillGap) -> list[LearningItem]:
        return list(obj.items.with_hours())


class SkillGapIn(InSchema):
    name: str | None = Field(None, max_length=200, description="Needed unless lesson_id.")
    why: str = ""
    competency: str = Field("", description=COMPETENCY_HELP)
    debrief_id: Id | None = Field(None, description="The debrief it came from, if any.")
    lesson_id: Id | None = Field(
        None, description="Make it from this debrief lesson instead (alone, no other field)."
    )


class SkillGapPatch(InSchema):
    name: str | None = Field(None, max_length=200)
    why: str | None = None
    competency: str | None = Field(None, description=COMPETENCY_HELP)
    debrief_id: Id | None = Field(None, description="null unlinks the debrief.")
    status: GapStatus | None = None


class LogOut(Schema):
    id: int
    activity_id: int = Field(description="The routine learning activity it is.")
    on: date
    hours: float
    note: str = Field(description="As in the routine: the item's title, then your note.")

    @staticmethod
    def resolve_on(obj: LearningLog) -> date:
        return obj.activity.on

    @staticmethod
    def resolve_hours(obj: LearningLog) -> float:
        return float(obj.activity.hours or 0)

    @staticmethod
    def resolve_note(obj: LearningLog) -> str:
        return obj.activity.note


class TargetReminderOut(Schema):
    id: int
    due_at: datetime
    snoozed_until: datetime | None


class LearningItemDetailOut(LearningItemOut):
    logs: list[LogOut] = Field(description="Newest first.")
    reminder: TargetReminderOut | None = Field(
        description="The open reminder the target date set, if any."
    )

    @staticmethod
    def resolve_logs(obj: LearningItem) -> list[LearningLog]:
        return list(obj.logs.select_related("activity"))

    @staticmethod
    def resolve_reminder(obj: LearningItem) -> Reminder | None:
        return obj.reminders.filter(done_at__isnull=True).first()


class LearningItemIn(InSchema):
    title: Title
    kind: LearningKind = LearningKind.COURSE
    skill_gap_id: Id | None = None
    url: str = Field("", max_length=500, description="http:// or https:// only.")
    target_date: date | None = Field(
        None, ge=EARLIEST, le=LATEST, description="Today or later; reminds you that morning."
    )
    notes: str = ""


class LearningItemPatch(InSchema):
    title: Title | None = None
    kind: LearningKind | None = None
    skill_gap_id: Id | None = Field(None, description="null unlinks the skill gap.")
    url: str | None = Field(None, max_length=500)
    target_date: date | None = Field(
        None, ge=EARLIEST, le=LATEST, description="null clears it (and its reminder)."
    )
    notes: str | None = None
    status: ItemStatus | None = None


class LogIn(InSchema):
    hours: Decimal = Field(description="More than 0, at most 24, in quarter hours: 1.5, 0.25.")
    on: date = Field(ge=EARLIEST, description="The day, not in the future.")
    note: str = Field("", description="Up to 120 characters.")


class LoggedOut(Schema):
    log: LogOut
    item: LearningItemOut


class AreaOut(Schema):
    key: str
    name: str
    text: str = Field(description="The numbers behind it; a good `why` for a skill gap.")
    competency: str
    already_a_gap: bool = Field(description="A current skill gap names its competency.")


class AreasOut(Schema):
    competencies: list[AreaOut] = Field(description="Your lowest self-ratings.")
    competencies_missing: str = Field(description="Why there are none, if there are none.")
    lessons: list[AreaOut] = Field(description="Lesson categories that keep coming back.")
    lessons_missing: str
    skills_gap: AreaOut | None = Field(description="When the reason was a skills gap.")
    skills_gap_missing: str
    skills_gap_debrief_ids: list[int]


# --- Lookups, all scoped to the token's user ------------------------------------------------
def gaps_of(request: HttpRequest) -> QuerySet[SkillGap]:
    gaps = SkillGap.objects.for_user(owner(request)).annotate(item_count=Count("items"))
    return gaps.order_by("-created_at", "-pk")


def get_gap(request: HttpRequest, skill_gap_id: int) -> SkillGap:
    return get_object_or_404(gaps_of(request), pk=skill_gap_id)


def items_of(request: HttpRequest) -> QuerySet[LearningItem]:
    return LearningItem.objects.for_user(owner(request)).with_hours()


def get_item(request: HttpRequest, learning_item_id: int) -> LearningItem:
    return get_object_or_404(items_of(request), pk=learning_item_id)


def debrief_of(request: HttpRequest, debrief_id: int) -> Debrief:
    debrief = Debrief.objects.for_user(owner(request)).filter(pk=debrief_id).first()
    if debrief is None:
        raise not_found("debrief", "debrief_id")
    return debrief


def lesson_of(request: HttpRequest, lesson_id: int) -> Lesson:
    lessons = Lesson.objects.for_user(owner(request))
    lesson = lessons.select_related("debrief__application__company").filter(pk=lesson_id).first()
    if lesson is None:
        raise not_found("lesson", "lesson_id")
    return lesson


def gap_of(request: HttpRequest, skill_gap_id: int) -> SkillGap:
    gap = SkillGap.objects.for_user(owner(request)).filter(pk=skill_gap_id).first()
    if gap is None:
        raise not_found("skill gap", "skill_gap_id")
    return gap


def not_empty(changes: dict[str, Any], nullable: set[str]) -> None:
    for field, value in changes.items():
        if value is None and field not in nullable:
            raise ValidationError({field: "This field cannot be empty."})


def check_target(request: HttpRequest, target: date | None) -> None:
    """As the web form: a date that has passed may stay on an item; setting one is a slip."""
    if target is not None and target < user_today(owner(request)):
        raise ValidationError({"target_date": PASSED})


# --- Where to grow -----------------------------------------------------------------------
@router.get("/skill-areas", response=AreasOut)
def skill_areas(request: HttpRequest) -> AreasOut:
    """The Skills page's suggestions, read from the debriefs; POST one's name, text (as why)
    and competency to /skill-gaps to name it as a gap."""
    user = owner(request)
    areas = areas_for(user)
    named = set(
        SkillGap.objects.for_user(user)
        .current()
        .exclude(competency="")
        .values_list("competency", flat=True)
    )

    def out(area: Area) -> AreaOut:
        already = bool(area.competency) and area.competency in named
        return AreaOut(
            key=area.key,
            name=area.name,
            text=area.text,
            competency=area.competency,
            already_a_gap=already,
        )

    return AreasOut(
        competencies=[out(area) for area in areas.competencies],
        competencies_missing=areas.competencies_missing,
        lessons=[out(area) for area in areas.lessons],
        lessons_missing=areas.lessons_missing,
        skills_gap=out(areas.skills_gap) if areas.skills_gap else None,
        skills_gap_missing=areas.skills_gap_missing,
        skills_gap_debrief_ids=[debrief.pk for debrief in areas.skills_gap_debriefs],
    )


# --- Skill gaps --------------------------------------------------------------------------
@router.get("/skill-gaps", response=list[SkillGapOut])
@paginate(Pagination)
def list_skill_gaps(request: HttpRequest, status: GapStatus | None = None) -> QuerySet[SkillGap]:
    """Your skill gaps, newest first."""
    gaps = gaps_of(request)
    if status is not None:
        gaps = gaps.filter(status=status)
    return gaps


@router.post("/skill-gaps", response={200: SkillGapDetailOut, 201: SkillGapDetailOut})
def create_skill_gap(request: HttpRequest, payload: SkillGapIn) -> Status:
    """Name a gap (a 201), or make it from a debrief lesson: one gap per lesson, so asking
    again answers the existing gap (a 200). Making it ticks the debrief's Upskill step."""
    data = payload.model_dump(exclude_unset=True)
    if payload.lesson_id is not None:
        if set(data) != {"lesson_id"}:
            raise ValidationError(
                {"lesson_id": "Send lesson_id alone: the gap takes its fields from the lesson."}
            )
        gap, created = SkillGap.from_lesson(lesson_of(request, payload.lesson_id))
        return Status(201 if created else 200, get_gap(request, gap.pk))
    debrief_id = data.pop("debrief_id", None)
    data.pop("lesson_id", None)
    data["name"] = (data.get("name") or "").strip()
    gap = SkillGap(user=owner(request), **data)
    if debrief_id is not None:
        gap.debrief = debrief_of(request, debrief_id)
    validated(gap, exclude=["user"]).save()
    return Status(201, get_gap(request, gap.pk))


@router.get("/skill-gaps/{skill_gap_id}", response=SkillGapDetailOut)
def get_skill_gap(request: HttpRequest, skill_gap_id: int) -> SkillGap:
    """One gap with the learning items planned for it and their hours."""
    return get_gap(request, skill_gap_id)


@router.patch("/skill-gaps/{skill_gap_id}", response=SkillGapDetailOut)
def update_skill_gap(request: HttpRequest, skill_gap_id: int, payload: SkillGapPatch) -> SkillGap:
    """Only the fields sent change; a new status goes through move_to (closing dates it)."""
    gap = get_gap(request, skill_gap_id)
    changes = payload.model_dump(exclude_unset=True)
    status = changes.pop("status", None)
    not_empty(changes, nullable={"debrief_id"})
    if "name" in changes:
        changes["name"] = changes["name"].strip()
    if "status" in payload.model_fields_set and status is None:
        raise ValidationError({"status": "This field cannot be empty."})
    if "debrief_id" in changes:
        debrief_id = changes.pop("debrief_id")
        gap.debrief = debrief_of(request, debrief_id) if debrief_id is not None else None
    for field, value in changes.items():
        setattr(gap, field, value)
    with transaction.atomic():
        validated(gap, exclude=["user"]).save()
        if status is not None and status != gap.status:
            gap.move_to(status)
    return get_gap(request, skill_gap_id)


@router.delete("/skill-gaps/{skill_gap_id}", response={204: None})
def delete_skill_gap(request: HttpRequest, skill_gap_id: int) -> Status:
    """Its learning items stay on the plan, no longer linked to it."""
    get_gap(request, skill_gap_id).delete()
    return Status(204, None)


# --- The learning plan -------------------------------------------------------------------
@router.get("/learning", response=list[LearningItemOut])
@paginate(Pagination)
def list_learning(
    request: HttpRequest,
    status: ItemStatus | None = None,
    skill_gap_id: Id | None = Query(None, description="Only the items for this gap."),  # noqa: B008
) -> QuerySet[LearningItem]:
    """Your learning plan with the hours logged on each, soonest target date first."""
    items = items_of(request)
    if status is not None:
        items = items.filter(status=status)
    if skill_gap_id is not None:
        items = items.filter(skill_gap__pk=skill_gap_id)
    return items


@router.post("/learning", response={201: LearningItemDetailOut})
def create_learning_item(request: HttpRequest, payload: LearningItemIn) -> Status:
    """A new planned item; a target date sets a reminder on that morning."""
    data = payload.model_dump()
    skill_gap_id = data.pop("skill_gap_id")
    check_target(request, payload.target_date)
    item = LearningItem(user=owner(request), **data)
    if skill_gap_id is not None:
        item.skill_gap = gap_of(request, skill_gap_id)
    with transaction.atomic():
        validated(item, exclude=["user"]).save()
        item.sync_reminder()
    return Status(201, get_item(request, item.pk))


@router.get("/learning/{learning_item_id}", response=LearningItemDetailOut)
def get_learning_item(request: HttpRequest, learning_item_id: int) -> LearningItem:
    """One item with the time logged on it and its open target-date reminder."""
    return get_item(request, learning_item_id)


@router.patch("/learning/{learning_item_id}", response=LearningItemDetailOut)
def update_learning_item(
    request: HttpRequest, learning_item_id: int, payload: LearningItemPatch
) -> LearningItem:
    """Only the fields sent change. The reminder follows the target date and the title, and a
    new status goes through move_to (done settles the reminder, undone reopens it)."""
    item = get_item(request, learning_item_id)
    changes = payload.model_dump(exclude_unset=True)
    status = changes.pop("status", None)
    if "status" in payload.model_fields_set and status is None:
        raise ValidationError({"status": "This field cannot be empty."})
    not_empty(changes, nullable={"skill_gap_id", "target_date"})
    if "target_date" in changes and changes["target_date"] != item.target_date:
        check_target(request, changes["target_date"])
    if "skill_gap_id" in changes:
        skill_gap_id = changes.pop("skill_gap_id")
        item.skill_gap = gap_of(request, skill_gap_id) if skill_gap_id is not None else None
    for field, value in changes.items():
        setattr(item, field, value)
    with transaction.atomic():
        if payload.model_fields_set - {"status"}:
            validated(item, exclude=["user"]).save()
            item.sync_reminder()
        if status is not None and status != item.status:
            item.move_to(status)
    return get_item(request, learning_item_id)


@router.delete("/learning/{learning_item_id}", response={204: None})
def delete_learning_item(request: HttpRequest, learning_item_id: int) -> Status:
    """The item and its reminder go; the time logged stays in the routine."""
    get_item(request, learning_item_id).delete()
    return Status(204, None)


@router.post("/learning/{learning_item_id}/log", response={201: LoggedOut})
def log_learning_time(request: HttpRequest, learning_item_id: int, payload: LogIn) -> Status:
    """Time spent on an item: a routine learning activity, so it counts towards this week's
    learning hours. Logging on a planned item starts it."""
    item = get_item(request, learning_item_id)
    form = LogTimeForm(payload.model_dump(), user=owner(request))
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    data = form.cleaned_data
    log = item.log_time(data["hours"], data["on"], data["note"])
    return Status(201, {"log": log, "item": get_item(request, item.pk)})
