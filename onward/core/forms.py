"""Form pieces every app's forms share: the browser's date pickers, https by default, a choice
of several objects that survives any id."""

from django import forms
from django.db import models


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class DateTimeLocalInput(forms.DateTimeInput):
    """The browser's date-and-time picker; read and shown in the user's time zone."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


def https_urls(field, **kwargs):
    """Model form fields, with a URL typed without a scheme taken as https://."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


# The largest id either database stores (a signed 64-bit column).
MAX_ID = 2**63 - 1


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, refusing an id no database can hold as it refuses any other unknown id: the
    ``pk__in`` query it makes overflowed SQLite's driver (a 500)."""

    def _check_values(self, value):
        for pk in value:
            try:
                number = int(pk)
            except (TypeError, ValueError):
                continue  # Django's own check names it
            if not -MAX_ID <= number <= MAX_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)
