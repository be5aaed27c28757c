from django import forms
from django.contrib.auth.forms import UserCreationForm

from .models import Profile


class AccountCreationForm(UserCreationForm):
    email = forms.EmailField(
        required=False, help_text="Optional; used only as the sender of drafts."
    )

    # django-stubs does not declare UserCreationForm.Meta (Django defines it).
    class Meta(UserCreationForm.Meta):  # type: ignore[name-defined]
        fields = ("username", "email")


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["time_zone", "ghost_after_days", "email_reminders"]
        labels = {"ghost_after_days": "Days without reply before an application counts as ghosted"}

    def clean_ghost_after_days(self):
        days = self.cleaned_data["ghost_after_days"]
        if not 3 <= days <= 365:
            raise forms.ValidationError("Choose between 3 and 365 days.")
        return days


class ApiTokenForm(forms.Form):
    name = forms.CharField(max_length=100, help_text="What the token is for, e.g. 'laptop script'.")
