"""The Today page and the strategy report as plain text, for an assistant to read: the same
parts the pages compute (the routine's progress, due reminders, open debriefs, the suggested
next action; the insights and the experiments), without the HTML."""

from io import StringIO

from django.core.management import call_command
from django.db.models import Count, Q
from django.utils import timezone

from onward.accounts.models import profile_for
from onward.core.reminders.models import Reminder
from onward.debrief.models import Debrief, DebriefStep, Lesson
from onward.pipeline.models import Application
from onward.routine.progress import routine_for
from onward.strategy.models import Experiment
from onward.today.suggest import next_action
from onward.today.views import TODAY_DEBRIEFS, TODAY_REMINDERS


def today(user) -> str:
    now = timezone.now()
    zone = profile_for(user).zone
    routine = routine_for(user)
    week = routine.this_week
    due_all = Reminder.objects.for_user(user).due(now).order_by("next_due_at", "pk")
    due = list(due_all[:TODAY_REMINDERS])
    lines = [f"Today, {timezone.localdate():%A %d %B %Y}", ""]
    action = next_action(user, routine, due, zone, Application.objects.for_user(user).exists())
    if action:
        lines += ["Suggested next action:", f"  {action.text}", ""]
    lines.append(f"Due now ({due_all.count()}):")
    lines += [
        f"  - {r.title} (due {timezone.localtime(r.next_due, zone):%d %b %Y})" for r in due
    ] or ["  nothing"]
    debriefs = (
        Debrief.objects.for_user(user)
        .to_finish()
        .select_related("application__company")
        .annotate(todo=Count("steps", filter=Q(steps__state=DebriefStep.State.TODO)))
        .order_by("-ended_at", "-pk")[:TODAY_DEBRIEFS]
    )
    lines += ["", "Debriefs to finish:"]
    lines += [f"  - {d.application} (debrief {d.pk}, {d.todo} steps to do)" for d in debriefs] or [
        "  none"
    ]
    lines += [
        "",
        f"This week ({week.starts_on:%d %b} to {week.ends_on:%d %b}, {routine.days_left} days "
        f"left; streak {routine.streak} weeks):",
    ]
    for goal in week.goals:
        status = "met" if goal.met else f"{goal.remaining} to go"
        lines.append(f"  - {goal.measure.label}: {goal.done_display} of {goal.target} ({status})")
    return "\n".join(lines) + "\n"


def strategy_report(user) -> str:
    """What the printable report holds: the funnel and its rates and what stands out (as
    ``onward insights`` prints them), the recent lessons and the experiments."""
    out = StringIO()
    call_command("insights", user=user.get_username(), stdout=out)
    lines = ["Job-search strategy report", "", out.getvalue().rstrip(), "", "Recent lessons:"]
    lessons = Lesson.objects.for_user(user).order_by("-created_at", "-pk")[:20]
    lines += [f"  - {lesson.text} ({lesson.category_label})" for lesson in lessons] or ["  none"]
    lines += ["", "Experiments:"]
    for experiment in Experiment.objects.for_user(user)[:20]:
        until = f" to {experiment.ended_on}" if experiment.ended_on else ""
        lines.append(f"  - {experiment.title} (from {experiment.started_on}{until})")
        if experiment.conclusion:
            lines.append(f"    Conclusion: {experiment.conclusion}")
    if lines[-1] == "Experiments:":
        lines.append("  none")
    return "\n".join(lines) + "\n"
