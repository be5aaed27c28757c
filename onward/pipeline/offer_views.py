"""Recording an offer's terms, and comparing offers side by side."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from onward.core.forms import DateInput

from .models import Application, StageKind
from .offers import Offer
from .views import own_application

OFFER_KINDS = [StageKind.OFFER, StageKind.WON]


class OfferForm(forms.ModelForm):
    class Meta:
        model = Offer
        fields = ["base_salary", "currency", "bonus", "equity", "benefits", "start_date",
                  "decision_deadline"]  # fmt: skip
        widgets = {
            "start_date": DateInput,
            "decision_deadline": DateInput,
            "benefits": forms.Textarea(attrs={"rows": 3}),
        }


@login_required
def offer_edit(request, application_id):
    application = own_application(request, application_id)
    offer = Offer.objects.filter(application=application).first() or Offer(application=application)
    form = OfferForm(request.POST or None, instance=offer)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Offer saved.")
        return redirect("pipeline:offer_compare")
    return TemplateResponse(
        request,
        "pipeline/offer_form.html",
        {"application": application, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def offer_compare(request):
    """Every application at an offer (or accepted), with the terms side by side."""
    offers = list(
        Offer.objects.for_user(request.user)
        .filter(application__stage__kind__in=OFFER_KINDS)
        .select_related("application__company", "application__stage")
    )
    recorded = {offer.application_id for offer in offers}
    missing = (
        Application.objects.for_user(request.user)
        .filter(stage__kind__in=OFFER_KINDS)
        .exclude(pk__in=recorded)
        .select_related("company")
    )
    return TemplateResponse(
        request, "pipeline/offer_compare.html", {"offers": offers, "missing": missing}
    )
