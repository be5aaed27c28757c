"""Reminders over the API: what is due, and done, snooze and reopen through the model's methods."""

from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from onward.core.reminders.models import Reminder

from .common import InSchema, Pagination, owner

router = Router(tags=["reminders"])


class ReminderOut(Schema):
    id: int
    kind: str
    title: str
    notes: str
    due_at: datetime
    snoozed_until: datetime | None
    next_due: datetime = Field(description="The snooze date when snoozed, else the due date.")
    done_at: datetime | None
    application_id: int | None
    link: str = Field(description="Where it leads: its own URL or its subject's page.")
    created_at: datetime


class SnoozeIn(InSchema):
    days: int = Field(ge=1, le=30, description="From now, or from the due date if later.")


def reminders_of(request):
    return Reminder.objects.for_user(owner(request))


def get_reminder(request, reminder_id: int) -> Reminder:
    return get_object_or_404(reminders_of(request), pk=reminder_id)


@router.get("/reminders", response=list[ReminderOut])
@paginate(Pagination)
def list_reminders(
    request, due: bool = Query(False, description="Only those due now (else all open ones).")
):
    reminders = reminders_of(request).prefetch_related("target")
    reminders = reminders.due() if due else reminders.open().with_next_due()
    return reminders.order_by("next_due_at", "pk")


@router.post("/reminders/{reminder_id}/done", response=ReminderOut)
def mark_done(request, reminder_id: int):
    reminder = get_reminder(request, reminder_id)
    if not reminder.is_done:
        reminder.mark_done()
    return reminder


@router.post("/reminders/{reminder_id}/snooze", response=ReminderOut)
def snooze(request, reminder_id: int, payload: SnoozeIn):
    reminder = get_reminder(request, reminder_id)
    reminder.snooze(payload.days)
    return reminder


@router.post("/reminders/{reminder_id}/reopen", response=ReminderOut)
def reopen(request, reminder_id: int):
    reminder = get_reminder(request, reminder_id)
    reminder.reopen()
    return reminder
