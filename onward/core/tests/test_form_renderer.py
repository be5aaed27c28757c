"""QuickRenderer writes exactly what Django's form templates write, field by field, and leaves
to the templates what it does not write itself (whole pages: pipeline/tests/test_quick_forms.py)."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.db import models
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from onward.core.form_renderer import QuickRenderer
from onward.core.forms import DateInput, DateTimeLocalInput


class Mode(models.TextChoices):
    REMOTE = "remote", gettext_lazy("Remote & <hybrid>")
    ONSITE = "onsite", "On site"


PEOPLE = [(1, "Ana <Lead>"), (2, "Bo & Co"), (3, 'Cy "Q" O\'Neil'), (4, 1234)]


class Everything(forms.Form):
    title = forms.CharField(help_text="The role's <b>title</b>", max_length=20)
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    count = forms.IntegerField(required=False, label="How many?")
    price = forms.DecimalField(required=False, initial=Decimal("1234.50"))
    email = forms.EmailField(required=False, disabled=True, initial="a&b@example.com")
    site = forms.URLField(required=False, assume_scheme="https")
    day = forms.DateField(required=False, widget=DateInput(), initial=datetime.date(2026, 1, 2))
    at = forms.DateTimeField(required=False, widget=DateTimeLocalInput())
    secret = forms.CharField(required=False, widget=forms.PasswordInput(render_value=True))
    hidden = forms.CharField(required=False, widget=forms.HiddenInput, initial='x"y')
    flag = forms.BooleanField(required=False, initial=True)
    mode = forms.ChoiceField(choices=[("", "—"), *Mode.choices], required=False)
    person = forms.TypedChoiceField(choices=PEOPLE, coerce=int, initial=2)
    people = forms.MultipleChoiceField(choices=PEOPLE, required=False)
    grouped = forms.ChoiceField(choices=[("Team", PEOPLE[:2]), ("Others", PEOPLE[2:])])
    radio = forms.ChoiceField(choices=Mode.choices, widget=forms.RadioSelect, required=False)
    boxes = forms.MultipleChoiceField(
        choices=PEOPLE, widget=forms.CheckboxSelectMultiple, required=False
    )
    unlabelled = forms.CharField(required=False, label="")
    upload = forms.FileField(required=False)
    described = forms.CharField(
        required=False, help_text=mark_safe("<i>safe</i>"), widget=forms.TextInput(
            attrs={"aria-describedby": "elsewhere", "data-on": True, "data-off": False}
        )
    )  # fmt: skip

    def clean(self):
        raise forms.ValidationError("The whole form is <wrong>.")


BAD = {
    "title": "x" * 30, "count": "many", "price": "1,5", "site": "not a url", "day": "tomorrow",
    "at": "2026-01-02T10:00", "secret": "s<e>cret", "flag": "on", "mode": "elsewhere",
    "person": "3", "people": ["1", "4"], "grouped": "2", "radio": "remote", "boxes": ["2"],
    "note": "Line 1\n<script>", "unlabelled": "", "described": "y",
}  # fmt: skip


def render_both(render):
    """What ``render`` gives with Django's template renderer, then with QuickRenderer."""
    return render(DjangoTemplates()), render(QuickRenderer())


@pytest.mark.parametrize("data", [None, BAD, {}], ids=["unbound", "errors", "empty"])
@pytest.mark.parametrize("auto_id", ["id_%s", False], ids=["ids", "no-ids"])
def test_each_field_renders_as_djangos_templates_render_it(data, auto_id):
    def render(renderer):
        form = Everything(data, renderer=renderer, auto_id=auto_id)
        form.required_css_class = "required"
        parts = [str(form.non_field_errors())]
        for field in form:
            parts += [
                field.as_field_group(), str(field), field.label_tag(), field.legend_tag(),
                str(field.errors), field.errors.as_ul(),
            ]  # fmt: skip
        return parts

    usual, quick = render_both(render)
    assert quick == usual


def test_a_whole_form_renders_as_djangos_templates_render_it():
    usual, quick = render_both(lambda renderer: Everything(BAD, renderer=renderer).as_div())
    assert quick == usual


def test_grouped_choices_go_through_the_templates():
    form = Everything(renderer=QuickRenderer())
    assert "<optgroup" in str(form["grouped"])
