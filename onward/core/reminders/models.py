"""Reminders: dated to-dos linked to any object, shared by every feature that needs one.

A reminder is created when the thing it reminds of becomes known (a feedback request sent, a
debrief completed) with the date it falls due, and is marked done when the data says it is
settled. So "what is due" is a query over rows, with no background job.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch
from django.utils import timezone

from onward.core.owned import OwnedQuerySet


class ReminderKind(models.TextChoices):
    FOLLOW_UP = "follow_up", "Follow up"
    THANK_YOU = "thank_you", "Send a thank-you"
    FEEDBACK_FOLLOW_UP = "feedback_follow_up", "Follow up on feedback"
    RECONNECT = "reconnect", "Reconnect"
    CHECK_OPENINGS = "check_openings", "Check for new openings"
    CONNECT_LINKEDIN = "connect_linkedin", "Connect on LinkedIn"
    DEBRIEF_STEP = "debrief_step", "Debrief step"
    LEARNING_TARGET = "learning_target", "Learning target"
    APPLY_BY = "apply_by", "Apply before the posting closes"
    CUSTOM = "custom", "Custom"


class ReminderQuerySet(OwnedQuerySet):
    def open(self):
        return self.filter(done_at__isnull=True)

    def with_next_due(self):
        """Annotate ``next_due_at``: the snooze date when snoozed, else the due date."""
        return self.annotate(next_due_at=Coalesce("snoozed_until", "due_at"))

    def due(self, now=None):
        """Open reminders whose (snoozed) due date has come."""
        now = now or timezone.now()
        return self.open().with_next_due().filter(next_due_at__lte=now)

    def upcoming(self, now=None):
        now = now or timezone.now()
        return self.open().with_next_due().filter(next_due_at__gt=now)

    def for_target(self, target):
        return self.filter(
            content_type=ContentType.objects.get_for_model(target), object_id=target.pk
        )

    def ensure(
        self,
        *,
        user,
        kind: str,
        target,
        due_at,
        title: str,
        key: str = "",
        application=None,
        url: str = "",
        notes: str = "",
    ) -> "Reminder":
        """The one reminder of this kind (and key) for ``target``, created if missing.

        Idempotent: calling it again returns the existing row (done or not) unchanged, so
        repeating an action never duplicates reminders.
        """
        reminder, _ = self.get_or_create(
            user=user,
            kind=kind,
            content_type=ContentType.objects.get_for_model(target),
            object_id=target.pk,
            key=key,
            defaults={
                "due_at": due_at,
                "title": title[:200],
                "application": application,
                "url": url,
                "notes": notes,
            },
        )
        return reminder

    def settle(self, target, *kinds: str, now=None) -> int:
        """Mark the open reminders of these kinds on ``target`` done (the data says so)."""
        return (
            self.for_target(target)
            .open()
            .filter(kind__in=kinds)
            .update(done_at=now or timezone.now())
        )


class Reminder(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    kind = models.CharField(
        max_length=30, choices=ReminderKind.choices, default=ReminderKind.CUSTOM
    )
    title = models.CharField(max_length=200)
    notes = models.TextField(blank=True)
    due_at = models.DateTimeField()
    snoozed_until = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    # What the reminder is about; its page is ``url`` when given, else the target's own page.
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    # Distinguishes several reminders of one kind on one target (one per interviewer, say).
    key = models.CharField(max_length=100, blank=True)
    url = models.CharField(max_length=500, blank=True)
    # The application it belongs to, when there is one (named, not imported: the pipeline sits
    # above this layer). Its reminders go with it.
    application = models.ForeignKey(
        "pipeline.Application",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reminders",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # When the email digest told the user it was due (``onward work``); cleared by a snooze so
    # the digest tells them again when the new date comes.
    emailed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ReminderQuerySet.as_manager()

    class Meta:
        ordering = ["due_at", "pk"]
        indexes = [
            models.Index(fields=["user", "done_at", "due_at"]),
            models.Index(fields=["content_type", "object_id"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "content_type", "object_id", "key"],
                condition=Q(content_type__isnull=False),
                name="reminder_unique_per_target",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def next_due(self):
        return self.snoozed_until or self.due_at

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    def is_overdue(self, now=None) -> bool:
        return not self.is_done and self.next_due <= (now or timezone.now())

    @property
    def link(self) -> str:
        """Where the reminder leads: its own URL, else its target's page (if that page exists)."""
        if self.url:
            return self.url
        target = self.target
        if target is not None and hasattr(target, "get_absolute_url"):
            try:
                return target.get_absolute_url()
            except NoReverseMatch:  # the target's page is not built yet
                return ""
        return ""

    def mark_done(self, now=None) -> None:
        self.done_at = now or timezone.now()
        self.save(update_fields=["done_at"])

    def reopen(self) -> None:
        self.done_at = None
        self.save(update_fields=["done_at"])

    def snooze(self, days: int, now=None) -> None:
        """Put off for ``days`` days from now (or from its due date, if that is later)."""
        now = now or timezone.now()
        self.snoozed_until = max(now, self.next_due) + timedelta(days=days)
        self.emailed_at = None
        self.save(update_fields=["snoozed_until", "emailed_at"])


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


def feed_digest(token: str) -> str:
    """What is stored of a feed's token: a SHA-256 is enough for a 256-bit random secret (no
    slow hash needed), and a copy of the database alone gives no working address."""
    return hashlib.sha256(token.encode()).hexdigest()


class CalendarFeed(models.Model):
    """A user's secret calendar address. The token in it is the only credential the feed needs,
    so it is long and random; only its digest is stored, so the address can be shown only when
    it is made, and making a new one makes the old address stop working."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    # None until the user makes an address (and after an import: addresses do not travel).
    digest = models.CharField(max_length=64, unique=True, null=True, editable=False)
    # When the current address was made.
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # A VALARM on every event, so a subscribed phone calendar notifies without any email.
    alarm_minutes = models.PositiveIntegerField(
        "notify me",
        null=True,
        blank=True,
        default=60,
        choices=[
            (None, "Never (no alarms in the feed)"),
            (0, "When it starts"),
            (15, "15 minutes before"),
            (60, "1 hour before"),
            (180, "3 hours before"),
            (1440, "1 day before"),
        ],
        help_text="Your calendar app (on your phone too) alerts you this long before each "
        "interview, reminder and debrief deadline.",
    )

    objects = OwnedQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"

    @classmethod
    def for_owner(cls, user) -> "CalendarFeed":
        feed, _ = cls.objects.get_or_create(user=user)
        return feed

    @classmethod
    def for_token(cls, token: str) -> "CalendarFeed | None":
        return cls.objects.select_related("user").filter(digest=feed_digest(token)).first()

    @property
    def has_address(self) -> bool:
        return self.digest is not None

    def regenerate(self) -> str:
        """Make a new secret address (the old one stops working) and return its token: the
        only time it is known."""
        token = new_feed_token()
        self.digest = feed_digest(token)
        self.created_at = timezone.now()
        self.save(update_fields=["digest", "created_at"])
        return token
