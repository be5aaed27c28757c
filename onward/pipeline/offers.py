"""Offers: the terms people compare (base, bonus, equity, benefits, start date, decision
deadline), kept on the application, and a side-by-side view when there is more than one."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models

from onward.core.owned import OwnedQuerySet


class OfferQuerySet(OwnedQuerySet):
    owner_field = "application__user"


class Offer(models.Model):
    application = models.OneToOneField(
        "pipeline.Application", on_delete=models.CASCADE, related_name="offer"
    )
    base_salary = models.PositiveIntegerField(
        "base salary (a year)", null=True, blank=True, validators=[MaxValueValidator(10**9)]
    )
    currency = models.CharField(max_length=3, blank=True, help_text="EUR, USD, GBP …")
    bonus = models.CharField(max_length=200, blank=True, help_text="e.g. 10% target, paid yearly")
    equity = models.CharField(
        max_length=200, blank=True, help_text="e.g. 2,000 options over 4 years"
    )
    benefits = models.TextField(blank=True, help_text="Holidays, pension, remote days, budget …")
    start_date = models.DateField(null=True, blank=True)
    decision_deadline = models.DateField("decide by", null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OfferQuerySet.as_manager()

    class Meta:
        ordering = ["decision_deadline", "pk"]

    def __str__(self) -> str:
        return f"Offer: {self.application}"

    def clean(self):
        self.currency = (self.currency or "").strip().upper()
        if self.base_salary is not None and not self.currency:
            raise ValidationError({"currency": "Give the currency of the salary (e.g. EUR)."})
        if self.currency and not (len(self.currency) == 3 and self.currency.isalpha()):
            raise ValidationError({"currency": "Use a three-letter code, such as EUR or USD."})
        if self.start_date and self.decision_deadline and self.start_date < self.decision_deadline:
            raise ValidationError({"start_date": "The start date comes after the decision."})
