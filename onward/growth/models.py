"""Upskilling: the skill gaps the user names, the learning plan that closes them, and the time
spent on it.

Time is logged once: each entry is a routine ``ActivityLog`` of kind "learning" (so the weekly
learning-hours goal counts it), linked to its learning item by a ``LearningLog`` row here.
"""

from datetime import date
from decimal import Decimal
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.db.models.expressions import OrderBy
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from onward.core.owned import OwnedQuerySet
from onward.core.reminders.models import Reminder, ReminderKind
from onward.core.zones import morning_of
from onward.debrief.models import Debrief, Lesson
from onward.debrief.taxonomy import Competency, Habit
from onward.pipeline.models import Application
from onward.routine.models import ActivityKind, ActivityLog

# The reminder a target date sets, one per learning item.
TARGET_REMINDER_KEY = "growth:target_date"
URL_SCHEMES = ("http", "https")


def check_web_url(value: str) -> None:
    """Links open in the browser: only http:// and https:// addresses."""
    if value and urlsplit(value).scheme.lower() not in URL_SCHEMES:
        raise ValidationError("Use a web address that starts with http:// or https://.")


class GapStatus(models.TextChoices):
    OPEN = "open", "Open"
    WORKING = "working", "Working on it"
    CLOSED = "closed", "Closed"


class SkillGapQuerySet(OwnedQuerySet):
    def current(self):
        return self.exclude(status=GapStatus.CLOSED)


class SkillGap(models.Model):
    """Something the user wants to get better at, in their own words."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    name = models.CharField("the skill", max_length=200)
    why = models.TextField("why it matters", blank=True)
    competency = models.CharField(
        "interview competency", max_length=20, choices=Competency.choices, blank=True
    )
    debrief = models.ForeignKey(
        Debrief, on_delete=models.SET_NULL, null=True, blank=True, related_name="skill_gaps"
    )
    lesson = models.ForeignKey(
        Lesson, on_delete=models.SET_NULL, null=True, blank=True, related_name="skill_gaps"
    )
    status = models.CharField(max_length=10, choices=GapStatus.choices, default=GapStatus.OPEN)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = SkillGapQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "status"])]
        constraints = [
            # One gap per lesson: "make it a skill gap" clicked twice finds the first.
            models.UniqueConstraint(
                fields=["user", "lesson"],
                condition=models.Q(lesson__isnull=False),
                name="skill_gap_unique_lesson",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("growth:gap_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if not self.name.strip():
            errors["name"] = "Name the skill, in a few words."
        for field in ("debrief", "lesson"):
            related = getattr(self, field)
            if related is not None and related.user_id != self.user_id:
                errors[field] = "That is not one of yours."
        if errors:
            raise ValidationError(errors)

    @property
    def is_closed(self) -> bool:
        return self.status == GapStatus.CLOSED

    def move_to(self, status: str, now=None) -> None:
        self.status = GapStatus(status)
        self.closed_at = (now or timezone.now()) if self.status == GapStatus.CLOSED else None
        self.save(update_fields=["status", "closed_at"])

    @classmethod
    @transaction.atomic
    def from_lesson(cls, lesson: Lesson) -> tuple["SkillGap", bool]:
        """The gap a debrief lesson names (made now if there is none yet), and whether it is new.

        Naming it ticks the debrief's "Upskill" habit: the first step is knowing what to work on.
        """
        debrief = lesson.debrief
        company = debrief.application.company
        why = f"A lesson from the {company} debrief: {lesson.text}"
        if lesson.next_time:
            why += f"\nNext time: {lesson.next_time}"
        gap, created = cls.objects.get_or_create(
            user=lesson.user,
            lesson=lesson,
            defaults={
                "name": lesson.text[:200],
                "why": why,
                "competency": lesson.category if lesson.category in Competency.values else "",
                "debrief": debrief,
            },
        )
        if created:
            debrief.mark_step_done(Habit.UPSKILL)
        return gap, created

    @classmethod
    @transaction.atomic
    def for_asked_skill(cls, user, label: str, why: str = "") -> tuple["SkillGap", bool]:
        """The user's current gap named ``label`` (made now if there is none yet), and whether
        it is new: clicking "make it a skill gap" twice finds the first."""
        label = " ".join(label.split())[:200]
        gap = cls.objects.for_user(user).current().filter(name__iexact=label).first()
        if gap is not None:
            return gap, False
        gap = cls(user=user, name=label, why=why)
        gap.full_clean()
        gap.save()
        return gap, True


class LearningKind(models.TextChoices):
    COURSE = "course", "Course"
    CERTIFICATION = "certification", "Certification"
    WORKSHOP = "workshop", "Workshop"
    BOOK = "book", "Book"
    PRACTICE = "practice", "Practice"
    OTHER = "other", "Other"


class ItemStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"


# Soonest target first, undated items last on both databases (SQLite and PostgreSQL put NULLs
# at opposite ends).
PLAN_ORDER: list[str | OrderBy] = [F("target_date").asc(nulls_last=True), "-created_at", "-pk"]


class LearningItemQuerySet(OwnedQuerySet):
    def with_hours(self):
        """Annotate ``hours_logged``: the time logged on each item, summed in SQL. In plan
        order: Django leaves Meta.ordering out of a query that aggregates."""
        return self.annotate(
            hours_logged=Coalesce(
                models.Sum("logs__activity__hours"),
                models.Value(Decimal("0")),
                output_field=models.DecimalField(max_digits=8, decimal_places=1),
            )
        ).order_by(*PLAN_ORDER)


class LearningItem(models.Model):
    """One step of the learning plan: a course, a certification, a book, some practice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    skill_gap = models.ForeignKey(
        SkillGap,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="items",
        verbose_name="for the skill gap",
    )
    title = models.CharField(max_length=200)
    kind = models.CharField(
        max_length=15, choices=LearningKind.choices, default=LearningKind.COURSE
    )
    url = models.URLField("link", max_length=500, blank=True)
    status = models.CharField(max_length=12, choices=ItemStatus.choices, default=ItemStatus.PLANNED)
    target_date = models.DateField("finish by", null=True, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    done_at = models.DateTimeField(null=True, blank=True, editable=False)

    reminders = GenericRelation(Reminder, related_query_name="learning_item")

    objects = LearningItemQuerySet.as_manager()

    class Meta:
        ordering = PLAN_ORDER
        indexes = [models.Index(fields=["user", "status"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("growth:item_detail", args=[self.pk])

    def clean(self):
        errors = {}
        try:
            check_web_url(self.url)
        except ValidationError as error:
            errors["url"] = error.messages
        if self.skill_gap is not None and self.skill_gap.user_id != self.user_id:
            errors["skill_gap"] = "That is not one of your skill gaps."
        if errors:
            raise ValidationError(errors)

    @property
    def is_done(self) -> bool:
        return self.status == ItemStatus.DONE

    def move_to(self, status: str, now=None) -> None:
        self.status = ItemStatus(status)
        self.done_at = (now or timezone.now()) if self.status == ItemStatus.DONE else None
        self.save(update_fields=["status", "done_at"])
        self.sync_reminder(now=now)

    def sync_reminder(self, now=None) -> Reminder | None:
        """Keep the one target-date reminder in step: due on the morning of the target date,
        settled once the item is done, gone when the date is cleared."""
        if self.is_done:
            Reminder.objects.settle(self, ReminderKind.LEARNING_TARGET, now=now or self.done_at)
            return None
        if self.target_date is None:
            self.reminders.filter(
                kind=ReminderKind.LEARNING_TARGET, key=TARGET_REMINDER_KEY
            ).delete()
            return None
        due_at = morning_of(self.user, self.target_date)
        title = f"Finish by today: {self.title}"[:200]
        reminder = Reminder.objects.ensure(
            user=self.user,
            kind=ReminderKind.LEARNING_TARGET,
            target=self,
            key=TARGET_REMINDER_KEY,
            due_at=due_at,
            title=title,
            notes="The date you set on your learning plan. Done, moved, or time to re-plan?",
        )
        if (reminder.due_at, reminder.title, reminder.done_at) != (due_at, title, None):
            reminder.due_at, reminder.title, reminder.done_at = due_at, title, None
            reminder.snoozed_until = None
            reminder.emailed_at = None
            reminder.save(
                update_fields=["due_at", "title", "done_at", "snoozed_until", "emailed_at"]
            )
        return reminder

    @transaction.atomic
    def log_time(self, hours: Decimal, on: date, note: str = "") -> "LearningLog":
        """Record time spent: a routine learning activity (it counts towards the weekly
        learning-hours goal) linked to this item. Starting work moves a planned item along."""
        text = f"{self.title}: {note}" if note else self.title
        activity = ActivityLog(
            user=self.user, kind=ActivityKind.LEARNING, on=on, hours=hours, note=text[:200]
        )
        activity.full_clean()
        activity.save()
        if self.status == ItemStatus.PLANNED:
            self.move_to(ItemStatus.IN_PROGRESS)
        return LearningLog.objects.create(learning_item=self, activity=activity)


class LearningLogQuerySet(OwnedQuerySet):
    owner_field = "learning_item__user"


class LearningLog(models.Model):
    """Links a routine learning activity to the learning item it was spent on. The hours and
    the date live on the activity, so deleting it there takes it off the item too."""

    learning_item = models.ForeignKey(LearningItem, on_delete=models.CASCADE, related_name="logs")
    activity = models.OneToOneField(
        ActivityLog, on_delete=models.CASCADE, related_name="learning_log"
    )

    objects = LearningLogQuerySet.as_manager()

    class Meta:
        ordering = ["-activity__on", "-pk"]

    def __str__(self) -> str:
        return f"{self.activity.hours} h on {self.learning_item}"


class PostingSkillQuerySet(OwnedQuerySet):
    pass


class PostingSkill(models.Model):
    """A skill an application's job posting asks for, found in its description (see asked.py).

    Kept up to date whenever an application is saved with a new description, so the Skills page
    counts them with one query."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="asked_skills"
    )
    key = models.CharField("ESCO concept id", max_length=40)
    label = models.CharField(max_length=200)

    objects = PostingSkillQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "key"], name="posting_skill_unique")
        ]
        indexes = [models.Index(fields=["user", "key"])]

    def __str__(self) -> str:
        return self.label

    @classmethod
    @transaction.atomic
    def refresh(cls, application: Application) -> list["PostingSkill"]:
        """Read the skills from the application's description again, replacing the old ones."""
        from .asked import skills_in

        cls.objects.filter(application=application).delete()
        rows = [
            cls(user_id=application.user_id, application=application, key=s.key, label=s.label)
            for s in skills_in(application.description)
        ]
        return cls.objects.bulk_create(rows)
