"""How much account mail (sign-up links, password-reset links) visitors can make the server send.

Each sign-up or password-reset request sends one email to the address typed in, whether or not
it has an account (onward.accounts.signup_links), so two limits keep that from becoming a way
to flood someone's mailbox or the server's mail account:

- ``ONWARD_SIGNUP_PER_HOUR`` requests from one visitor's address; past it the visitor is told
  to wait (whatever the form holds: nothing in that answer depends on the email address);
- ``ONWARD_ACCOUNT_MAIL_PER_RECIPIENT`` emails to one email address an hour; past it nothing
  more is sent there, silently, so the page stays the same (the owner has the earlier emails).

Counted in the database, so every server process shares the counts. Rows are kept an hour.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from onward.core.locks import lock_name

WINDOW = timedelta(hours=1)


class SignupAttempt(models.Model):
    """One sign-up or password-reset form sent from an address; kept for an hour."""

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
            "There have been too many sign-up or password-reset requests from your network in "
            f"the last hour. Please try again in {minutes} minute{'s' if minutes != 1 else ''}."
        )


def count_attempt(ip_address: str) -> None:
    """Count one sign-up or password-reset request from the address, or raise TooManySignups
    when it has had its share (a refused attempt is not counted, so waiting is enough)."""
    now = timezone.now()
    SignupAttempt.objects.filter(attempted_at__lte=now - WINDOW).delete()
    recent = SignupAttempt.objects.filter(ip_address=ip_address, attempted_at__gt=now - WINDOW)
    limit = settings.ONWARD_SIGNUP_PER_HOUR
    # The limit-th most recent attempt: once it is an hour old, the address may try again.
    newest_first = recent.order_by("-attempted_at").values_list("attempted_at", flat=True)
    for attempted_at in newest_first[limit - 1 : limit]:
        raise TooManySignups(retry_at=attempted_at + WINDOW)
    SignupAttempt.objects.create(ip_address=ip_address, attempted_at=now)


class AccountMail(models.Model):
    """One sign-up or password-reset email sent to an address; kept for an hour. The address is
    kept only as a keyed hash: enough to count, nothing to read back."""

    recipient = models.CharField(max_length=64)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["recipient", "sent_at"], name="account_mail_by_recipient"),
            models.Index(fields=["sent_at"], name="account_mail_by_time"),
        ]

    def __str__(self) -> str:
        return f"account mail at {self.sent_at:%Y-%m-%d %H:%M}"


def recipient_key(email: str) -> str:
    return salted_hmac("onward.accounts.account_mail", email.strip().lower()).hexdigest()


def may_mail(email: str) -> bool:
    """Take one of the hour's emails to this address, or False when it has had its share (then
    send nothing: the caller answers the visitor as if it had)."""
    key = recipient_key(email)
    with transaction.atomic():
        # Two requests for one address at once: the second counts after the first has taken
        # its email, so together they never pass the limit.
        lock_name(f"account-mail:{key}")
        now = timezone.now()
        AccountMail.objects.filter(sent_at__lte=now - WINDOW).delete()
        sent = AccountMail.objects.filter(recipient=key, sent_at__gt=now - WINDOW).count()
        if sent >= settings.ONWARD_ACCOUNT_MAIL_PER_RECIPIENT:
            return False
        AccountMail.objects.create(recipient=key, sent_at=now)
    return True
