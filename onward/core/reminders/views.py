from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from onward.core.http import redirect_back

from .models import Reminder

SNOOZE_CHOICES = {"1": 1, "7": 7}
UPCOMING_DAYS = 30


@login_required
def due(request):
    now = timezone.now()
    mine = (
        Reminder.objects.for_user(request.user)
        .select_related("application__company")
        .prefetch_related("target")
    )
    overdue = mine.due(now).order_by("next_due_at", "pk")
    upcoming = mine.upcoming(now).filter(next_due_at__lte=now + timedelta(days=UPCOMING_DAYS))
    return TemplateResponse(
        request,
        "reminders/due.html",
        {
            "overdue": list(overdue),
            "upcoming": list(upcoming.order_by("next_due_at", "pk")),
            "upcoming_days": UPCOMING_DAYS,
            "now": now,
        },
    )


def _after_change(request, reminder):
    """The reminder's row for htmx; otherwise back to where the form was (or the due page)."""
    if request.htmx:
        return TemplateResponse(
            request,
            "reminders/due.html#reminder",
            {"reminder": reminder, "now": timezone.now()},
        )
    return redirect_back(request, "reminders:due")


@login_required
@require_POST
def reminder_done(request, reminder_id: int):
    reminder = get_object_or_404(Reminder.objects.for_user(request.user), pk=reminder_id)
    if not reminder.is_done:
        reminder.mark_done()
    return _after_change(request, reminder)


@login_required
@require_POST
def reminder_reopen(request, reminder_id: int):
    reminder = get_object_or_404(Reminder.objects.for_user(request.user), pk=reminder_id)
    reminder.reopen()
    return _after_change(request, reminder)


@login_required
@require_POST
def reminder_snooze(request, reminder_id: int):
    reminder = get_object_or_404(Reminder.objects.for_user(request.user), pk=reminder_id)
    days = SNOOZE_CHOICES.get(request.POST.get("days", ""))
    if days is None:
        return HttpResponseBadRequest("Snooze for 1 or 7 days.")
    reminder.snooze(days)
    return _after_change(request, reminder)
