from django import forms
from django.contrib.auth import get_user_model

from .models import CoachAccess


class ShareForm(forms.Form):
    """Name a coach by their username on this server."""

    username = forms.CharField(label="Your coach's username", max_length=150)

    def __init__(self, *args, seeker, **kwargs):
        super().__init__(*args, **kwargs)
        self.seeker = seeker

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        coach = get_user_model().objects.filter(username=username, is_active=True).first()
        if coach is None:
            raise forms.ValidationError(
                "There is no account with that username here. Your coach needs an account on "
                "this Onward server first."
            )
        if coach == self.seeker:
            raise forms.ValidationError("That is you: a coach is someone else.")
        if CoachAccess.objects.given_by(self.seeker).filter(coach=coach).exists():
            raise forms.ValidationError(f"{coach.get_username()} can already read your report.")
        self.coach = coach
        return username

    def save(self) -> CoachAccess:
        grant, _ = CoachAccess.objects.get_or_create(seeker=self.seeker, coach=self.coach)
        return grant
