"""Plain-function factories for tests (and benchmarks). Each returns a saved object."""

import sqlite3
from datetime import timedelta
from itertools import count

from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

from onward.accounts.models import start_account
from onward.network.models import Contact
from onward.pipeline.models import Application, ApplicationContact, Company, Interview, Stage

_seq = count(1)
PASSWORD = "correct horse battery staple"


def make_user(username: str | None = None, **fields):
    username = username or f"user{next(_seq)}"
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, email=f"{username}@example.org", **fields
    )
    start_account(user)
    return user


def stage(user, name: str) -> Stage:
    return Stage.objects.get(user=user, name=name)


def make_company(user, name: str | None = None, **fields) -> Company:
    return Company.objects.create(user=user, name=name or f"Company {next(_seq)}", **fields)


def make_application(user, stage_name: str = "Applied", *, company=None, when=None, **fields):
    """An application whose history starts in ``stage_name`` at ``when`` (default: now)."""
    company = company or make_company(user)
    fields.setdefault("title", f"Role {next(_seq)}")
    first = stage(user, stage_name)
    application = Application.objects.create(user=user, company=company, stage=first, **fields)
    application.move_to(first, when=when or timezone.now())
    return application


def make_contact(user, name: str | None = None, **fields) -> Contact:
    return Contact.objects.create(user=user, name=name or f"Person {next(_seq)}", **fields)


def link_contact(application, contact, role: str = "interviewer") -> ApplicationContact:
    return ApplicationContact.objects.create(application=application, contact=contact, role=role)


def make_interview(application, **fields) -> Interview:
    fields.setdefault("round_name", "Technical interview")
    fields.setdefault("kind", "technical")
    fields.setdefault("starts_at", timezone.now() - timedelta(days=2))
    interviewers = fields.pop("interviewers", [])
    interview = Interview.objects.create(application=application, **fields)
    interview.interviewers.set(interviewers)
    return interview


def make_api_token(user, name: str = "test"):
    """(token, raw secret) for the REST API."""
    from onward.accounts.models import ApiToken

    return ApiToken.issue(user, name)


def move(application, stage_name: str, when=None):
    """Move an application to the user's stage called ``stage_name`` (a StageChange, or None)."""
    return application.move_to(stage(application.user, stage_name), when=when)


def make_debrief(user, stage_name: str = "Rejected", *, through=("Screening",), **fields):
    """A debrief opened the real way: an application moved through ``through``, then lost."""
    application = make_application(user, "Applied", **fields)
    for name in through:
        move(application, name)
    move(application, stage_name)
    from onward.debrief.models import Debrief

    return Debrief.objects.get(application=application)


def make_lesson(debrief, **fields):
    from onward.debrief.models import Lesson

    fields.setdefault("text", "Prepare two stories about handling conflict.")
    fields.setdefault("category", "examples")
    fields.setdefault("stage", debrief.stage_reached)
    return Lesson.objects.create(user=debrief.user, debrief=debrief, **fields)


def make_reminder(user, **fields):
    from onward.core.reminders.models import Reminder

    fields.setdefault("title", "Follow up")
    fields.setdefault("due_at", timezone.now())
    return Reminder.objects.create(user=user, **fields)


def bulk_applications(user, histories, **fields) -> list[Application]:
    """Many applications at once (no signals), each with the stage history given as
    [(stage name, datetime), ...]; the last move is where it stands now."""
    from onward.pipeline.models import StageChange

    stages = {s.name: s for s in Stage.objects.for_user(user)}
    company = fields.pop("company", None) or make_company(user)
    applications = Application.objects.bulk_create(
        Application(
            user=user,
            company=company,
            title=fields.get("title") or f"Role {next(_seq)}",
            stage=stages[history[-1][0]],
            stage_changed_at=history[-1][1],
            **{k: v for k, v in fields.items() if k != "title"},
        )
        for history in histories
    )
    StageChange.objects.bulk_create(
        StageChange(
            application=application,
            from_stage=stages[history[i - 1][0]] if i else None,
            to_stage=stages[name],
            changed_at=when,
        )
        for application, history in zip(applications, histories, strict=True)
        for i, (name, when) in enumerate(history)
    )
    return applications


# --- Routine and wellbeing ------------------------------------------------------------------


def make_interaction(contact, **fields):
    from onward.network.models import Interaction

    return Interaction.objects.create(contact=contact, **fields)


def make_activity(user, kind: str = "practice", **fields):
    from onward.routine.models import ActivityLog

    if kind == "learning":
        fields.setdefault("hours", 1)
    return ActivityLog.objects.create(user=user, kind=kind, **fields)


def make_goals(user, starts_on, **goals):
    """Weekly goals from the week containing ``starts_on``: the defaults, changed by ``goals``."""
    from onward.routine.models import DEFAULT_GOALS, WeeklyGoals

    return WeeklyGoals.objects.create(user=user, starts_on=starts_on, **{**DEFAULT_GOALS, **goals})


def make_rest(user, starts_on, ends_on=None, **fields):
    from onward.routine.models import RestPeriod

    return RestPeriod.objects.create(
        user=user, starts_on=starts_on, ends_on=ends_on or starts_on, **fields
    )


def make_review(user, week_starts_on=None, **fields):
    from onward.routine.models import WeeklyReview

    week_starts_on = week_starts_on or timezone.localdate() - timedelta(days=7)
    return WeeklyReview.objects.create(user=user, week_starts_on=week_starts_on, **fields)


def make_check_in(user, mood: int = 3, **fields):
    from onward.wellbeing.models import MoodCheckIn

    return MoodCheckIn.objects.create(user=user, mood=mood, **fields)


def make_win(user, title: str = "Sent the message I'd been putting off", **fields):
    from onward.wellbeing.models import Win

    return Win.objects.create(user=user, title=title, **fields)


# --- Growth ---------------------------------------------------------------------------------


def make_skill_gap(user, name: str = "System design under time pressure", **fields):
    from onward.growth.models import SkillGap

    return SkillGap.objects.create(user=user, name=name, **fields)


def make_learning_item(user, title: str = "System design course", **fields):
    from onward.growth.models import LearningItem

    return LearningItem.objects.create(user=user, title=title, **fields)


def run_at_once(job, runners: int = 2) -> list[Exception]:
    """Run ``job`` in ``runners`` threads started together (as two ``onward work`` processes
    would be); the exceptions they raised. Each thread closes its own database connection."""
    import threading

    from django.db import connection

    start = threading.Barrier(runners)
    errors: list[Exception] = []

    def run() -> None:
        try:
            start.wait()
            job()
        except Exception as exc:  # returned to the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(runners)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def make_document(user, name: str = "Backend résumé", *, version: str = "", **fields):
    """A résumé in the user's library, with a small PDF as its file."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from onward.documents.models import Document

    upload = SimpleUploadedFile(fields.pop("filename", "resume.pdf"), PDF_BYTES)
    return Document.add(
        user,
        kind=fields.pop("kind", "resume"),
        name=name,
        version=version or f"v{next(_seq)}",
        upload=upload,
    )


def attach_document(application, document=None):
    from onward.documents.models import DocumentLink

    return DocumentLink.attach(application, document or make_document(application.user))


def another_writer_gets_in() -> bool:
    """Can a second connection take the write lock right now, without waiting at all? (Tests of
    imports that must not lock other users out.)"""
    if connection.vendor != "sqlite":
        return True  # PostgreSQL locks rows, not the database: the open transaction is the test
    other = sqlite3.connect(connection.settings_dict["NAME"], timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        other.close()
