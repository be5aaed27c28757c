"""Sharing a strategy report with a coach by invitation link, and a coach's view of the reports
shared with them."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from onward.core.http import never_compressed, site_url
from onward.insights.views import report_response

from .models import CoachAccess, CoachInvitation, InvitationInvalid


def index_response(request, new_link: str = "") -> TemplateResponse:
    """Both sides on one page: who I share with (and my pending links), and who shares with me."""
    return TemplateResponse(
        request,
        "coaching/index.html",
        {
            "my_coaches": CoachAccess.objects.given_by(request.user).select_related("coach"),
            "invitations": CoachInvitation.objects.given_by(request.user).pending(),
            "coachees": CoachAccess.objects.held_by(request.user).select_related("seeker"),
            "new_link": new_link,
            "invitation_days": settings.ONWARD_COACH_INVITATION_DAYS,
        },
    )


@login_required
def index(request):
    return index_response(request)


@login_required
@require_POST
@never_compressed  # it shows the new link, a lasting secret
def invite(request):
    """A new single-use link for the seeker to give their coach; shown once."""
    _, raw = CoachInvitation.issue(request.user)
    return index_response(request, new_link=site_url(reverse("coaching:join", args=[raw])))


@login_required
@require_POST
def withdraw(request, invitation_id):
    invitations = CoachInvitation.objects.given_by(request.user)
    get_object_or_404(invitations, pk=invitation_id).delete()
    messages.success(request, "Invitation withdrawn: that link no longer works.")
    return redirect("coaching:index")


@login_required
def join(request, token):
    """The coach opens the link (logged in), sees whose report it is, and accepts."""
    try:
        invitation = CoachInvitation.usable(token)
        if request.method == "POST":
            grant = CoachInvitation.accept(token, request.user)
            name = grant.seeker.get_full_name() or grant.seeker.get_username()
            messages.success(request, f"You can now read {name}'s strategy report.")
            return redirect("coaching:index")
    except InvitationInvalid as refused:
        return TemplateResponse(
            request, "coaching/join.html", {"problem": str(refused)}, status=404
        )
    except ValidationError as refused:
        problem = " ".join(refused.messages)
        return TemplateResponse(request, "coaching/join.html", {"problem": problem}, status=400)
    own = invitation.seeker_id == request.user.pk
    return TemplateResponse(request, "coaching/join.html", {"invitation": invitation, "own": own})


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
