"""Form pieces every app's forms share: the browser's date pickers, https by default, a choice
of several objects that survives any id."""

from django import forms
from django.db import models
from django.utils.html import format_html
from django.utils.safestring import mark_safe


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


class QuickCheckboxes(forms.CheckboxSelectMultiple):
    """Django's checkbox list with the same markup, written out in Python: Django renders each
    option through four templates, which made a page offering every contact (the interview
    form's interviewers) grow slow with the contact list. Grouped choices go the usual way."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = widget["optgroups"]
        if any(group for group, _, _ in groups):
            return super().render(name, value, attrs, renderer)
        options = [
            format_html(
                '<div>\n    <label{}><input type="checkbox" name="{}"{}{}>\n {}</label>\n\n</div>',
                format_html(' for="{}"', option["attrs"]["id"])
                if option["attrs"].get("id")
                else "",
                option["name"],
                format_html(' value="{}"', option["value"]) if option["value"] is not None else "",
                _attrs(option["attrs"]),
                option["label"],
            )
            for _, group_options, _ in groups
            for option in group_options
        ]
        outer = widget["attrs"]
        return format_html(
            "<div{}{}>{}\n</div>",
            format_html(' id="{}"', outer["id"]) if outer.get("id") else "",
            format_html(' class="{}"', outer["class"]) if outer.get("class") else "",
            mark_safe("".join(options)),  # each escaped by format_html above
        )


def _attrs(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html writes them."""
    return mark_safe(
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
            for name, value in attrs.items()
            if value is not False
        )
    )


class QuickSelect(forms.Select):
    """Django's select with the same markup, written out in Python (see QuickCheckboxes): for
    a choice among every contact. Grouped choices go the usual way."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = widget["optgroups"]
        if any(group for group, _, _ in groups):
            return super().render(name, value, attrs, renderer)
        options = [
            format_html(
                '\n  <option value="{}"{}>{}</option>\n',
                option["value"],
                _attrs(option["attrs"]),
                option["label"],
            )
            for _, group_options, _ in groups
            for option in group_options
        ]
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            widget["name"],
            _attrs(widget["attrs"]),
            mark_safe("".join(options)),  # each escaped by format_html above
        )
