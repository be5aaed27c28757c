from django import forms


class ArchiveForm(forms.Form):
    file = forms.FileField(label="Onward export (.zip)")


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class SpreadsheetForm(forms.Form):
    file = forms.FileField(label="CSV or Excel file (.csv, .xlsx)")


def mapping_form(headers: list[str], words: list[str], stages, data=None, initial=None):
    """One choice per column (which field it holds) and per status word (which stage)."""
    from .trackers import FIELDS

    columns = [("", "(skip)"), *FIELDS.items()]
    fields: dict[str, forms.Field] = {}
    for index, header in enumerate(headers):
        fields[f"column_{index}"] = forms.ChoiceField(
            label=header or f"Column {index + 1}", choices=columns, required=False
        )
    for index, word in enumerate(words):
        fields[f"status_{index}"] = forms.TypedChoiceField(
            label=word or "(no status)", choices=[(s.pk, s.name) for s in stages], coerce=int
        )
    form_class = type("MappingForm", (forms.Form,), fields)
    return form_class(data=data, initial=initial)
