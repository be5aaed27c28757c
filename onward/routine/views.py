from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from onward.core.http import redirect_back

from .forms import ActivityForm, GoalsForm, RestForm, WeekStartForm
from .models import ActivityLog, RestPeriod, WeeklyGoals, settings_for
from .progress import routine_for, user_today

# How many due reminders and open debriefs the Today page lists (the rest are a link away).
TODAY_REMINDERS = 8
TODAY_DEBRIEFS = 5
# The perspective statement shows on Today for this long after a rejection.
PERSPECTIVE_AFTER_REJECTION_DAYS = 14
CHART_WEEKS = 8


def _progress(request, **forms) -> dict:
    routine = routine_for(request.user)
    return {
        "routine": routine,
        "week": routine.this_week,
        "activity_form": ActivityForm(initial={"on": routine.today}),
        **forms,
    }


@login_required
@require_POST
def activity_add(request):
    """Log practice, learning or an event (from the Today page or the activity log). By htmx
    the answer is the week's progress panel alone."""
    form = ActivityForm(request.POST)
    if not form.is_valid():
        if request.htmx:
            context = _progress(request, activity_form=form)
            return TemplateResponse(request, "routine/_progress.html", context, status=400)
        context = {"activities": _logged(request.user), "activity_form": form}
        return TemplateResponse(request, "routine/activity_list.html", context, status=400)
    activity = ActivityLog.log(request.user, **form.cleaned_data)
    if request.htmx:
        return TemplateResponse(request, "routine/_progress.html", _progress(request))
    messages.success(request, f"Logged: {activity.get_kind_display().lower()}.")
    return redirect_back(request, "today:today")


def _logged(user):
    return ActivityLog.objects.for_user(user)[:200]


@login_required
def activity_list(request):
    return TemplateResponse(
        request,
        "routine/activity_list.html",
        {"activities": _logged(request.user), "activity_form": ActivityForm()},
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
