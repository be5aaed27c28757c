"""The applications list's filters: one django-filter FilterSet for the table and the API."""

import django_filters  # type: ignore[import-untyped]  # no type information shipped
from django import forms
from django.db.models import Q

from onward.core.forms import DateInput

from .models import Company, Source, Stage, WorkMode

SORTS = {
    "title": ("title", "pk"),
    "company": ("company__name", "title", "pk"),
    "stage": ("stage__position", "stage__pk", "-stage_changed_at", "pk"),
    "applied": ("applied_on", "pk"),
    "changed": ("stage_changed_at", "pk"),
    "excitement": ("excitement", "pk"),
}
SORT_CHOICES = [
    (f"{sign}{key}", f"{key} {'↓' if sign else '↑'}") for key in SORTS for sign in ("", "-")
]


class ApplicationFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("applied_from"), cleaned.get("applied_to")
        if start and end and start > end:
            self.add_error("applied_to", "The end of the date range is before its start.")
        return cleaned


class ApplicationFilter(django_filters.FilterSet):
    """A value that does not validate is left out of the filtering (the page warns about it;
    the API answers 422)."""

    q = django_filters.CharFilter(label="Search", max_length=200, method="search")
    stage = django_filters.ModelChoiceFilter(queryset=Stage.objects.none(), empty_label="All")
    # Not a select: a long search names thousands of companies. The search box finds a company
    # by name; a company's page links here with its id.
    company = django_filters.ModelChoiceFilter(
        queryset=Company.objects.none(), widget=forms.HiddenInput
    )
    source = django_filters.ChoiceFilter(choices=Source.choices, empty_label="All")
    work_mode = django_filters.ChoiceFilter(
        label="Work mode", choices=WorkMode.choices, empty_label="All"
    )
    applied_from = django_filters.DateFilter(
        label="Applied from", field_name="applied_on", lookup_expr="gte", widget=DateInput()
    )
    applied_to = django_filters.DateFilter(
        label="to", field_name="applied_on", lookup_expr="lte", widget=DateInput()
    )
    sort = django_filters.ChoiceFilter(
        choices=SORT_CHOICES, method="sort_by", widget=forms.HiddenInput
    )

    class Meta:
        form = ApplicationFilterForm

    def __init__(self, data=None, queryset=None, *, user, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.filters["stage"].queryset = Stage.objects.for_user(user)
        self.filters["company"].queryset = Company.objects.for_user(user)
        self.form.fields["q"].widget.input_type = "search"

    def search(self, queryset, name, value):
        if not (text := value.strip()):
            return queryset
        return queryset.filter(
            Q(title__icontains=text)
            | Q(company__name__icontains=text)
            | Q(location__icontains=text)
            | Q(notes__icontains=text)
        )

    def sort_by(self, queryset, name, value):
        columns = SORTS[value.lstrip("-")]
        if value.startswith("-"):
            columns = tuple(c[1:] if c.startswith("-") else f"-{c}" for c in columns)
        return queryset.order_by(*columns)

    @property
    def values(self) -> dict:
        """The filters given that passed validation."""
        self.form.is_valid()
        return {k: v for k, v in self.form.cleaned_data.items() if v}
