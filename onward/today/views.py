"""The Today page and the weekly review: the top of the product, composing every app's parts
(the routine's progress, due reminders, open debriefs, mood, the inbox, perspective after a
rejection) into the two pages a job seeker opens most."""

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from onward.accounts.models import profile_for
from onward.core.charts import to_html
from onward.core.reminders.models import Reminder
from onward.debrief.models import Debrief, DebriefStep
from onward.inbox.models import InboxSignal
from onward.pipeline.models import Application, LossType
from onward.routine import charts
from onward.routine.forms import ActivityForm, GoalsForm, ReviewForm
from onward.routine.models import WeeklyReview, settings_for
from onward.routine.progress import local_midnight, routine_for, user_today
from onward.wellbeing.burnout import burnout_check
from onward.wellbeing.forms import MoodForm
from onward.wellbeing.models import MoodCheckIn
from onward.wellbeing.perspective import perspective_for

from .review import mood_trend, week_summary
from .suggest import next_action

# How many due reminders and open debriefs the Today page lists (the rest are a link away).
TODAY_REMINDERS = 8
TODAY_DEBRIEFS = 5
# The perspective statement shows on Today for this long after a rejection.
PERSPECTIVE_AFTER_REJECTION_DAYS = 14
CHART_WEEKS = 8


@login_required
def home(request):
    return redirect("today:today")


# --- Today --------------------------------------------------------------------------------


def today_context(request, **forms) -> dict:
    user = request.user
    now = timezone.now()
    zone = profile_for(user).zone
    routine = routine_for(user)
    due_reminders = (
        Reminder.objects.for_user(user)
        .due(now)
        .select_related("application__company")
        .prefetch_related(
            # django-stubs bounds the querysets by an invariant list[QuerySet[Model]].
            GenericPrefetch("target", [DebriefStep.objects.select_related("debrief")])  # type: ignore[type-var]
        )
        .order_by("next_due_at", "pk")
    )
    due = list(due_reminders[:TODAY_REMINDERS])
    due_count = due_reminders.count()
    debriefs = list(
        Debrief.objects.for_user(user)
        .to_finish()
        .select_related("application__company")
        # A count per listed debrief, not a GROUP BY over every open one's columns and steps.
        .annotate(
            todo=Coalesce(
                Subquery(
                    DebriefStep.objects.filter(debrief=OuterRef("pk"), state=DebriefStep.State.TODO)
                    .values("debrief")
                    .annotate(n=Count("pk"))
                    .values("n")
                ),
                0,
            )
        )
        .order_by("-ended_at", "-pk")[:TODAY_DEBRIEFS]
    )
    has_applications = Application.objects.for_user(user).exists()
    recent_rejection = (
        Debrief.objects.for_user(user)
        .filter(
            flow=LossType.REJECTED,
            ended_at__gte=now - timedelta(days=PERSPECTIVE_AFTER_REJECTION_DAYS),
        )
        .exists()
    )
    checked_in_today = (
        MoodCheckIn.objects.for_user(user)
        .filter(created_at__gte=local_midnight(routine.today, zone))
        .exists()
    )
    context = {
        "routine": routine,
        "week": routine.this_week,
        "due": due,
        "due_count": due_count,
        "debriefs": debriefs,
        "has_applications": has_applications,
        "action": next_action(user, routine, due, zone, has_applications),
        "perspective": perspective_for(user, routine) if recent_rejection else [],
        "burnout": burnout_check(user, now, routine),
        "checked_in_today": checked_in_today,
        # One count, whatever the number of messages (the page's query count stays constant).
        "inbox_new": InboxSignal.objects.for_user(user).new().count(),
        "activity_form": ActivityForm(initial={"on": routine.today}),
        "mood_form": MoodForm(),
        "now": now,
    }
    context.update(forms)
    return context


@login_required
def today(request):
    return TemplateResponse(request, "today/today.html", today_context(request))


# --- Weekly reviews -----------------------------------------------------------------------


@login_required
def review_list(request):
    reviews = WeeklyReview.objects.for_user(request.user)[:100]
    return TemplateResponse(request, "today/review_list.html", {"reviews": reviews})


def _week_asked(request, today: date) -> date:
    raw = request.GET.get("week") or request.POST.get("week") or ""
    try:
        asked = date.fromisoformat(raw)
    except ValueError:
        return today
    return min(asked, today)


def _review_context(request, **forms) -> dict:
    user = request.user
    real_today = user_today(user)
    asked = _week_asked(request, real_today)
    routine = routine_for(
        user, today=max(asked, real_today - timedelta(weeks=52)), weeks=CHART_WEEKS
    )
    routine.today = min(routine.this_week.ends_on, real_today)
    week = routine.this_week
    summary = week_summary(user, week)
    existing = WeeklyReview.objects.for_user(user).filter(week_starts_on=week.starts_on).first()
    next_start = week.starts_on + timedelta(days=7)
    context = {
        "week": week,
        "summary": summary,
        "trend": mood_trend(summary["mood"]),
        "existing": existing,
        "review_form": ReviewForm(instance=existing),
        "goals_form": GoalsForm(initial={g.key: g.goal for g in week.goals}, prefix="next"),
        "next_start": next_start,
        # Goals are set from the current week on; a week already over keeps the goals it had.
        "can_set_goals": next_start >= settings_for(user).week_of(real_today),
        "previous_week": week.starts_on - timedelta(days=7),
        "following_week": next_start if next_start <= real_today else None,
        "weeks": routine.weeks,
        "chart": to_html(
            charts.activity_figure(routine.weeks),
            "activity-chart",
            "Each goal's share reached, week by week, against the goal; "
            "the table below holds the same figures.",
        ),
    }
    context.update(forms)
    return context


@login_required
def review_week(request):
    if request.method != "POST":
        return TemplateResponse(request, "today/review_week.html", _review_context(request))
    context = _review_context(request)
    week = context["week"]
    review_form = ReviewForm(request.POST, instance=context["existing"])
    goals_form = GoalsForm(request.POST, prefix="next") if context["can_set_goals"] else None
    if not review_form.is_valid() or (goals_form and not goals_form.is_valid()):
        context.update(review_form=review_form, goals_form=goals_form)
        return TemplateResponse(request, "today/review_week.html", context, status=400)
    review = WeeklyReview.record(
        request.user,
        week.starts_on,
        summary=context["summary"],
        fields=review_form.cleaned_data,
        next_goals=goals_form.cleaned_data if goals_form else None,
    )
    if goals_form:
        messages.success(request, "Review saved, and next week's goals are set.")
    else:
        messages.success(request, "Review saved.")
    return redirect("today:review_detail", review.pk)


@login_required
def review_detail(request, review_id: int):
    review = get_object_or_404(WeeklyReview.objects.for_user(request.user), pk=review_id)
    return TemplateResponse(
        request,
        "today/review_detail.html",
        {
            "review": review,
            "summary": review.summary,
            "trend": mood_trend(review.summary.get("mood", {})),
        },
    )
