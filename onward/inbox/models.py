"""Inbox checks: one IMAP mailbox per user, read (never changed) by ``onward work``, and the
signals found in it: messages from the user's contacts or companies, with what they suggest.

Only matched messages are kept, and of those only the headers and a short snippet.
"""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from onward.core.owned import OwnedQuerySet

from . import crypto

IMAP_SSL_PORT = 993


class Mailbox(models.Model):
    """Where to look for replies. The password is stored encrypted (see ``crypto``)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mailbox"
    )
    host = models.CharField(
        "IMAP server", max_length=255, help_text="For example imap.fastmail.com or imap.gmail.com."
    )
    port = models.PositiveIntegerField(
        default=IMAP_SSL_PORT, validators=[MinValueValidator(1), MaxValueValidator(65535)]
    )
    username = models.CharField(max_length=255)
    # A Fernet token, never the password itself.
    password_encrypted = models.TextField(editable=False)
    folder = models.CharField(max_length=255, default="INBOX")
    enabled = models.BooleanField(
        "check this mailbox", default=True, help_text="Untick to pause the checks."
    )
    # The folder's UIDVALIDITY when last read, and the highest UID seen under it.
    uid_validity = models.BigIntegerField(null=True, blank=True, editable=False)
    last_uid = models.BigIntegerField(default=0, editable=False)
    checked_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.TextField(blank=True, editable=False)
    # A runner of ``onward work`` holds the mailbox until then (so a second one skips it).
    claimed_until = models.DateTimeField(null=True, blank=True, editable=False)
    # A connection check from the settings page runs until then: one at a time per user, so
    # repeated clicks cannot tie up the web server's threads.
    checking_until = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "mailboxes"

    def __str__(self) -> str:
        return f"{self.username} on {self.host}"

    def set_password(self, password: str) -> None:
        self.password_encrypted = crypto.encrypt(password)

    def get_password(self) -> str:
        """The password in clear, to log in; raises ``crypto.UnreadablePassword``."""
        return crypto.decrypt(self.password_encrypted)

    def begin_connection_check(self, hold: timedelta) -> bool:
        """Take the mailbox for a connection check; False while another one runs."""
        now = timezone.now()
        taken = (
            Mailbox.objects.filter(pk=self.pk)
            .filter(models.Q(checking_until__isnull=True) | models.Q(checking_until__lt=now))
            .update(checking_until=now + hold)
        )
        return bool(taken)

    def end_connection_check(self) -> None:
        Mailbox.objects.filter(pk=self.pk).update(checking_until=None)

    def start_over(self) -> None:
        """Forget where reading stopped (the next check looks back 30 days again)."""
        self.uid_validity = None
        self.last_uid = 0


class SignalKind(models.TextChoices):
    """The six kinds ``classify`` tells apart (its constants are these values)."""

    REJECTION = "rejection", "Rejection"
    INTERVIEW = "interview", "Interview"
    ACKNOWLEDGEMENT = "acknowledgement", "Application received"
    OFFER = "offer", "Offer"
    ASSESSMENT = "assessment", "Assessment"
    OTHER = "other", "Other"


class SignalStatus(models.TextChoices):
    NEW = "new", "New"
    HANDLED = "handled", "Handled"
    DISMISSED = "dismissed", "Dismissed"


class InboxSignalQuerySet(OwnedQuerySet):
    def new(self):
        return self.filter(status=SignalStatus.NEW)


class InboxSignal(models.Model):
    """One matched message: who sent it, about what, and what it seems to say."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    message_id = models.CharField(max_length=255)
    received_at = models.DateTimeField()
    from_address = models.CharField(max_length=254)
    from_name = models.CharField(max_length=200, blank=True)
    subject = models.CharField(max_length=300, blank=True)
    snippet = models.TextField(blank=True)
    kind = models.CharField(max_length=20, choices=SignalKind.choices, default=SignalKind.OTHER)
    # How sure the classifier was (0 to 1); below classify.UNSURE_BELOW it is shown as a guess.
    confidence = models.FloatField(default=1.0)
    # The company and role as the email names them, and a date and time it mentions (when the
    # interview is, or the assessment's deadline).
    company_name = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=200, blank=True)
    mentioned_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=SignalStatus.choices, default=SignalStatus.NEW)
    company = models.ForeignKey(
        "pipeline.Company", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    contact = models.ForeignKey(
        "network.Contact", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    application = models.ForeignKey(
        "pipeline.Application",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inbox_signals",
    )
    # When the message fits several open applications equally well, the user chooses.
    candidates = models.ManyToManyField("pipeline.Application", blank=True, related_name="+")
    handled_at = models.DateTimeField(null=True, blank=True)
    # What the one-click action did, so that it can be undone (see ``actions``).
    done = models.JSONField(default=dict, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = InboxSignalQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "message_id"], name="inbox_signal_unique_message"
            )
        ]
        indexes = [models.Index(fields=["user", "status", "-received_at"])]

    def __str__(self) -> str:
        return self.subject or f"Message from {self.from_address}"

    @property
    def sender(self) -> str:
        return self.from_name or self.from_address

    @property
    def is_new(self) -> bool:
        return self.status == SignalStatus.NEW

    @property
    def uncertain(self) -> bool:
        from .classify import UNSURE_BELOW

        return self.confidence < UNSURE_BELOW

    def close(self, status: str) -> bool:
        """Mark a new signal handled or dismissed; False if it was already (each signal is
        acted on once, even with two clicks at once)."""
        now = timezone.now()
        closed = InboxSignal.objects.filter(pk=self.pk, status=SignalStatus.NEW).update(
            status=status, handled_at=now
        )
        if closed:
            self.status, self.handled_at = status, now
        return bool(closed)
