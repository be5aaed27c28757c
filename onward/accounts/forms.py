from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from .models import Profile


class AccountCreationForm(UserCreationForm):
    email = forms.EmailField(
        required=False, help_text="Optional; used only as the sender of drafts."
    )

    # django-stubs does not declare UserCreationForm.Meta (Django defines it).
    class Meta(UserCreationForm.Meta):  # type: ignore[name-defined]
        fields = ("username", "email")


class LongSelect(forms.Select):
    """A <select> of many flat options, written out in Python: Django renders each option
    through its own template, ~15 ms for the ~600 time zones on every view of the settings."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, mark_safe(" selected") if str(key) in chosen else "", label)
                for key, label in self.choices
            ),
        )
        return format_html(
            "<select{}>{}</select>",
            flatatt(self.build_attrs(self.attrs, {**(attrs or {}), "name": name})),
            options,
        )


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["time_zone", "ghost_after_days", "email_reminders", "theme"]
        labels = {"ghost_after_days": "Days without reply before an application counts as ghosted"}
        widgets = {"time_zone": LongSelect}

    def clean_ghost_after_days(self):
        days = self.cleaned_data["ghost_after_days"]
        if not 3 <= days <= 365:
            raise forms.ValidationError("Choose between 3 and 365 days.")
        return days


class ApiTokenForm(forms.Form):
    name = forms.CharField(max_length=100, help_text="What the token is for, e.g. 'laptop script'.")
