"""The wins journal and the burnout guard's dismissals. Mood check-ins live in the debrief app
(``debrief.MoodCheckIn``): this app reads them, it does not copy them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from onward.core.owned import OwnedQuerySet


class WinStatus(models.TextChoices):
    ACCEPTED = "accepted", "In the journal"
    DISMISSED = "dismissed", "Dismissed"


class WinQuerySet(OwnedQuerySet):
    def journal(self):
        return self.filter(status=WinStatus.ACCEPTED)


class Win(models.Model):
    """A small victory. Written by the user, or suggested by Onward and accepted.

    A suggestion is stored only once the user decides on it, under its stable ``key``
    (``"offer:12"``); a dismissed one stays stored, so it is never suggested again.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    title = models.CharField("the win", max_length=200)
    note = models.TextField(blank=True)
    happened_on = models.DateField("date", default=timezone.localdate)
    key = models.CharField(max_length=100, blank=True, editable=False)
    status = models.CharField(
        max_length=10, choices=WinStatus.choices, default=WinStatus.ACCEPTED, editable=False
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = WinQuerySet.as_manager()

    class Meta:
        ordering = ["-happened_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"], condition=~Q(key=""), name="win_unique_suggestion_key"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def suggested(self) -> bool:
        return bool(self.key)

    def remove(self) -> None:
        """Out of the journal: one the user wrote is deleted; a suggested one stays stored as
        dismissed, so it is never suggested again."""
        if self.suggested:
            self.status = WinStatus.DISMISSED
            self.save(update_fields=["status"])
        else:
            self.delete()

    def clean(self):
        if self.happened_on and self.happened_on > timezone.localdate():
            raise ValidationError({"happened_on": "A win in the future? Log it when it happens."})


class BurnoutDismissal(models.Model):
    """The user set the burnout guard's suggestion aside, with the numbers it showed then."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    dismissed_at = models.DateTimeField(default=timezone.now)
    numbers = models.JSONField(default=dict)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-dismissed_at", "-pk"]

    def __str__(self) -> str:
        return f"Burnout suggestion dismissed {self.dismissed_at:%Y-%m-%d}"
