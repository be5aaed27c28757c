"""The MCP server's tools: one user's job search as plain functions over the domain. Each
calls the same domain functions the web, the API and the CLI use (``Application.start``,
``Application.move_to``, ``Contact.log_interaction``, ``DebriefStep.update``,
``LearningItem.log_time``, the ``ApplicationFilter`` FilterSet): no rules of their own. Every
query goes through the user's querysets; another user's id reads as "you have no ..."."""

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from django.utils import timezone
from mcp.server.mcpserver.exceptions import ToolError
from pydantic import Field

from onward.api.debriefs import DebriefDetailOut, LessonOut
from onward.api.growth import LearningItemOut
from onward.api.insights import RateOut
from onward.api.network import ContactOut, InteractionOut
from onward.api.pipeline import ApplicationOut, ChangeOut, InterviewOut, StageOut
from onward.api.reminders import ReminderOut
from onward.api.routine import week_out
from onward.core.reminders.models import Reminder
from onward.debrief.models import Debrief, DebriefStep, Lesson, StepState
from onward.debrief.taxonomy import Habit
from onward.growth.models import LearningItem
from onward.insights import metrics, page
from onward.network.filters import ContactFilter
from onward.network.models import Channel, Contact
from onward.pipeline.filters import SORTS, ApplicationFilter
from onward.pipeline.models import (
    Application,
    Company,
    Interview,
    InterviewKind,
    Source,
    Stage,
    StageKind,
    WorkMode,
)
from onward.routine.progress import routine_for

MAX_ROWS = 200

SORT_KEYS = [f"{sign}{key}" for key in SORTS for sign in ("", "-")]
Id = Annotated[int, Field(ge=1, le=2**31 - 1)]


def plain(schema, obj) -> dict[str, Any]:
    """An object in the API's own output shape, as JSON-ready values."""
    return json.loads(schema.from_orm(obj).model_dump_json())


def find(queryset, pk: int, what: str):
    """The user's own object, else a tool error (someone else's reads as missing)."""
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise ToolError(f"You have no {what} with id {pk}.")
    return found


def stage_named(user, name: str) -> Stage:
    stages = Stage.objects.for_user(user)
    stage = stages.filter(name__iexact=name.strip()).first()
    if stage is None:
        raise ToolError(f"No stage called {name!r}. Yours: {', '.join(s.name for s in stages)}.")
    return stage


class Tools:
    """The tools of one user's server. Each method takes plain arguments (their annotations
    are the tool's input schema) and returns JSON-ready data."""

    def __init__(self, user):
        self.user = user

    # --- Read --------------------------------------------------------------------------
    def list_stages(self) -> dict:
        """Your pipeline's stages in board order, with their kind (open, active, offer, won,
        lost). Moving to a stage of kind lost opens a debrief."""
        return {"stages": [plain(StageOut, s) for s in Stage.objects.for_user(self.user)]}

    def list_applications(
        self,
        search: Annotated[str, Field(max_length=200)] = "",
        stage: Annotated[str, Field(description="A stage's name.")] = "",
        company: Annotated[str, Field(description="A company's name.")] = "",
        source: Source | None = None,
        work_mode: WorkMode | None = None,
        applied_from: date | None = None,
        applied_to: date | None = None,
        sort: Annotated[str | None, Field(description=f"One of: {', '.join(SORT_KEYS)}.")] = None,
        limit: Annotated[int, Field(ge=1, le=MAX_ROWS)] = 50,
    ) -> dict:
        """List or search your applications with the applications table's own filters
        (search matches a title, company, location or notes)."""
        data: dict[str, Any] = {
            "q": search,
            "source": source,
            "work_mode": work_mode,
            "applied_from": applied_from,
            "applied_to": applied_to,
            "sort": sort,
        }
        if stage:
            data["stage"] = stage_named(self.user, stage).pk
        if company:
            found = Company.objects.for_user(self.user).filter(name__iexact=company.strip())
            if not found.exists():
                raise ToolError(f"You have no company called {company!r}.")
            data["company"] = found.first().pk
        filters = ApplicationFilter(
            {k: v for k, v in data.items() if v},
            Application.objects.for_user(self.user).with_related(),
            user=self.user,
        )
        if not filters.is_valid():
            raise ToolError("; ".join(f"{k}: {' '.join(v)}" for k, v in filters.errors.items()))
        rows = filters.qs
        return {
            "count": rows.count(),
            "applications": [plain(ApplicationOut, a) for a in rows[:limit]],
        }

    def get_application(self, application_id: Id) -> dict:
        """One application with its stage history, interviews and the people linked to it."""
        application = find(
            Application.objects.for_user(self.user).with_related(), application_id, "application"
        )
        history = application.stage_changes.select_related("from_stage", "to_stage").order_by(
            "changed_at", "pk"
        )
        interviews = Interview.objects.for_user(self.user).filter(application=application)
        people = application.contact_links.select_related("contact")
        return {
            "application": plain(ApplicationOut, application),
            "history": [plain(ChangeOut, change) for change in history],
            "interviews": [
                plain(InterviewOut, i) for i in interviews.prefetch_related("interviewers")
            ],
            "people": [
                {"contact_id": link.contact_id, "name": link.contact.name, "role": link.role}
                for link in people
            ],
        }

    def list_contacts(
        self,
        search: Annotated[str, Field(max_length=200)] = "",
        limit: Annotated[int, Field(ge=1, le=MAX_ROWS)] = 50,
    ) -> dict:
        """Your contacts (name, company, title or email containing ``search``)."""
        # The contact list's own filter, as on the page and in the API.
        contacts = ContactFilter(
            {"q": search}, Contact.objects.for_user(self.user).prefetch_related("tags")
        ).qs
        return {"contacts": [plain(ContactOut, c) for c in contacts[:limit]]}

    def due_reminders(self) -> dict:
        """Reminders due now, oldest first (follow-ups, debrief steps, learning targets...)."""
        due = Reminder.objects.for_user(self.user).due().prefetch_related("target")
        return {"reminders": [plain(ReminderOut, r) for r in due.order_by("next_due_at", "pk")]}

    def open_debriefs(self) -> dict:
        """The debriefs still to finish, each with its next step to do."""
        debriefs = (
            Debrief.objects.for_user(self.user)
            .to_finish()
            .select_related("application__company")
            .prefetch_related("steps")
            .order_by("-ended_at", "-pk")
        )
        rows = []
        for debrief in debriefs:
            steps = sorted(debrief.steps.all(), key=lambda s: s.position)
            todo = [s for s in steps if s.state == StepState.TODO]
            rows.append(
                {
                    "debrief_id": debrief.pk,
                    "application_id": debrief.application_id,
                    "application": str(debrief.application),
                    "ended_at": debrief.ended_at.isoformat(),
                    "next_step": {"habit": todo[0].habit, "label": todo[0].get_habit_display()}
                    if todo
                    else None,
                    "steps_done": len(steps) - len(todo),
                    "steps": len(steps),
                }
            )
        return {"debriefs": rows}

    def get_debrief(self, debrief_id: Id) -> dict:
        """One debrief: its reflection, the reason given, feedback, steps and lessons."""
        debriefs = Debrief.objects.for_user(self.user).select_related("application__company")
        debrief = find(debriefs.prefetch_related("steps", "lessons"), debrief_id, "debrief")
        return {"debrief": plain(DebriefDetailOut, debrief)}

    def lessons(
        self,
        category: Annotated[str, Field(description="e.g. examples, system_design.")] = "",
        limit: Annotated[int, Field(ge=1, le=MAX_ROWS)] = 50,
    ) -> dict:
        """Your lessons from debriefs, newest first."""
        lessons = Lesson.objects.for_user(self.user).order_by("-created_at", "-pk")
        if category:
            lessons = lessons.filter(category=category)
        return {"lessons": [plain(LessonOut, lesson) for lesson in lessons[:limit]]}

    def week_progress(self) -> dict:
        """This week's goals and how far you are (as on the Today page), and your streak."""
        routine = routine_for(self.user)
        return {"week": json.loads(week_out(routine, routine.days_left).model_dump_json())}

    def learning_plan(self) -> dict:
        """Your learning plan: courses, practice and the hours logged on each."""
        items = LearningItem.objects.for_user(self.user).with_hours().select_related("skill_gap")
        return {"items": [plain(LearningItemOut, item) for item in items[:MAX_ROWS]]}

    def insights_summary(
        self, applied_from: date | None = None, applied_to: date | None = None
    ) -> dict:
        """The funnel (how far applications got), reply and ghosting rates with their 95%
        intervals, how applications stand, and what stands out beyond noise."""
        if applied_from and applied_to and applied_from > applied_to:
            raise ToolError("applied_to is before applied_from.")
        wanted = metrics.Filters(applied_from, applied_to, False)
        context = {**page.main(self.user, wanted), **page.findings(self.user, wanted)}
        summary, diagnosis = context["summary"], context["diagnosis"]
        rate = lambda r: json.loads(RateOut.of(r).model_dump_json())  # noqa: E731
        return {
            "steps": [
                {
                    "name": row["step"].name,
                    "reached": row["reached"],
                    "still_waiting": row["pending"],
                    "to_next_step": rate(row["conversion"]) if row["next"] else None,
                }
                for row in summary.rows
            ],
            "reply_rate": rate(summary.response_rate),
            "ghosting_rate": rate(summary.ghosting_rate),
            "outcomes": {key: n for key, _, n in summary.outcomes},
            "findings": [
                {"title": f.title, "evidence": f.evidence, "advice": f.advice}
                for f in diagnosis.findings
            ],
            "missing": diagnosis.missing,
        }

    # --- Write -------------------------------------------------------------------------
    def add_application(
        self,
        title: Annotated[str, Field(min_length=1, max_length=200)],
        company: Annotated[str, Field(min_length=1, max_length=200)],
        stage: Annotated[str, Field(description="Default: your first active stage.")] = "",
        job_url: str = "",
        location: str = "",
        source: Source | None = None,
        work_mode: WorkMode | None = None,
        applied_on: date | None = None,
        description: str = "",
        notes: str = "",
    ) -> dict:
        """Add an application (a company you do not have yet is created with it)."""
        if stage:
            first = stage_named(self.user, stage)
        else:
            stages = Stage.objects.for_user(self.user)
            first = stages.filter(kind=StageKind.ACTIVE).first() or stages.first()
        fields: dict[str, Any] = {
            "title": title,
            "job_url": job_url,
            "location": location,
            "applied_on": applied_on,
            "description": description,
            "notes": notes,
            "source": source or "",
            "work_mode": work_mode or "",
        }
        application = Application.start(
            self.user, company=Company.named(self.user, company), stage=first, **fields
        )
        return {"application": plain(ApplicationOut, application)}

    def move_application(
        self,
        application_id: Id,
        stage: Annotated[str, Field(description="The new stage's name.")],
        note: Annotated[str, Field(max_length=500)] = "",
        when: Annotated[
            datetime | None, Field(description="Back-date the move; default: now.")
        ] = None,
    ) -> dict:
        """Move an application to another stage (recorded in its history). A move to a lost
        stage (rejected, ghosted) opens a debrief: the answer gives its id and first step."""
        application = find(
            Application.objects.for_user(self.user).with_related(), application_id, "application"
        )
        if when is not None and timezone.is_naive(when):
            when = timezone.make_aware(when)
        change = application.move_to(stage_named(self.user, stage), when=when, note=note)
        answer: dict[str, Any] = {
            "moved": change is not None,
            "application": plain(ApplicationOut, application),
        }
        debrief = Debrief.objects.for_user(self.user).filter(application=application).first()
        if change is not None and debrief is not None and change.next_url:
            answer["debrief_opened"] = {
                "debrief_id": debrief.pk,
                "next_step": "Reflect on how it went while it is fresh (get_debrief shows it).",
            }
        return answer

    def add_interview(
        self,
        application_id: Id,
        round_name: Annotated[str, Field(min_length=1, max_length=100)],
        kind: InterviewKind,
        starts_at: datetime,
        duration_minutes: Annotated[int, Field(ge=5, le=720)] = 60,
        notes: str = "",
    ) -> dict:
        """Add an interview to an application (a time without an offset is in your zone)."""
        application = find(Application.objects.for_user(self.user), application_id, "application")
        if timezone.is_naive(starts_at):
            starts_at = timezone.make_aware(starts_at)
        interview = Interview(
            application=application,
            round_name=round_name,
            kind=kind,
            starts_at=starts_at,
            duration_minutes=duration_minutes,
            notes=notes,
        )
        interview.full_clean()
        interview.save()
        return {"interview": plain(InterviewOut, interview)}

    def log_interaction(
        self,
        contact_id: Id,
        channel: Channel = Channel.EMAIL,
        summary: Annotated[str, Field(max_length=2000)] = "",
        happened_on: Annotated[date | None, Field(description="Default: today.")] = None,
        application_id: Id | None = None,
    ) -> dict:
        """Log a touch with one of your contacts; their stay-in-touch clock starts again."""
        contact = find(Contact.objects.for_user(self.user), contact_id, "contact")
        fields: dict[str, Any] = {"channel": channel, "summary": summary}
        if happened_on is not None:
            fields["happened_on"] = happened_on
        if application_id is not None:
            fields["application"] = find(
                Application.objects.for_user(self.user), application_id, "application"
            )
        interaction = contact.log_interaction(**fields)
        return {"interaction": plain(InteractionOut, interaction)}

    def update_debrief_step(
        self,
        debrief_id: Id,
        step: Habit,
        state: StepState,
        notes: Annotated[str | None, Field(description="Replaces the step's notes.")] = None,
        remind_on: Annotated[date | None, Field(description="A reminder that day.")] = None,
    ) -> dict:
        """Tick, skip or reopen one step of a debrief's checklist, with notes or a reminder."""
        debrief = find(Debrief.objects.for_user(self.user), debrief_id, "debrief")
        target: DebriefStep = debrief.step(step)
        target.update(state=state, notes=notes, remind_on=remind_on)
        return self.open_debriefs() | {"updated": f"{Habit(step).label}: {state}"}

    def log_learning_time(
        self,
        learning_item_id: Id,
        hours: Annotated[Decimal, Field(gt=0, le=24, decimal_places=1)],
        on: Annotated[date | None, Field(description="Default: today.")] = None,
        note: Annotated[str, Field(max_length=150)] = "",
    ) -> dict:
        """Log time spent on an item of your learning plan (it counts towards the weekly
        learning-hours goal)."""
        item = find(LearningItem.objects.for_user(self.user), learning_item_id, "learning item")
        log = item.log_time(hours, on or timezone.localdate(), note)
        return {"logged_hours": float(log.activity.hours), "item": item.title}

    READS = (
        "list_stages",
        "list_applications",
        "get_application",
        "list_contacts",
        "due_reminders",
        "open_debriefs",
        "get_debrief",
        "lessons",
        "week_progress",
        "learning_plan",
        "insights_summary",
    )
    WRITES = (
        "add_application",
        "move_application",
        "add_interview",
        "log_interaction",
        "update_debrief_step",
        "log_learning_time",
    )
