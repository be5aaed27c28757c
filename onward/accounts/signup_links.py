"""Signing up by email, without telling anyone but the address's owner who has an account.

Whoever asks gets the same answer, "we sent a link to that address", and one email goes out
either way: a link to finish creating the account, or, when the address already has an
account, a note saying so with links to log in and to reset the password. Only someone who
reads that mailbox learns which it was.

The link is signed (django.core.signing), not stored: it holds the address and the time it was
made, and works for ``ONWARD_SIGNUP_LINK_HOURS``. It works once: the account it creates holds
the address, and a link for an address that has an account is refused.

New accounts log in with their email address (onward.accounts.backends); their username is
made from it, so choosing a name never tells anyone whether it is taken.
"""

import re
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from onward.core.http import site_url
from onward.core.locks import lock_name

from . import signup_limits
from .models import start_account

SALT = "onward.accounts.signup_links"


class LinkRefused(Exception):
    """A sign-up link that cannot be used; the message says why and what to do."""


def normalized(email: str) -> str:
    """The address as accounts keep it: the whole address in lower case (mail servers treat
    the domain alike in any case, and practically all the part before it too)."""
    return email.strip().lower()


def has_account(email: str) -> bool:
    return get_user_model().objects.filter(email__iexact=normalized(email)).exists()


def link_for(email: str) -> str:
    token = signing.dumps(normalized(email), salt=SALT)
    return site_url(reverse("accounts:signup_finish", args=[token]))


def email_from(token: str) -> str:
    """The address a sign-up link was made for; raises LinkRefused for a link that has
    expired, was altered, or whose address already has an account (it was used)."""
    hours = settings.ONWARD_SIGNUP_LINK_HOURS
    try:
        email = signing.loads(token, salt=SALT, max_age=hours * 3600)
    except signing.SignatureExpired:
        raise LinkRefused(
            f"This sign-up link has expired: a link works for {hours} hours. "
            "Ask for a new one below."
        ) from None
    except signing.BadSignature:
        raise LinkRefused(
            "This sign-up link is not valid; it may have been cut short when it was copied. "
            "Open it again from the email, or ask for a new one below."
        ) from None
    if has_account(email):
        raise LinkRefused(
            "This link has been used: an account with this email address already exists. "
            "Log in with the address, or reset the password if you have forgotten it."
        )
    return email


def send_signup_mail(email: str) -> None:
    """Send the one email a sign-up request gets: the link, or a note that the address already
    has an account; nothing when the address has had its share of such mail this hour
    (signup_limits). Raises the mail server's error (smtplib.SMTPException or OSError)."""
    email = normalized(email)
    if not signup_limits.may_mail(email):
        return
    context = {
        "email": email,
        "hours": settings.ONWARD_SIGNUP_LINK_HOURS,
        "login_url": site_url(reverse("accounts:login")),
        "reset_url": site_url(reverse("accounts:password_reset")),
    }
    if has_account(email):
        body = render_to_string("accounts/email/signup_has_account.txt", context)
    else:
        body = render_to_string(
            "accounts/email/signup_link.txt", {**context, "link": link_for(email)}
        )
    EmailMessage("Your Onward account", body, to=[email]).send(fail_silently=False)


_username_characters = re.compile(r"[^\w.@+-]")


def username_for(email: str) -> str:
    """A username for a new account: its email address when that makes a valid, free
    username, else one made from the part before the @ and a few random characters."""
    User = get_user_model()
    try:
        UnicodeUsernameValidator()(email)
    except ValidationError:
        pass
    else:
        if len(email) <= 150 and not User.objects.filter(username__iexact=email).exists():
            return email
    stem = _username_characters.sub("", email.split("@")[0])[:40] or "user"
    while True:
        candidate = f"{stem}-{secrets.token_hex(3)}"
        if not User.objects.filter(username__iexact=candidate).exists():
            return candidate


def create_account(token: str, form):
    """Create the account a sign-up link was sent for, from the finishing form (a
    SignupFinishForm holding the unsaved user). Raises LinkRefused when the link is no longer
    usable, also when another use of it got there first."""
    with transaction.atomic():
        # Two uses of one link at once: the second waits here, then finds the account.
        lock_name(f"signup:{email_from(token)}")
        email = email_from(token)
        user = form.user
        user.email = email
        user.username = username_for(email)
        form.save()
        start_account(user)
    return user
