"""The user's companies: list, add, a company's page, edit."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from onward.network.models import Contact

from .forms import CompanyForm
from .models import Company, StageKind
from .outcomes import outcome, with_last_change


@login_required
def company_list(request):
    open_kinds = [StageKind.OPEN, StageKind.ACTIVE, StageKind.OFFER]
    companies = (
        Company.objects.for_user(request.user)
        .annotate(
            application_count=Count("applications"),
            open_count=Count("applications", filter=Q(applications__stage__kind__in=open_kinds)),
            lost_count=Count("applications", filter=Q(applications__stage__kind=StageKind.LOST)),
            last_applied=Max("applications__applied_on"),
        )
        .order_by("name", "pk")
    )
    page = Paginator(companies, settings.ONWARD_PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(request, "pipeline/company_list.html", {"page": page})


@login_required
def company_create(request):
    form = CompanyForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        company = form.save()
        messages.success(request, f"Added {company}.")
        return redirect(company)
    return TemplateResponse(request, "pipeline/company_form.html", {"form": form})


def own_company(request, company_id) -> Company:
    return get_object_or_404(Company.objects.for_user(request.user), pk=company_id)


@login_required
def company_detail(request, company_id):
    company = own_company(request, company_id)
    applications = with_last_change(
        company.applications.select_related("stage").order_by("-created_at")
    )
    return TemplateResponse(
        request,
        "pipeline/company_detail.html",
        {
            "company": company,
            "applications": [{"application": a, **outcome(a)} for a in applications],
            "known": Contact.objects.for_user(request.user).known_at(company),
        },
    )


@login_required
def company_edit(request, company_id):
    company = own_company(request, company_id)
    form = CompanyForm(request.POST or None, instance=company, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Saved.")
        return redirect(company)
    return TemplateResponse(
        request, "pipeline/company_form.html", {"form": form, "company": company}
    )
