"""Warnings `onward check` gives about the accounts' settings."""

from django.conf import settings
from django.core import checks


def signup_needs_mail(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    if settings.ONWARD_ALLOW_SIGNUP and not settings.ONWARD_SMTP_ENABLED:
        return [
            checks.Warning(
                "ONWARD_ALLOW_SIGNUP is on, but no mail server is configured: sign-up sends "
                "each new account a link by email, so the sign-up page says it is unavailable.",
                hint="Set ONWARD_EMAIL_HOST (and its login), or turn ONWARD_ALLOW_SIGNUP off.",
                id="onward.accounts.W001",
            )
        ]
    return []
