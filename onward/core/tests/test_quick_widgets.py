"""QuickCheckboxes and QuickSelect write exactly what Django's own widgets' templates write."""

import pytest
from django import forms

from onward.core.forms import QuickCheckboxes, QuickSelect

CHOICES = [(1, "Ana <Lead>"), (2, "Bo & Co"), (3, 'Cy "Q" O\'Neil')]


def _pair(**kwargs):
    class Quick(forms.Form):
        people = forms.MultipleChoiceField(choices=CHOICES, widget=QuickCheckboxes, **kwargs)

    class Usual(forms.Form):
        people = forms.MultipleChoiceField(
            choices=CHOICES, widget=forms.CheckboxSelectMultiple, **kwargs
        )

    return Quick, Usual


@pytest.mark.parametrize("data", [None, {"people": ["2", "3"]}, {"people": []}])
def test_it_renders_as_djangos_widget_does(data):
    quick, usual = _pair(required=False)
    assert str(quick(data)["people"]) == str(usual(data)["people"])


def test_it_keeps_extra_attributes_and_groups():
    widget_attrs = {"class": "columns", "data-x": "1"}
    quick = QuickCheckboxes(attrs=widget_attrs, choices=CHOICES)
    usual = forms.CheckboxSelectMultiple(attrs=widget_attrs, choices=CHOICES)
    assert quick.render("p", ["1"], {"id": "id_p"}) == usual.render("p", ["1"], {"id": "id_p"})
    grouped = [("Team", CHOICES)]
    assert QuickCheckboxes(choices=grouped).render("p", []) == forms.CheckboxSelectMultiple(
        choices=grouped
    ).render("p", [])


@pytest.mark.parametrize("value", [None, "", "2"])
def test_the_select_renders_as_djangos_does(value):
    choices = [("", "— choose —"), *CHOICES]
    attrs = {"id": "id_p", "required": True, "class": "wide"}
    quick = QuickSelect(choices=choices).render("p", value, attrs)
    assert quick == forms.Select(choices=choices).render("p", value, attrs)
    grouped = [("Team", CHOICES)]
    assert QuickSelect(choices=grouped).render("p", "1") == forms.Select(choices=grouped).render(
        "p", "1"
    )
