"""The one suggested next action on the Today page, chosen from the data.

In order, the first that applies:

1. a feedback request with no answer for ``ONWARD_FEEDBACK_FOLLOWUP_DAYS`` or more;
2. the reminder overdue the longest (due before today);
3. a planned rest week: nothing is asked of the user;
4. the goal furthest from being met this week (by the share left);
5. every goal met: say so, with the numbers.

A user with no application yet gets none (the page explains how to start instead).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from onward.debrief.models import Debrief, DebriefStatus, FeedbackState
from onward.routine.progress import Routine, local_midnight

GOAL_PAGES = {
    "applications": "pipeline:application_create",
    "touches": "network:contact_list",
    "follow_ups": "reminders:due",
}


@dataclass(frozen=True)
class NextAction:
    kind: str
    text: str
    url: str = ""


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def unanswered_feedback(user, today) -> NextAction | None:
    days = settings.ONWARD_FEEDBACK_FOLLOWUP_DAYS
    debrief = (
        Debrief.objects.for_user(user)
        .exclude(status=DebriefStatus.DISMISSED)
        .filter(
            feedback_state=FeedbackState.ASKED,
            feedback_asked_on__lte=today - timedelta(days=days),
        )
        .select_related("feedback_contact", "application__company")
        .order_by("feedback_asked_on", "pk")
        .first()
    )
    if debrief is None:
        return None
    waited = (today - debrief.feedback_asked_on).days
    company = debrief.application.company.name
    if debrief.feedback_contact:
        who = f"{debrief.feedback_contact.name}'s feedback request ({company})"
    else:
        who = f"Your feedback request to {company}"
    return NextAction(
        "feedback",
        f"{who} has had no answer for {_days(waited)}: a gentle follow-up, or let it go.",
        debrief.get_absolute_url() + "#feedback",
    )


def overdue_reminder(due: list, today, zone) -> NextAction | None:
    start_of_today = local_midnight(today, zone)
    overdue = [r for r in due if r.next_due < start_of_today]
    if not overdue:
        return None
    oldest = min(overdue, key=lambda r: (r.next_due, r.pk))
    late = (today - timezone.localtime(oldest.next_due, zone).date()).days
    return NextAction(
        "reminder",
        f"“{oldest.title}” has been due for {_days(late)}.",
        oldest.link or reverse("reminders:due"),
    )


def goal_gap(routine: Routine) -> NextAction | None:
    week = routine.this_week
    if week.is_rest_week:
        return NextAction("rest", "This is a planned rest week: nothing on the routine is due.")
    unmet = [g for g in week.goals if g.target and not g.met]
    if unmet:
        gap = max(unmet, key=lambda g: (g.target - g.done) / g.target)
        days = routine.days_left
        page = GOAL_PAGES.get(gap.key)
        return NextAction(
            "goal",
            f"{gap.measure.amount(gap.remaining)} left to meet this week's goal "
            f"({gap.done_display} of {gap.target} so far, {_days(days)} left).",
            reverse(page) if page else "#log",
        )
    if week.met:
        done = ", ".join(g.measure.amount(g.done) for g in week.goals if g.target)
        return NextAction("met", f"Every goal for this week is met: {done}.")
    return None


def next_action(user, routine: Routine, due: list, zone, has_applications: bool):
    if not has_applications:
        return None
    return (
        unanswered_feedback(user, routine.today)
        or overdue_reminder(due, routine.today, zone)
        or goal_gap(routine)
    )
