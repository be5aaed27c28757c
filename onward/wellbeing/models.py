"""Mood check-ins (on their own, or as a step of a debrief), the wins journal and the burnout
guard's dismissals."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from onward.core.owned import OwnedQuerySet

RATING = [MinValueValidator(1), MaxValueValidator(5)]


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


class MoodCheckIn(models.Model):
    """How the user feels; kept for the resilience features (with or without a debrief)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    debrief = models.ForeignKey(
        "debrief.Debrief",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="check_ins",
    )
    mood = models.PositiveSmallIntegerField(validators=RATING)
    energy = models.PositiveSmallIntegerField(null=True, blank=True, validators=RATING)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        # The table keeps the name it had when the model lived in the debrief app.
        db_table = "debrief_moodcheckin"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(mood__gte=1, mood__lte=5), name="mood_check_in_mood_range"
            ),
            models.CheckConstraint(
                condition=models.Q(energy__isnull=True) | models.Q(energy__gte=1, energy__lte=5),
                name="mood_check_in_energy_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Mood {self.mood}/5 on {self.created_at:%Y-%m-%d}"

    @classmethod
    @transaction.atomic
    def record(cls, user, *, debrief=None, **fields) -> "MoodCheckIn":
        """Record how the user feels (the web, the API and the CLI all check in through here).
        As part of a debrief it also ticks off the debrief's "stay positive" step."""
        check_in = cls(user=user, debrief=debrief, **fields)
        check_in.full_clean(exclude=["user", "debrief"])
        check_in.save()
        if debrief is not None:
            from onward.debrief.taxonomy import Habit

            debrief.mark_step_done(Habit.STAY_POSITIVE)
        return check_in


def keep_the_win(sender, application, **kwargs) -> None:
    """The job is a win for the journal (``pipeline.signals.search_won``; once)."""
    Win.objects.get_or_create(
        user=application.user,
        key=f"accepted:{application.pk}",
        defaults={"title": f"Accepted the {application.title} role at {application.company}"[:200]},
    )
