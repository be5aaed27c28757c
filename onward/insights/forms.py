from django import forms

from .metrics import DIMENSIONS, Filters


class DateInput(forms.DateInput):
    input_type = "date"


class InsightsFilterForm(forms.Form):
    """The insights filters, from the query string."""

    start = forms.DateField(label="Applied from", required=False, widget=DateInput())
    end = forms.DateField(label="to", required=False, widget=DateInput())
    include_wishlist = forms.BooleanField(
        label="Include wishlist items never applied to", required=False
    )
    by = forms.ChoiceField(label="Break down by", choices=list(DIMENSIONS.items()), required=False)

    @property
    def date_fields(self):
        return [self["start"], self["end"]]

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", "The end date is before the start date.")
        return data

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            start=data.get("start"),
            end=data.get("end"),
            include_wishlist=bool(data.get("include_wishlist")),
        )
