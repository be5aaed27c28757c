"""Contacts: the people met along the search, what happened with them, and staying in touch."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from .actions import actions_for
from .filters import ContactFilter
from .forms import (
    CadenceForm,
    ContactForm,
    ImportForm,
    InteractionForm,
)
from .linkedin import import_connections
from .models import Contact, Interaction, Relationship, Tag
from .vcards import contact_card, export_cards, import_vcards

IMPORT_SESSION_KEY = "network_import_report"


def own_contact(request, contact_id) -> Contact:
    return get_object_or_404(Contact.objects.for_user(request.user), pk=contact_id)


def _with_actions(contact: Contact) -> Contact:
    contact.actions = actions_for(contact)  # type: ignore[attr-defined]
    return contact


def listed(contacts):
    """Everything a contact row shows, in a fixed number of queries whatever the count."""
    return (
        contacts.with_last_contacted()
        .with_next_follow_up()
        .annotate(application_count=Count("application_links__application", distinct=True))
        .prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("name")))
    )


# --- Contacts -----------------------------------------------------------------------------


@login_required
def contact_list(request):
    filters = ContactFilter(request.GET, Contact.objects.for_user(request.user))
    form = filters.form
    query = form.cleaned_data.get("q", "").strip() if filters.is_valid() else ""
    contacts = listed(filters.qs).order_by("name", "pk")
    page = Paginator(contacts, settings.ONWARD_PAGE_SIZE).get_page(request.GET.get("page"))
    filtered = filters.active
    return TemplateResponse(
        request,
        "network/contact_list.html",
        {
            "page": page,
            "q": query,
            "form": form,
            "filtered": filtered,
            "tags": Tag.objects.for_user(request.user),
            "now": timezone.now(),
        },
    )


@login_required
def support(request):
    """The support circle: mentors and friends to lean on (habit 7 of the chapter)."""
    circle = listed(Contact.objects.for_user(request.user).filter(support_circle=True))
    suggestions = (
        Contact.objects.for_user(request.user)
        .filter(
            support_circle=False,
            relationship__in=[Relationship.MENTOR, Relationship.FRIEND],
        )
        .order_by("name")[:10]
    )
    return TemplateResponse(
        request,
        "network/support.html",
        {
            "circle": [
                # What the apps above offer for each person (the drafts asking for support).
                _with_actions(contact)
                for contact in circle.order_by("name", "pk")
            ],
            "suggestions": suggestions,
            "now": timezone.now(),
        },
    )


@login_required
def contact_create(request):
    form = ContactForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        contact = form.save()
        messages.success(request, f"Added {contact}.")
        return redirect(contact)
    return TemplateResponse(request, "network/contact_form.html", {"form": form})


def _detail_context(request, contact: Contact, **forms) -> dict:
    links = contact.application_links.select_related(
        "application__company", "application__stage"
    ).order_by("-application__created_at", "role")
    interviews = contact.interviews.select_related("application__company").order_by("-starts_at")
    interactions = list(contact.interactions.select_related("application__company"))
    return {
        "contact": contact,
        "links": links,
        "interviews": interviews,
        "interactions": interactions,
        "last_contacted": interactions[0].happened_on if interactions else None,
        "follow_up": contact.next_follow_up(),
        "tags": list(contact.tags.order_by("name")),
        "interaction_form": forms.get("interaction_form") or InteractionForm(contact=contact),
        "cadence_form": forms.get("cadence_form")
        or CadenceForm(initial=CadenceForm().cadence_initial(contact.cadence_weeks)),
        "actions": actions_for(contact),
        "now": timezone.now(),
    }


@login_required
def contact_detail(request, contact_id):
    contact = own_contact(request, contact_id)
    return TemplateResponse(
        request, "network/contact_detail.html", _detail_context(request, contact)
    )


@login_required
def contact_edit(request, contact_id):
    contact = own_contact(request, contact_id)
    form = ContactForm(request.POST or None, instance=contact, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Saved.")
        return redirect(contact)
    return TemplateResponse(
        request, "network/contact_form.html", {"form": form, "contact": contact}
    )


@login_required
def contact_delete(request, contact_id):
    contact = own_contact(request, contact_id)
    if request.method == "POST":
        contact.remove()
        messages.success(request, f"Deleted {contact}.")
        return redirect("network:contact_list")
    return TemplateResponse(request, "network/contact_confirm_delete.html", {"contact": contact})


@login_required
@require_POST
def contact_cadence(request, contact_id):
    contact = own_contact(request, contact_id)
    form = CadenceForm(request.POST)
    if not form.is_valid():
        context = _detail_context(request, contact, cadence_form=form)
        return TemplateResponse(request, "network/contact_detail.html", context, status=400)
    weeks = form.cleaned_data["cadence_weeks"]
    contact.set_cadence(weeks)
    if weeks:
        messages.success(request, f"You'll be reminded to get in touch every {weeks} weeks.")
    else:
        messages.success(request, "No more stay-in-touch reminders for them.")
    return redirect(reverse("network:contact_detail", args=[contact.pk]) + "#stay-in-touch")


# --- Interactions -------------------------------------------------------------------------


@login_required
@require_POST
def interaction_create(request, contact_id):
    contact = own_contact(request, contact_id)
    form = InteractionForm(request.POST, contact=contact)
    if not form.is_valid():
        context = _detail_context(request, contact, interaction_form=form)
        return TemplateResponse(request, "network/contact_detail.html", context, status=400)
    contact.log_interaction(**form.cleaned_data)
    messages.success(request, "Logged.")
    return redirect(reverse("network:contact_detail", args=[contact.pk]) + "#interactions")


def own_interaction(request, interaction_id) -> Interaction:
    return get_object_or_404(
        Interaction.objects.for_user(request.user).select_related("contact"), pk=interaction_id
    )


@login_required
def interaction_edit(request, interaction_id):
    interaction = own_interaction(request, interaction_id)
    contact = interaction.contact
    form = InteractionForm(request.POST or None, instance=interaction, contact=contact)
    if request.method == "POST" and form.is_valid():
        form.save()
        contact.sync_follow_up()
        messages.success(request, "Saved.")
        return redirect(interaction)
    status = 400 if form.errors else 200
    return TemplateResponse(
        request,
        "network/interaction_form.html",
        {"form": form, "interaction": interaction, "contact": contact},
        status=status,
    )


@login_required
@require_POST
def interaction_delete(request, interaction_id):
    interaction = own_interaction(request, interaction_id)
    contact = interaction.contact
    interaction.delete()
    contact.sync_follow_up()
    messages.success(request, "Deleted.")
    return redirect(reverse("network:contact_detail", args=[contact.pk]) + "#interactions")


# --- Import and export --------------------------------------------------------------------


@login_required
def import_page(request):
    report = request.session.pop(IMPORT_SESSION_KEY, None)
    return TemplateResponse(
        request,
        "network/import.html",
        {
            "linkedin_form": ImportForm(),
            "vcard_form": ImportForm(),
            "report": report,
            "contact_count": Contact.objects.for_user(request.user).count(),
        },
    )


def _import(request, importer, what: str):
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        context = {
            "linkedin_form": form if what == "linkedin" else ImportForm(),
            "vcard_form": form if what == "vcard" else ImportForm(),
            "report": None,
            "contact_count": Contact.objects.for_user(request.user).count(),
        }
        return TemplateResponse(request, "network/import.html", context, status=400)
    report = importer(request.user, form.cleaned_data["file"])
    request.session[IMPORT_SESSION_KEY] = {
        "source": "LinkedIn connections" if what == "linkedin" else "vCards",
        "what": report.what,
        "layout": report.layout,
        "error": report.error,
        "summary": report.summary,
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "skipped_count": report.skipped_count,
        "skipped": report.skipped,
        "notes": report.notes,
    }
    return redirect("network:import_page")


@login_required
@require_POST
def import_linkedin(request):
    return _import(request, import_connections, "linkedin")


@login_required
@require_POST
def import_vcard(request):
    return _import(request, import_vcards, "vcard")


@login_required
def export_vcards(request):
    contacts = (
        Contact.objects.for_user(request.user)
        .order_by("name", "pk")
        .prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("name")))
    )
    response = StreamingHttpResponse(
        export_cards(contacts.iterator(chunk_size=500)), content_type="text/vcard; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="onward-contacts-{timezone.localdate():%Y%m%d}.vcf"'
    )
    return response


@login_required
def contact_vcard(request, contact_id):
    contact = own_contact(request, contact_id)
    card = contact_card(contact, [t.name for t in contact.tags.order_by("name")])
    response = HttpResponse(card, content_type="text/vcard; charset=utf-8")
    slug = "".join(ch if ch.isalnum() else "-" for ch in contact.name).strip("-")[:60]
    response["Content-Disposition"] = f'attachment; filename="{slug or "contact"}.vcf"'
    return response
