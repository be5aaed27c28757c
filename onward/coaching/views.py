"""Sharing a strategy report with a coach, and a coach's view of the reports shared with them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from onward.insights.views import report_response

from .forms import ShareForm
from .models import CoachAccess


@login_required
def index(request):
    """Both sides on one page: the coaches I share with, and the people who share with me."""
    form = ShareForm(request.POST or None, seeker=request.user)
    if request.method == "POST" and form.is_valid():
        grant = form.save()
        messages.success(
            request, f"{grant.coach.get_username()} can now read your strategy report."
        )
        return redirect("coaching:index")
    return TemplateResponse(
        request,
        "coaching/index.html",
        {
            "form": form,
            "my_coaches": CoachAccess.objects.given_by(request.user).select_related("coach"),
            "coachees": CoachAccess.objects.held_by(request.user).select_related("seeker"),
        },
    )


@login_required
@require_POST
def revoke(request, grant_id):
    """The job seeker withdraws a coach's access (a coach may also step back)."""
    grants = CoachAccess.objects.given_by(request.user) | CoachAccess.objects.held_by(request.user)
    grant = get_object_or_404(grants, pk=grant_id)
    grant.delete()
    messages.success(request, "Sharing stopped.")
    return redirect("coaching:index")


@login_required
def report(request, seeker_id):
    """A job seeker's strategy report, for a coach they share it with; 404 for anyone else."""
    grants = CoachAccess.objects.held_by(request.user).filter(seeker__is_active=True)
    # seeker__pk, not seeker_id: Django guards pk lookups against ids too large for the column.
    grant = get_object_or_404(grants.select_related("seeker"), seeker__pk=seeker_id)
    return report_response(request, grant.seeker, read_only=True)
