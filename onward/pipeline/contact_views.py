"""People on an application: linking contacts to it, and the drafts that ask someone for
support (advice, or a referral for a role)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from onward.core import drafts as drafting
from onward.core.draft_page import DraftForm, draft_form, use_draft
from onward.network.models import Contact

from . import support_drafts as drafts
from .closeout import CLOSE_OUT_KINDS
from .forms import ApplicationContactForm
from .models import Application, ApplicationContact
from .views import application_page, contact_choices, own_application

# --- Contacts on an application -----------------------------------------------------------


@login_required
def application_contact_create(request, application_id):
    """Link a person to an application. GET: the form, on its own page or (htmx) into the
    application page when its "Link a person" is opened."""
    application = own_application(request, application_id)
    if request.method == "GET":
        contacts = contact_choices(request.user, application)
        form = ApplicationContactForm(user=request.user, application=application, contacts=contacts)
        context = {"application": application, "contact_form": form}
        if request.htmx:
            return TemplateResponse(
                request, "pipeline/application_detail.html#contact-form", context
            )
        return TemplateResponse(request, "pipeline/application_contact_form.html", context)
    form = ApplicationContactForm(request.POST, user=request.user, application=application)
    if not form.is_valid():
        return application_page(request, application, contact_form=form)
    link = form.save()
    if link is None:
        return application_page(request, application, contact_form=form)
    messages.success(request, f"Linked {link.contact} as {link.get_role_display().lower()}.")
    return redirect(reverse("pipeline:application_detail", args=[application.pk]) + "#contacts")


@login_required
@require_POST
def application_contact_delete(request, link_id):
    link = get_object_or_404(
        ApplicationContact.objects.for_user(request.user).select_related("contact"), pk=link_id
    )
    link.delete()
    messages.success(request, f"Unlinked {link.contact}.")
    return redirect(
        reverse("pipeline:application_detail", args=[link.application_id]) + "#contacts"
    )


# --- Asking for support -------------------------------------------------------------------


@login_required
def contact_draft(request, contact_id, kind: str):
    """Ask for advice or a referral: edit, then copy, open in the mail app, download as .eml,
    send (with SMTP configured) or mark as sent. Sending logs an interaction."""
    contact = get_object_or_404(Contact.objects.for_user(request.user), pk=contact_id)
    if kind not in drafts.NETWORK_KINDS + CLOSE_OUT_KINDS:
        raise Http404("No such draft.")
    application = drafts.application_for(
        contact, kind, request.POST.get("application", "") or request.GET.get("application", "")
    )
    refused = drafts.not_offered(kind, application)
    applications = (
        Application.objects.for_user(request.user)
        .select_related("company")
        .order_by("-created_at")[:50]
    )
    status = 200
    if refused:
        # Where things stand makes this draft wrong (a referral after a rejection): say why.
        form, mailto = DraftForm(), ""
        status = 400 if request.method == "POST" else 200
    elif request.method == "POST":
        form = DraftForm(request.POST)

        def on_sent(to):
            drafts.record_sent(contact, kind, application)
            messages.success(request, f"Sent to {to}, and logged." if to else "Logged as sent.")
            return redirect(contact)

        outcome = use_draft(request, form, on_sent)
        if isinstance(outcome, HttpResponse):
            return outcome
        mailto, status = outcome, 400 if form.errors else 200
    else:
        form, mailto = draft_form(drafts.make_draft(contact, kind, application))
    return TemplateResponse(
        request,
        "pipeline/contact_draft.html",
        {
            "contact": contact,
            "kind": kind,
            "spec": drafting.DRAFT_KINDS[kind],
            "application": application,
            "applications": applications,
            "refused": refused,
            "form": form,
            "mailto": mailto,
            "smtp_enabled": settings.ONWARD_SMTP_ENABLED,
        },
        status=status,
    )
