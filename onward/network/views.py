"""Contacts: the people met along the search, and their part in each application."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from onward.pipeline.models import Application
from onward.pipeline.views import application_page

from .forms import ApplicationContactForm, ContactForm
from .models import ApplicationContact, Contact


@login_required
def contact_list(request):
    query = request.GET.get("q", "").strip()[:200]
    contacts = (
        Contact.objects.for_user(request.user)
        .annotate(application_count=Count("application_links__application", distinct=True))
        .order_by("name", "pk")
    )
    if query:
        contacts = contacts.filter(
            Q(name__icontains=query) | Q(company_name__icontains=query) | Q(title__icontains=query)
        )
    page = Paginator(contacts, settings.ONWARD_PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(request, "network/contact_list.html", {"page": page, "q": query})


@login_required
def contact_create(request):
    form = ContactForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        contact = form.save()
        messages.success(request, f"Added {contact}.")
        return redirect(contact)
    return TemplateResponse(request, "network/contact_form.html", {"form": form})


def own_contact(request, contact_id) -> Contact:
    return get_object_or_404(Contact.objects.for_user(request.user), pk=contact_id)


@login_required
def contact_detail(request, contact_id):
    contact = own_contact(request, contact_id)
    links = contact.application_links.select_related(
        "application__company", "application__stage"
    ).order_by("-application__created_at", "role")
    interviews = contact.interviews.select_related("application__company").order_by("-starts_at")
    return TemplateResponse(
        request,
        "network/contact_detail.html",
        {"contact": contact, "links": links, "interviews": interviews},
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
        contact.delete()
        messages.success(request, f"Deleted {contact}.")
        return redirect("network:contact_list")
    return TemplateResponse(request, "network/contact_confirm_delete.html", {"contact": contact})


@login_required
@require_POST
def application_contact_create(request, application_id):
    application = get_object_or_404(
        Application.objects.for_user(request.user).with_related(), pk=application_id
    )
    form = ApplicationContactForm(request.POST, user=request.user, application=application)
    if not form.is_valid():
        return application_page(request, application, contact_form=form)
    link = form.save()
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
