from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from onward.accounts.models import profile_for
from onward.core.charts import to_html
from onward.core.http import redirect_back
from onward.debrief.models import Debrief
from onward.debrief.views import render_detail
from onward.routine.progress import routine_for

from . import burnout, charts
from .events import count_events, job_events
from .forms import DecisionForm, MoodForm, WinForm
from .models import BurnoutDismissal, MoodCheckIn, Win
from .perspective import perspective_for
from .wins import decide, suggestions

# The mood chart covers this many days.
MOOD_CHART_DAYS = 90


def _home_context(request, **forms) -> dict:
    user = request.user
    now = timezone.now()
    zone = profile_for(user).zone
    routine = routine_for(user, weeks=8)
    since = now - timedelta(days=MOOD_CHART_DAYS)
    check_ins = list(
        MoodCheckIn.objects.for_user(user)
        .filter(created_at__gte=since)
        .order_by("created_at", "pk")
    )
    events = job_events(user, since, now)
    context = {
        "mood_form": MoodForm(),
        "win_form": WinForm(initial={"happened_on": routine.today}),
        "check_ins": list(reversed(check_ins)),
        "chart": to_html(
            charts.mood_figure(check_ins, events, zone),
            "mood-chart-plot",
            f"Mood and energy over the last {MOOD_CHART_DAYS} days, with the job-search "
            "events underneath; the check-ins are in the table below.",
        )
        if check_ins
        else "",
        "event_counts": count_events(events),
        "chart_days": MOOD_CHART_DAYS,
        "wins": Win.objects.for_user(user).journal()[:100],
        "suggestions": suggestions(user, routine, now),
        "perspective": perspective_for(user, routine),
        "burnout": burnout.burnout_check(user, now),
    }
    context.update(forms)
    return context


@login_required
def home(request):
    return TemplateResponse(request, "wellbeing/home.html", _home_context(request))


@login_required
@require_POST
def mood_add(request):
    form = MoodForm(request.POST)
    if not form.is_valid():
        return TemplateResponse(
            request, "wellbeing/home.html", _home_context(request, mood_form=form), status=400
        )
    MoodCheckIn.record(request.user, **form.cleaned_data)
    messages.success(request, "Check-in saved.")
    return redirect_back(request, "wellbeing:home")


@login_required
@require_POST
def debrief_mood_add(request, debrief_id: int):
    """The debrief's "stay positive" step: a check-in that belongs to the debrief."""
    debrief = get_object_or_404(Debrief.objects.for_user(request.user), pk=debrief_id)
    form = MoodForm(request.POST)
    if not form.is_valid():
        return render_detail(request, debrief, status=400, mood_form=form)
    MoodCheckIn.record(request.user, debrief=debrief, **form.cleaned_data)
    messages.success(request, "Thanks for checking in. Be kind to yourself today.")
    return redirect(debrief.get_absolute_url() + "#mood")


def debrief_panels(request, debrief, forms: dict) -> dict:
    """The mood panel on a debrief's page (registered in apps.py)."""
    return {
        "debrief": debrief,
        "check_ins": debrief.check_ins.all()[:5],
        "mood_form": forms.get("mood_form") or MoodForm(),
    }


def debrief_perspective(request, debrief, forms: dict) -> dict:
    # Perspective from the user's own numbers (empty with too little data).
    return {"perspective": perspective_for(debrief.user)}


@login_required
@require_POST
def check_in_delete(request, check_in_id: int):
    check_in = get_object_or_404(MoodCheckIn.objects.for_user(request.user), pk=check_in_id)
    check_in.delete()
    messages.success(request, "Check-in removed.")
    return redirect("wellbeing:home")


@login_required
@require_POST
def win_add(request):
    form = WinForm(request.POST)
    if not form.is_valid():
        return TemplateResponse(
            request, "wellbeing/home.html", _home_context(request, win_form=form), status=400
        )
    win = form.save(commit=False)
    win.user = request.user
    win.save()
    messages.success(request, "Added to your wins.")
    return redirect("wellbeing:home")


@login_required
@require_POST
def win_delete(request, win_id: int):
    win = get_object_or_404(Win.objects.for_user(request.user).journal(), pk=win_id)
    win.remove()
    messages.success(request, "Removed from your wins.")
    return redirect("wellbeing:home")


@login_required
@require_POST
def suggestion_decide(request):
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return TemplateResponse(request, "wellbeing/home.html", _home_context(request), status=400)
    accept = form.cleaned_data["decision"] == "accept"
    routine = routine_for(request.user, weeks=8)
    win = decide(request.user, form.cleaned_data["key"], accept=accept, routine=routine)
    if win is None:
        raise Http404("No such suggestion.")
    messages.success(request, "Added to your wins." if accept else "Dismissed. It won't come back.")
    return redirect("wellbeing:home")


@login_required
@require_POST
def burnout_dismiss(request):
    signal = burnout.measure(request.user)
    BurnoutDismissal.objects.create(user=request.user, numbers=signal.numbers())
    messages.success(request, "Dismissed. Onward won't raise it again for a while.")
    return redirect_back(request, "wellbeing:home")
