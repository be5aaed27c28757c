"""How many sign-up attempts one address may make (``ONWARD_SIGNUP_PER_HOUR``).

A username must be unique, so a sign-up form has to say when a name is taken; answered without
limit, it would tell a visitor which names exist, one request each. Every sign-up attempt from
an address counts (taken, refused or successful), so finding names this way goes a handful an
hour. Counted in the database, so every server process shares the count.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

WINDOW = timedelta(hours=1)


class SignupAttempt(models.Model):
    """One sign-up form sent from an address; kept for an hour."""

    ip_address = models.CharField(max_length=45)
    attempted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["ip_address", "attempted_at"], name="signup_attempt_by_address"),
            models.Index(fields=["attempted_at"], name="signup_attempt_by_time"),
        ]

    def __str__(self) -> str:
        return f"sign-up attempt from {self.ip_address}"


@dataclass
class TooManySignups(Exception):
    retry_at: datetime

    def __str__(self) -> str:
        minutes = max(1, -(-int((self.retry_at - timezone.now()).total_seconds()) // 60))
        return (
            "There have been too many sign-up attempts from your network in the last hour. "
            f"Please try again in {minutes} minute{'s' if minutes != 1 else ''}."
        )


def count_attempt(ip_address: str) -> None:
    """Count one sign-up attempt from the address, or raise TooManySignups when it has had
    its share (a refused attempt is not counted, so waiting is enough)."""
    now = timezone.now()
    SignupAttempt.objects.filter(attempted_at__lte=now - WINDOW).delete()
    recent = SignupAttempt.objects.filter(ip_address=ip_address, attempted_at__gt=now - WINDOW)
    limit = settings.ONWARD_SIGNUP_PER_HOUR
    # The limit-th most recent attempt: once it is an hour old, the address may try again.
    newest_first = recent.order_by("-attempted_at").values_list("attempted_at", flat=True)
    for attempted_at in newest_first[limit - 1 : limit]:
        raise TooManySignups(retry_at=attempted_at + WINDOW)
    SignupAttempt.objects.create(ip_address=ip_address, attempted_at=now)
