import functools
import logging

from django import forms
from django.conf import settings
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordResetForm,
    SetPasswordForm,
    UserCreationForm,
)
from django.core.mail import EmailMessage
from django.db import transaction
from django.forms.utils import flatatt
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from . import signup_limits
from .models import DEFAULT_TOKEN_DAYS, TIME_ZONE_CHOICES, TOKEN_LIFETIMES, Profile

logger = logging.getLogger(__name__)


class AccountCreationForm(UserCreationForm):
    email = forms.EmailField(
        required=False, help_text="Optional; used only as the sender of drafts."
    )

    # django-stubs does not declare UserCreationForm.Meta (Django defines it).
    class Meta(UserCreationForm.Meta):  # type: ignore[name-defined]
        fields = ("username", "first_name", "last_name", "email")
        help_texts = {"first_name": "Drafts are signed with your name."}


class SignupForm(forms.Form):
    """The first step of signing up: only an address, where the link goes."""

    email = forms.EmailField(
        label="Your email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text="We'll send a link there to finish creating your account; "
        "you will log in with this address.",
    )


class SignupFinishForm(SetPasswordForm):
    """The last step, from the emailed link: a name and a password for the new (unsaved) user
    the form is given, whose address the link vouched for."""

    first_name = forms.CharField(
        max_length=150, required=False, help_text="Drafts are signed with your name."
    )
    last_name = forms.CharField(max_length=150, required=False)
    field_order = ["first_name", "last_name", "new_password1", "new_password2"]

    # Cleaned before the passwords (field order), so the password is checked against the name.
    def clean_first_name(self):
        self.user.first_name = " ".join(self.cleaned_data["first_name"].split())
        return self.user.first_name

    def clean_last_name(self):
        self.user.last_name = " ".join(self.cleaned_data["last_name"].split())
        return self.user.last_name


class LoginForm(AuthenticationForm):
    """Log in with a username or the account's email address (onward.accounts.backends)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Username or email address"

    error_messages = {
        **AuthenticationForm.error_messages,
        # The same for an unknown name as for a wrong password.
        "invalid_login": "That username or email address and password don't match an account. "
        "Check both and try again (passwords are case-sensitive).",
    }


class PasswordResetRequestForm(PasswordResetForm):
    """Django's reset form, with one change: an address without an account gets a note saying
    so, rather than nothing. Either way one email goes out, so the page and its timing are the
    same whether or not the address has an account."""

    _users: list | None = None

    def get_users(self, email):
        # Read once: looking again in save() would make a known address one query slower.
        if self._users is None:
            self._users = list(super().get_users(email))
        return iter(self._users)

    def save(self, *args, **kwargs) -> None:
        email = self.cleaned_data["email"]
        if not signup_limits.may_mail(email):
            return  # it has had its share this hour (signup_limits); the page says the same
        if next(self.get_users(email), None) is not None:
            super().save(*args, **kwargs)
            return
        context = {
            **(kwargs.get("extra_email_context") or {}),
            "email": email,
            "allow_signup": settings.ONWARD_ALLOW_SIGNUP,
        }
        body = render_to_string("accounts/email/password_reset_no_account.txt", context)
        message = EmailMessage("Resetting your Onward password", body, to=[email])
        try:
            message.send()
        except Exception:  # as Django's own reset mail: logged, and the page says the same
            logger.exception("Could not send a password-reset note")


class LongSelect(forms.Select):
    """A <select> of many flat options, written out in Python: Django renders each option
    through its own template, ~15 ms for the ~600 time zones on every view of the settings.
    Each option is written once per list of choices (the time zones never change while
    Onward runs); a page only picks the selected one."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        options = written_options(tuple(self.choices))
        html = "".join(selected if key in chosen else plain for key, plain, selected in options)
        return format_html(
            "<select{}>{}</select>",
            flatatt(self.build_attrs(self.attrs, {**(attrs or {}), "name": name})),
            mark_safe(html),  # each option escaped by format_html in written_options
        )


@functools.lru_cache(maxsize=8)
def written_options(choices: tuple) -> list[tuple[str, str, str]]:
    """(value, the option, the option selected) for each choice."""
    return [
        (
            str(key),
            format_html('<option value="{}">{}</option>', key, label),
            format_html('<option value="{}" selected>{}</option>', key, label),
        )
        for key, label in choices
    ]


def time_zone_choices() -> list[tuple[str, str]]:
    # A callable: each form then shares the list instead of deep-copying its ~600 choices.
    return TIME_ZONE_CHOICES


class ProfileForm(forms.ModelForm):
    """The user's settings; their name lives on the user, the rest on the profile."""

    first_name = forms.CharField(max_length=150, required=False)
    last_name = forms.CharField(max_length=150, required=False)
    time_zone = forms.ChoiceField(choices=time_zone_choices, widget=LongSelect)

    class Meta:
        model = Profile
        fields = ["first_name", "last_name", "signature", "time_zone", "ghost_after_days",
                  "email_reminders", "theme"]  # fmt: skip
        labels = {"ghost_after_days": "Days without reply before an application counts as ghosted"}
        widgets = {"signature": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.instance.user
        self.fields["first_name"].initial = user.first_name
        self.fields["last_name"].initial = user.last_name
        self.fields["first_name"].help_text = "Drafts are signed with your name."

    def clean_first_name(self):
        return " ".join(self.cleaned_data["first_name"].split())

    def clean_last_name(self):
        return " ".join(self.cleaned_data["last_name"].split())

    def save(self, commit=True):
        with transaction.atomic():
            profile = super().save(commit=commit)
            user = profile.user
            user.first_name = self.cleaned_data["first_name"]
            user.last_name = self.cleaned_data["last_name"]
            if commit:
                user.save(update_fields=["first_name", "last_name"])
        return profile

    def clean_ghost_after_days(self):
        days = self.cleaned_data["ghost_after_days"]
        if not 3 <= days <= 365:
            raise forms.ValidationError("Choose between 3 and 365 days.")
        return days


class ApiTokenForm(forms.Form):
    name = forms.CharField(max_length=100, help_text="What the token is for, e.g. 'laptop script'.")
    days = forms.TypedChoiceField(
        label="Expires after",
        choices=TOKEN_LIFETIMES,
        coerce=int,
        initial=DEFAULT_TOKEN_DAYS,
        required=False,
        empty_value=None,
        help_text="A token that expires can't be misused for long if it leaks.",
    )

    def clean_days(self) -> int:
        # Left out (an older form, a script posting only a name): the usual lifetime.
        days = self.cleaned_data["days"]
        return DEFAULT_TOKEN_DAYS if days is None else days
