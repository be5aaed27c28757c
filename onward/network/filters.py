"""The contact list's filters: one django-filter FilterSet for the page and the API."""

import django_filters  # type: ignore[import-untyped]  # no type information shipped
from django import forms
from django.db.models import Q

from onward.core.naming import company_key

from .models import Relationship


class ContactFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search", max_length=200, method="search")
    relationship = django_filters.ChoiceFilter(choices=Relationship.choices, empty_label="Anyone")
    tag = django_filters.CharFilter(max_length=50, field_name="tags__name", lookup_expr="iexact")
    company = django_filters.CharFilter(max_length=200, method="same_company")
    overdue = django_filters.BooleanFilter(
        label="Follow-up due", method="follow_up_due", widget=forms.CheckboxInput
    )

    def search(self, contacts, name, value):
        if not (text := value.strip()):
            return contacts
        return contacts.filter(
            Q(name__icontains=text)
            | Q(company_name__icontains=text)
            | Q(title__icontains=text)
            | Q(email__icontains=text)
        )

    def same_company(self, contacts, name, value):
        return contacts.filter(company_key=company_key(value)) if value.strip() else contacts

    def follow_up_due(self, contacts, name, value):
        return contacts.overdue() if value else contacts

    @property
    def active(self) -> bool:
        return self.is_valid() and any(self.form.cleaned_data.values())
