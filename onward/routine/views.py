from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from onward.accounts.models import profile_for
from onward.core.charts import to_html
from onward.core.http import redirect_back
from onward.core.reminders.models import Reminder
from onward.debrief.forms import MoodForm
from onward.debrief.models import Debrief, DebriefStep, MoodCheckIn
from onward.inbox.models import InboxSignal
from onward.pipeline.models import Application, LossType
from onward.wellbeing.burnout import burnout_check
from onward.wellbeing.perspective import perspective_for

from . import charts
from .forms import ActivityForm, GoalsForm, RestForm, ReviewForm, WeekStartForm
from .models import ActivityLog, RestPeriod, WeeklyGoals, WeeklyReview, settings_for
from .progress import local_midnight, routine_for, user_today
from .review import mood_trend, week_summary
from .suggest import next_action

# How many due reminders and open debriefs the Today page lists (the rest are a link away).
TODAY_REMINDERS = 8
TODAY_DEBRIEFS = 5
# The perspective statement shows on Today for this long after a rejection.
PERSPECTIVE_AFTER_REJECTION_DAYS = 14
CHART_WEEKS = 8


# --- Today --------------------------------------------------------------------------------


def _today_context(request, **forms) -> dict:
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
        .annotate(todo=Count("steps", filter=Q(steps__state=DebriefStep.State.TODO)))
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
        "burnout": burnout_check(user, now),
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
    return TemplateResponse(request, "routine/today.html", _today_context(request))


@login_required
@require_POST
def activity_add(request):
    form = ActivityForm(request.POST)
    if not form.is_valid():
        template = "routine/today.html#progress" if request.htmx else "routine/today.html"
        return TemplateResponse(
            request, template, _today_context(request, activity_form=form), status=400
        )
    activity = form.save(commit=False)
    activity.user = request.user
    activity.save()
    if request.htmx:
        return TemplateResponse(request, "routine/today.html#progress", _today_context(request))
    messages.success(request, f"Logged: {activity.get_kind_display().lower()}.")
    return redirect_back(request, "routine:today")


@login_required
def activity_list(request):
    activities = ActivityLog.objects.for_user(request.user)[:200]
    return TemplateResponse(
        request,
        "routine/activity_list.html",
        {"activities": activities, "activity_form": ActivityForm()},
    )


@login_required
@require_POST
def activity_delete(request, activity_id: int):
    activity = get_object_or_404(ActivityLog.objects.for_user(request.user), pk=activity_id)
    activity.delete()
    messages.success(request, "Removed from the log.")
    return redirect_back(request, "routine:activity_list")


# --- Settings: week start, goals, rest ------------------------------------------------------


def _settings_context(request, **forms) -> dict:
    routine_settings = settings_for(request.user)
    routine = routine_for(request.user, weeks=0)
    week = routine.this_week
    context = {
        "week": week,
        "week_form": WeekStartForm(instance=routine_settings),
        "goals_form": GoalsForm(initial={g.key: g.goal for g in week.goals}),
        "rest_form": RestForm(),
        "rest_periods": RestPeriod.objects.for_user(request.user)[:50],
    }
    context.update(forms)
    return context


@login_required
def routine_settings(request):
    if request.method == "POST":
        routine_settings = settings_for(request.user)
        week_form = WeekStartForm(request.POST, instance=routine_settings)
        goals_form = GoalsForm(request.POST)
        if week_form.is_valid() and goals_form.is_valid():
            week_form.save()
            starts_on = routine_settings.week_of(user_today(request.user))
            WeeklyGoals.set_for_week(request.user, starts_on, goals_form.cleaned_data)
            messages.success(request, "Saved. The new goals count from this week on.")
            return redirect("routine:settings")
        return TemplateResponse(
            request,
            "routine/settings.html",
            _settings_context(request, week_form=week_form, goals_form=goals_form),
            status=400,
        )
    return TemplateResponse(request, "routine/settings.html", _settings_context(request))


@login_required
@require_POST
def rest_add(request):
    form = RestForm(request.POST)
    if not form.is_valid():
        return TemplateResponse(
            request, "routine/settings.html", _settings_context(request, rest_form=form), status=400
        )
    rest = form.save(commit=False)
    rest.user = request.user
    rest.save()
    messages.success(
        request, "Rest planned. Those days lower your goals instead of breaking your streak."
    )
    return redirect("routine:settings")


@login_required
@require_POST
def rest_delete(request, rest_period_id: int):
    rest = get_object_or_404(RestPeriod.objects.for_user(request.user), pk=rest_period_id)
    rest.delete()
    messages.success(request, "Rest period removed.")
    return redirect("routine:settings")


# --- Weekly reviews -----------------------------------------------------------------------


@login_required
def review_list(request):
    reviews = WeeklyReview.objects.for_user(request.user)[:100]
    return TemplateResponse(request, "routine/review_list.html", {"reviews": reviews})


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
        "chart": to_html(charts.activity_figure(routine.weeks), "activity-chart"),
    }
    context.update(forms)
    return context


@login_required
def review_week(request):
    if request.method != "POST":
        return TemplateResponse(request, "routine/review_week.html", _review_context(request))
    context = _review_context(request)
    week = context["week"]
    review_form = ReviewForm(request.POST, instance=context["existing"])
    goals_form = GoalsForm(request.POST, prefix="next") if context["can_set_goals"] else None
    if not review_form.is_valid() or (goals_form and not goals_form.is_valid()):
        context.update(review_form=review_form, goals_form=goals_form)
        return TemplateResponse(request, "routine/review_week.html", context, status=400)
    review = review_form.save(commit=False)
    review.user = request.user
    review.week_starts_on = week.starts_on
    review.summary = context["summary"]
    review.save()
    if goals_form:
        WeeklyGoals.set_for_week(request.user, context["next_start"], goals_form.cleaned_data)
        messages.success(request, "Review saved, and next week's goals are set.")
    else:
        messages.success(request, "Review saved.")
    return redirect(review)


@login_required
def review_detail(request, review_id: int):
    review = get_object_or_404(WeeklyReview.objects.for_user(request.user), pk=review_id)
    return TemplateResponse(
        request,
        "routine/review_detail.html",
        {
            "review": review,
            "summary": review.summary,
            "trend": mood_trend(review.summary.get("mood", {})),
        },
    )
