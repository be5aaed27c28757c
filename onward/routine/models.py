"""The weekly routine: goals, the activity log for what Onward cannot see, rest, reviews.

Progress is never entered twice: applications, networking touches and follow-ups are counted
from the pipeline, the network and the reminders (see ``progress.py``); only practice,
learning and events are logged here.
"""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils import timezone

from onward.core.owned import OwnedQuerySet


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class RoutineSettings(models.Model):
    """The user's routine settings. One per user, created on first use (``settings_for``)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="routine_settings"
    )
    week_start = models.PositiveSmallIntegerField(
        "my week starts on",
        choices=Weekday.choices,
        default=Weekday.MONDAY,
        help_text="Weeks are counted in your time zone, from midnight on this day.",
    )

    def __str__(self) -> str:
        return f"Routine settings of {self.user}"

    def week_of(self, day):
        """The first day of the week that contains ``day``."""
        return day - timedelta(days=(day.weekday() - self.week_start) % 7)


def settings_for(user) -> RoutineSettings:
    routine, _ = RoutineSettings.objects.get_or_create(user=user)
    return routine


# Sensible defaults for a full-time search; the user changes them on the routine settings page.
DEFAULT_GOALS = {
    "applications": 5,
    "touches": 3,
    "follow_ups": 2,
    "learning_hours": 2,
    "practice": 1,
}
GOAL_LIMIT = [MinValueValidator(0), MaxValueValidator(100)]


class WeeklyGoals(models.Model):
    """The goals in force from the week that contains ``starts_on`` until the next row.

    Changing goals never rewrites the past: the weeks before keep the goals they had, so a
    streak is judged against what the user aimed for at the time.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    starts_on = models.DateField()
    applications = models.PositiveSmallIntegerField(
        "applications sent", default=DEFAULT_GOALS["applications"], validators=GOAL_LIMIT
    )
    touches = models.PositiveSmallIntegerField(
        "networking touches",
        default=DEFAULT_GOALS["touches"],
        validators=GOAL_LIMIT,
        help_text="Interactions with contacts, plus events you log.",
    )
    follow_ups = models.PositiveSmallIntegerField(
        "follow-ups done", default=DEFAULT_GOALS["follow_ups"], validators=GOAL_LIMIT
    )
    learning_hours = models.PositiveSmallIntegerField(
        "learning hours", default=DEFAULT_GOALS["learning_hours"], validators=GOAL_LIMIT
    )
    practice = models.PositiveSmallIntegerField(
        "interview practice sessions", default=DEFAULT_GOALS["practice"], validators=GOAL_LIMIT
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "weekly goals"
        ordering = ["starts_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "starts_on"], name="weekly_goals_unique_start")
        ]

    def __str__(self) -> str:
        return f"Goals from {self.starts_on}"

    def as_dict(self) -> dict[str, int]:
        return {key: getattr(self, key) for key in DEFAULT_GOALS}

    @classmethod
    def set_for_week(cls, user, starts_on, goals: dict[str, int]) -> "WeeklyGoals":
        """Goals from the week starting ``starts_on`` on (replacing that week's, if set)."""
        row, _ = cls.objects.update_or_create(
            user=user, starts_on=starts_on, defaults={k: goals[k] for k in DEFAULT_GOALS}
        )
        return row


# Durations are logged in quarter hours: 0.25, 0.5, 1, 1.5 ... (the browser's step too).
HOURS_STEP = Decimal("0.25")


def validate_quarter_hours(value) -> None:
    # Beyond a day the maximum's own validator answers: a huge number cannot even be divided
    # here (decimal's precision runs out, which was a 500).
    if value is None or not abs(Decimal(value)) <= 24:
        return
    if Decimal(value) % HOURS_STEP:
        raise ValidationError("Give the time in quarter hours: 0.25, 0.5, 0.75, 1, 1.5 …")


class ActivityKind(models.TextChoices):
    PRACTICE = "practice", "Interview practice"
    LEARNING = "learning", "Learning"
    EVENT = "event", "Networking event"
    OTHER = "other", "Other"


class ActivityLog(models.Model):
    """Something done for the search that Onward does not already record."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    kind = models.CharField(max_length=10, choices=ActivityKind.choices)
    on = models.DateField("date", default=timezone.localdate)
    hours = models.DecimalField(
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(Decimal("0.25")),
            MaxValueValidator(Decimal("24")),
            validate_quarter_hours,
        ],
        help_text="How long, in hours (needed for learning): 1.5 is an hour and a half.",
    )
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-on", "-pk"]
        indexes = [models.Index(fields=["user", "on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.on}"

    def clean(self):
        errors = {}
        if self.kind == ActivityKind.LEARNING and not self.hours:
            errors["hours"] = "How many hours did you spend learning?"
        if self.on and self.on > timezone.localdate() + timedelta(days=1):
            errors["on"] = "Log what you did, not what you plan: the date is in the future."
        if errors:
            raise ValidationError(errors)

    @classmethod
    def log(cls, user, **fields) -> "ActivityLog":
        """Record something the user did (the web, the API and the CLI all log through here);
        a ``ValidationError`` names the field at fault. Without ``on``, it happened today."""
        if fields.get("on") is None:
            fields.pop("on", None)
        activity = cls(user=user, **fields)
        activity.full_clean(exclude=["user"])
        activity.save()
        return activity


class RestPeriod(models.Model):
    """Planned rest: days (or a whole week) that lower the goals instead of breaking a streak."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    starts_on = models.DateField("first day")
    ends_on = models.DateField("last day")
    note = models.CharField(max_length=200, blank=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return f"Rest {self.starts_on}–{self.ends_on}"

    def clean(self):
        if self.starts_on and self.ends_on:
            if self.ends_on < self.starts_on:
                raise ValidationError({"ends_on": "The last day cannot be before the first."})
            if (self.ends_on - self.starts_on).days > 60:
                raise ValidationError({"ends_on": "Plan rest of up to two months at a time."})

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1


class Focus(models.TextChoices):
    APPLICATIONS = "applications", "Fewer, better-targeted applications"
    NETWORKING = "networking", "Networking and referrals"
    FOLLOW_UPS = "follow_ups", "Following up"
    LEARNING = "learning", "Learning a skill"
    PRACTICE = "practice", "Interview practice"
    REST = "rest", "Rest and recovery"


class WeeklyReview(models.Model):
    """A look back at one week and a plan for the next. The numbers are kept as they were."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    week_starts_on = models.DateField()
    summary = models.JSONField(default=dict, editable=False)
    reflection = models.TextField("how the week went, in your words", blank=True)
    focus = models.CharField(
        "focus for next week", max_length=20, choices=Focus.choices, blank=True
    )
    focus_note = models.CharField("the plan, in a sentence", max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-week_starts_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "week_starts_on"], name="weekly_review_unique_week"
            )
        ]

    def __str__(self) -> str:
        return f"Review of the week of {self.week_starts_on}"

    @classmethod
    @transaction.atomic
    def record(
        cls, user, week_starts_on, *, summary: dict, fields: dict, next_goals: dict | None = None
    ) -> "WeeklyReview":
        """Save the review of a week (creating or replacing it) with the week's numbers as they
        are now, and, when given, the goals from the following week on: both or neither."""
        review, _ = cls.objects.update_or_create(
            user=user,
            week_starts_on=week_starts_on,
            defaults={
                "summary": summary,
                **{k: fields.get(k, "") for k in ("reflection", "focus", "focus_note")},
            },
        )
        if next_goals is not None:
            WeeklyGoals.set_for_week(user, week_starts_on + timedelta(days=7), next_goals)
        return review


def pause_after_win(sender, application, **kwargs) -> None:
    """A search that ended with a job pauses the weekly goals: two months of rest from today
    (``pipeline.signals.search_won``; once, however often it is sent)."""
    today = timezone.localdate()
    note = f"New job: {application.title} at {application.company}"[:200]
    if not RestPeriod.objects.for_user(application.user).filter(note=note).exists():
        RestPeriod.objects.create(
            user=application.user, starts_on=today, ends_on=today + timedelta(days=60), note=note
        )
