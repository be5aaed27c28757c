"""Mail that Onward sends through SMTP on a user's behalf: the per-user sending limits, and the
log of what was sent (when, to whom, the subject; never the body, which stays the user's own).

:func:`send` is the one way a draft leaves the server: the web's draft pages, the API and the
``onward send-mail`` command all call it, so they all obey the same limits
(``ONWARD_MAIL_PER_HOUR`` and ``ONWARD_MAIL_PER_DAY``, over rolling windows).

Reminder digests (onward.core.reminders.jobs) are not counted here: the worker sends them only
to the account's own address, at most one per pass, so they cannot be used to relay mail.
Nor are sign-up and password-reset emails (onward.accounts): their text is fixed, and
onward.accounts.signup_limits bounds them per visitor and per recipient.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from .drafts import Draft
from .owned import OwnedQuerySet

HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


class SentMail(models.Model):
    """One message sent from Onward for its user: the log the user reads, and what the limits
    count. The row is written before the message goes out (a reserved slot) and removed again
    if the mail server refuses it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    sent_at = models.DateTimeField(default=timezone.now)
    to = models.CharField(max_length=254)
    to_name = models.CharField(max_length=200, blank=True)
    subject = models.TextField()

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "-pk"]
        indexes = [models.Index(fields=["user", "-sent_at"], name="sent_mail_by_user_time")]

    def __str__(self) -> str:
        return f"mail to {self.to} at {self.sent_at:%Y-%m-%d %H:%M}"


@dataclass
class SendingLimitReached(Exception):
    """The user has sent as much as the server allows for now."""

    limit: int
    per: str  # "hour" or "day"
    retry_at: datetime | None  # None: sending is turned off on this server

    @property
    def retry_after_seconds(self) -> int:
        if self.retry_at is None:
            return 0
        return max(1, int((self.retry_at - timezone.now()).total_seconds()) + 1)

    def __str__(self) -> str:
        if self.retry_at is None:
            return "Sending mail from Onward is turned off on this server."
        minutes = -(-self.retry_after_seconds // 60)  # rounded up
        wait = f"{minutes} minute{'s' if minutes != 1 else ''}"
        if minutes > 90:
            hours = round(minutes / 60)
            wait = f"about {hours} hour{'s' if hours != 1 else ''}"
        when = timezone.localtime(self.retry_at).strftime("%H:%M")
        return (
            f"You have sent {self.limit} messages in the last {self.per}, the most this server "
            f"allows. You can send again at {when} (in {wait}). Until then, download the draft "
            "or open it in your own mail program."
        )


def limits() -> list[tuple[int, timedelta, str]]:
    return [
        (settings.ONWARD_MAIL_PER_HOUR, HOUR, "hour"),
        (settings.ONWARD_MAIL_PER_DAY, DAY, "day"),
    ]


def next_free_slot(user, now: datetime) -> SendingLimitReached | None:
    """Why the user may not send now, or None when they may."""
    refusal = None
    for limit, window, per in limits():
        if limit <= 0:
            return SendingLimitReached(limit, per, None)
        # The limit-th most recent message in the window: once it leaves the window, a slot frees.
        oldest_counted = (
            SentMail.objects.for_user(user)
            .filter(sent_at__gt=now - window)
            .order_by("-sent_at")
            .values_list("sent_at", flat=True)[limit - 1 : limit]
        )
        for sent_at in oldest_counted:
            retry_at = sent_at + window
            if refusal is None or refusal.retry_at is None or retry_at > refusal.retry_at:
                refusal = SendingLimitReached(limit, per, retry_at)
    return refusal


def reserve(user, draft: Draft) -> SentMail:
    """Take a sending slot, in one short transaction: two sends at once cannot both take the
    last one. The user's row is locked (PostgreSQL); on SQLite the IMMEDIATE transaction holds
    the write lock, which serialises writers the same way. Raises SendingLimitReached."""
    with transaction.atomic():
        # Locks the user's row until commit: a second send by the same user waits here.
        list(get_user_model().objects.select_for_update().filter(pk=user.pk).values("pk"))
        now = timezone.now()
        refusal = next_free_slot(user, now)
        if refusal is not None:
            raise refusal
        return SentMail.objects.create(
            user=user, sent_at=now, to=draft.to, to_name=draft.to_name, subject=draft.subject
        )


def send(user, draft: Draft) -> SentMail:
    """Send a draft for ``user`` through the configured mail server, within their limits.

    The message comes from the server's address (DEFAULT_FROM_EMAIL); replies go to the user's
    own address. Raises ValidationError for a draft that cannot be sent, SendingLimitReached,
    or the mail server's error (smtplib.SMTPException or OSError), in which case nothing is
    logged or counted. The slot is taken before sending, outside of which no transaction is
    held: a slow mail server never holds the database's write lock.
    """
    if not settings.ONWARD_SMTP_ENABLED:
        raise ValidationError("Sending needs an SMTP server (see ONWARD_EMAIL_HOST).")
    draft.from_email = ""
    draft.reply_to = [user.email] if user.email else []
    message = draft.email_message()  # validates the draft before a slot is taken
    entry = reserve(user, draft)
    try:
        message.send(fail_silently=False)
    except BaseException:
        entry.delete()
        raise
    return entry


@dataclass(frozen=True)
class Allowance:
    per: str
    limit: int
    sent: int

    @property
    def left(self) -> int:
        return max(0, self.limit - self.sent)


def allowances(user, now: datetime | None = None) -> list[Allowance]:
    """How much of each limit the user has used (for the log page and the API)."""
    now = now or timezone.now()
    sent = SentMail.objects.for_user(user).aggregate(
        hour=models.Count("pk", filter=models.Q(sent_at__gt=now - HOUR)),
        day=models.Count("pk", filter=models.Q(sent_at__gt=now - DAY)),
    )
    return [Allowance(per, limit, sent[per]) for limit, _, per in limits()]
