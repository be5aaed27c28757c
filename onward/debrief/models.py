"""The guided debrief after an application ends: the ten-habit checklist, reflection, the reason,
feedback, gracious replies, lessons and a mood check-in."""

import calendar
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from onward.core.drafts import DRAFT_KINDS
from onward.core.owned import OwnedQuerySet
from onward.core.reminders.models import Reminder, ReminderKind
from onward.core.zones import morning_of, user_zone
from onward.network.models import Contact
from onward.pipeline.models import Application, LossType

from .reached import stage_reached_for
from .taxonomy import (
    LESSON_CATEGORY_CHOICES,
    LESSON_CATEGORY_LABELS,
    Competency,
    Habit,
    ReasonCategory,
    StageReached,
)

RATING = [MinValueValidator(1), MaxValueValidator(5)]


def add_months(moment: datetime, months: int) -> datetime:
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


class DebriefStatus(models.TextChoices):
    OPEN = "open", "To finish"
    COMPLETED = "completed", "Completed"
    DISMISSED = "dismissed", "Dismissed"


class FeedbackState(models.TextChoices):
    NOT_ASKED = "not_asked", "Not asked"
    ASKED = "asked", "Asked"
    RECEIVED = "received", "Received"
    DECLINED = "declined", "Declined"
    NO_ANSWER = "no_answer", "No answer"


# Which feedback states may follow which. A late answer may still arrive after "no answer".
FEEDBACK_TRANSITIONS: dict[str, set[str]] = {
    FeedbackState.NOT_ASKED: {FeedbackState.ASKED, FeedbackState.RECEIVED},
    FeedbackState.ASKED: {FeedbackState.RECEIVED, FeedbackState.DECLINED, FeedbackState.NO_ANSWER},
    FeedbackState.NO_ANSWER: {FeedbackState.RECEIVED},
    FeedbackState.RECEIVED: set(),
    FeedbackState.DECLINED: set(),
}

# The drafts each flow offers, by the step they belong to.
FLOW_DRAFTS: dict[str, list[str]] = {
    LossType.REJECTED: ["thank_you", "feedback_request"],
    LossType.GHOSTED: ["status_check", "closing_note"],
    LossType.WITHDRAWN: [],
}


class DebriefQuerySet(OwnedQuerySet):
    def to_finish(self):
        return self.filter(status=DebriefStatus.OPEN)

    def counted(self):
        """Debriefs that count in the lessons and patterns (all but the dismissed)."""
        return self.exclude(status=DebriefStatus.DISMISSED)


class Debrief(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="debrief"
    )
    flow = models.CharField(max_length=10, choices=LossType.choices, default=LossType.REJECTED)
    stage_reached = models.CharField("how far you got", max_length=12, choices=StageReached.choices)
    status = models.CharField(max_length=10, choices=DebriefStatus.choices, default="open")
    # When the loss was recorded (the move into the lost stage): the thank-you is due a day later.
    ended_at = models.DateTimeField(default=timezone.now)
    opened_at = models.DateTimeField(default=timezone.now, editable=False)
    completed_at = models.DateTimeField(null=True, blank=True)
    dismissed_at = models.DateTimeField(null=True, blank=True)

    # Reflect
    went_well = models.TextField("what went well", blank=True)
    to_improve = models.TextField("what to improve", blank=True)
    stumped_by = models.TextField("questions that stumped you", blank=True)
    # The one reflection line a draft may quote: everything else above stays private.
    thank_you_detail = models.CharField(
        "something from the conversation you'd mention in a thank-you",
        max_length=200,
        blank=True,
        help_text="One line in your own words, e.g. 'your plans for the design system'. "
        "Drafts use this line and nothing else you wrote here.",
    )
    # The reason
    reason_given = models.TextField("the reason they gave, word for word", blank=True)
    reason_category = models.CharField(max_length=30, choices=ReasonCategory.choices, blank=True)
    # Feedback
    feedback_contact = models.ForeignKey(
        Contact, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    feedback_state = models.CharField(
        max_length=10, choices=FeedbackState.choices, default=FeedbackState.NOT_ASKED
    )
    feedback_asked_on = models.DateField(null=True, blank=True)
    feedback_answered_on = models.DateField(null=True, blank=True)
    feedback_text = models.TextField("the feedback, word for word", blank=True)
    feedback_category = models.CharField(max_length=30, choices=ReasonCategory.choices, blank=True)
    # Gracious replies
    thank_you_sent_at = models.DateTimeField(null=True, blank=True)
    status_check_sent_at = models.DateTimeField(null=True, blank=True)
    closing_note_sent_at = models.DateTimeField(null=True, blank=True)

    reminders = GenericRelation(Reminder, related_query_name="debrief")

    objects = DebriefQuerySet.as_manager()

    class Meta:
        ordering = ["-ended_at", "-pk"]
        indexes = [models.Index(fields=["user", "status"])]

    def __str__(self) -> str:
        return f"Debrief: {self.application}"

    def get_absolute_url(self) -> str:
        return reverse("debrief:debrief_detail", args=[self.pk])

    # --- Opening --------------------------------------------------------------------------

    @classmethod
    @transaction.atomic
    def open_for(cls, application: Application, *, flow: str, when=None) -> "Debrief":
        """The application's debrief, opened now if it has none. Never a second one.

        A ghosted application that later hears back (moved to a rejection) switches its open
        debrief to the rejection flow, thank-you and all.
        """
        when = when or timezone.now()
        debrief = cls.objects.select_for_update().filter(application=application).first()
        if debrief is None:
            debrief = cls.objects.create(
                user=application.user,
                application=application,
                flow=flow,
                stage_reached=stage_reached_for(application),
                ended_at=when,
            )
            DebriefStep.objects.bulk_create(
                DebriefStep(debrief=debrief, habit=habit) for habit in Habit.values
            )
            debrief._start_flow()
        elif (
            debrief.status == DebriefStatus.OPEN
            and debrief.flow == LossType.GHOSTED
            and flow == LossType.REJECTED
        ):
            debrief.flow = flow
            debrief.ended_at = when
            debrief.save(update_fields=["flow", "ended_at"])
            debrief.steps.filter(habit=Habit.SEEK_FEEDBACK, state=DebriefStep.State.SKIPPED).update(
                state=DebriefStep.State.TODO, state_changed_on=None, notes=""
            )
            debrief._start_flow()
        return debrief

    def _start_flow(self) -> None:
        application = self.application
        # Due a day after the news, or now when the news is recorded later than that.
        due_at = max(self.reply_due_at, timezone.now())
        late = self.ended_at + timedelta(hours=24) < due_at
        if self.flow == LossType.REJECTED:
            Reminder.objects.ensure(
                user=self.user,
                kind=ReminderKind.THANK_YOU,
                target=self,
                due_at=due_at,
                title=f"Thank {application.company} for letting you know"
                + (", as soon as you can" if late else ""),
                application=application,
                notes="A short, gracious reply soon after the news keeps the door open.",
            )
        elif self.flow == LossType.GHOSTED:
            self.set_step(
                Habit.SEEK_FEEDBACK,
                DebriefStep.State.SKIPPED,
                notes="No decision has been shared yet: the status check comes first.",
            )
            Reminder.objects.ensure(
                user=self.user,
                kind=ReminderKind.FOLLOW_UP,
                target=self,
                key="status_check",
                due_at=due_at,
                title=f"Ask {application.company} where things stand",
                application=application,
            )

    def redate_news(self, when) -> None:
        """The loss really came on ``when``: the reply falls due a day after it (or now)."""
        self.ended_at = when
        self.save(update_fields=["ended_at"])
        due_at = max(self.reply_due_at, timezone.now())
        self.reminders.open().filter(
            models.Q(kind=ReminderKind.THANK_YOU)
            | models.Q(kind=ReminderKind.FOLLOW_UP, key="status_check")
        ).update(due_at=due_at)

    # --- State ----------------------------------------------------------------------------

    @property
    def reply_due_at(self):
        """The thank-you (or status check) is due within 24 hours of the news (the move's
        date); told later than that, it is due as soon as Onward hears of it, not overdue."""
        return max(self.ended_at + timedelta(hours=24), self.opened_at)

    @property
    def reply_as_soon_as_you_can(self) -> bool:
        """The news was recorded after its 24 hours had passed."""
        return self.ended_at + timedelta(hours=24) < self.opened_at

    @property
    def is_open(self) -> bool:
        return self.status == DebriefStatus.OPEN

    @property
    def draft_kinds(self) -> list[str]:
        kinds = list(FLOW_DRAFTS[self.flow])
        if self.flow == LossType.REJECTED:
            # The feedback drafts once there is something to follow up or to thank for.
            if self.feedback_state in (FeedbackState.ASKED, FeedbackState.NO_ANSWER):
                kinds.append("feedback_follow_up")
            if self.feedback_state == FeedbackState.RECEIVED:
                kinds.append("feedback_thanks")
        return kinds

    def step(self, habit: str) -> "DebriefStep":
        return self.steps.get(habit=habit)

    def set_step(self, habit: str, state: str, *, notes: str | None = None, on=None) -> None:
        self.step(habit).set_state(state, notes=notes, on=on)

    @transaction.atomic
    def stay_in_touch(self, contacts, *, cadence_weeks: int | None, connect_linkedin: bool):
        """After the debrief: keep in touch with ``contacts`` (the interviewers) every
        ``cadence_weeks`` weeks, and/or remind the user to connect with each on LinkedIn."""
        now = timezone.now()
        for contact in contacts:
            if contact.user_id != self.user_id:
                raise ValidationError({"contacts": "No such contact."})
            if cadence_weeks:
                contact.set_cadence(cadence_weeks)
            if connect_linkedin and not contact.connected_on:
                Reminder.objects.ensure(
                    user=self.user,
                    kind=ReminderKind.CONNECT_LINKEDIN,
                    target=self,
                    key=f"contact:{contact.pk}",
                    due_at=now + timedelta(days=2),
                    title=f"Connect with {contact.name} on LinkedIn",
                    application=self.application,
                    url=contact.linkedin_url,
                    notes="Add a line to the invitation: thank them for the conversation.",
                )

    def mark_step_done(self, habit: str, on=None) -> None:
        """Tick a step because the data shows it happened (unless it is already ticked)."""
        step = self.step(habit)
        if step.state != DebriefStep.State.DONE:
            step.set_state(DebriefStep.State.DONE, on=on)

    def save_reflection(self, *, ratings: dict[str, int | None], **fields) -> None:
        for name, value in fields.items():
            setattr(self, name, value)
        self.save(update_fields=list(fields))
        for competency, rating in ratings.items():
            if rating:
                CompetencyRating.objects.update_or_create(
                    debrief=self, competency=competency, defaults={"rating": rating}
                )
            else:
                self.ratings.filter(competency=competency).delete()
        if self.went_well or self.to_improve or self.stumped_by or any(ratings.values()):
            self.mark_step_done(Habit.REFLECT)

    # --- Feedback -------------------------------------------------------------------------

    def record_feedback(
        self,
        state: str,
        *,
        on,
        contact: Contact | None = None,
        text: str = "",
        category: str = "",
    ) -> None:
        """Move the feedback request to ``state`` on date ``on``, keeping its reminder in step."""
        if state not in FEEDBACK_TRANSITIONS[self.feedback_state]:
            raise ValidationError(
                f"Feedback that is '{self.get_feedback_state_display().lower()}' cannot become "
                f"'{FeedbackState(state).label.lower()}'."
            )
        if on > timezone.localdate():
            raise ValidationError({"on": "That date is in the future."})
        if on.year < 1990:
            raise ValidationError({"on": "That date is too far in the past to be right."})
        if category and category not in ReasonCategory.values:
            raise ValidationError({"category": f"Value '{category}' is not a valid choice."})
        if state == FeedbackState.ASKED:
            if on < timezone.localdate(self.ended_at):
                raise ValidationError("You asked before the application ended? Check the date.")
            self.feedback_asked_on = on
            if contact is not None:
                self.feedback_contact = contact
        else:
            if self.feedback_asked_on and on < self.feedback_asked_on:
                raise ValidationError("The answer cannot come before the request.")
            self.feedback_answered_on = on
        if state == FeedbackState.RECEIVED:
            if not text.strip():
                raise ValidationError("Paste the feedback you received, word for word.")
            self.feedback_text = text
            self.feedback_category = category
        self.feedback_state = state
        self.save(
            update_fields=[
                "feedback_state",
                "feedback_asked_on",
                "feedback_answered_on",
                "feedback_contact",
                "feedback_text",
                "feedback_category",
            ]
        )
        if state == FeedbackState.ASKED:
            days = settings.ONWARD_FEEDBACK_FOLLOWUP_DAYS
            who = self.feedback_contact.name if self.feedback_contact else self.application.company
            Reminder.objects.ensure(
                user=self.user,
                kind=ReminderKind.FEEDBACK_FOLLOW_UP,
                target=self,
                due_at=morning_of(self.user, on + timedelta(days=days)),
                title=f"No feedback yet from {who}: a gentle follow-up, or let it go",
                application=self.application,
            )
            self.mark_step_done(Habit.SEEK_FEEDBACK, on=on)
        else:
            # Settled on the day the answer came (a late record must not count as done today).
            answered = timezone.now() if on >= timezone.localdate() else morning_of(self.user, on)
            Reminder.objects.settle(self, ReminderKind.FEEDBACK_FOLLOW_UP, now=answered)
            self.mark_step_done(Habit.SEEK_FEEDBACK, on=self.feedback_asked_on or on)

    @property
    def feedback_follow_up_due_on(self):
        if self.feedback_state != FeedbackState.ASKED or not self.feedback_asked_on:
            return None
        return self.feedback_asked_on + timedelta(days=settings.ONWARD_FEEDBACK_FOLLOWUP_DAYS)

    # --- Drafts ---------------------------------------------------------------------------

    @transaction.atomic
    def record_sent(self, kind: str, when=None, to: str = "") -> None:
        """A draft was sent (or the user says they sent it): date the step it belongs to, and
        log an interaction with each of the user's contacts at the address ``to`` (their "last
        contacted" moves, and it counts as a touch in the week's goals)."""
        when = when or timezone.now()
        today = timezone.localdate(when)
        address = to.strip().lower()
        if address:
            label = DRAFT_KINDS[kind].label if kind in DRAFT_KINDS else kind
            for contact in Contact.objects.for_user(self.user).filter(email=address):
                contact.log_interaction(
                    happened_on=today,
                    channel="email",
                    summary=f"Sent: {label.lower()} ({self.application}).",
                    application=self.application,
                )
        if kind == "feedback_follow_up":
            Reminder.objects.settle(self, ReminderKind.FEEDBACK_FOLLOW_UP, now=when)
        if kind == "thank_you":
            self.thank_you_sent_at = when
            self.save(update_fields=["thank_you_sent_at"])
            Reminder.objects.settle(self, ReminderKind.THANK_YOU, now=when)
            self.mark_step_done(Habit.STAY_GRACIOUS, on=today)
        elif kind == "feedback_request":
            if self.feedback_state == FeedbackState.NOT_ASKED:
                self.record_feedback(FeedbackState.ASKED, on=today)
        elif kind == "status_check":
            self.status_check_sent_at = when
            self.save(update_fields=["status_check_sent_at"])
            Reminder.objects.settle(self, ReminderKind.FOLLOW_UP, now=when)
            days = settings.ONWARD_FEEDBACK_FOLLOWUP_DAYS
            Reminder.objects.ensure(
                user=self.user,
                kind=ReminderKind.FOLLOW_UP,
                target=self,
                key="closing_note",
                due_at=morning_of(self.user, today + timedelta(days=days)),
                title=f"Still nothing from {self.application.company}? Close the loop kindly",
                application=self.application,
            )
        elif kind == "closing_note":
            self.closing_note_sent_at = when
            self.save(update_fields=["closing_note_sent_at"])
            Reminder.objects.settle(self, ReminderKind.FOLLOW_UP, now=when)
            self.mark_step_done(Habit.STAY_GRACIOUS, on=today)

    # --- Finishing ------------------------------------------------------------------------

    @transaction.atomic
    def complete(
        self,
        *,
        reconnect_months: int | None = 3,
        openings_months: int | None = 6,
        connect_linkedin: bool = True,
        now=None,
    ) -> list[Reminder]:
        """Finish the debrief and set up the keep-the-door-open reminders (idempotent)."""
        now = now or timezone.now()
        if self.status != DebriefStatus.COMPLETED:
            self.status = DebriefStatus.COMPLETED
            self.completed_at = now
            self.save(update_fields=["status", "completed_at"])
        application = self.application
        company = application.company
        made = []
        if reconnect_months:
            made.append(
                Reminder.objects.ensure(
                    user=self.user,
                    kind=ReminderKind.RECONNECT,
                    target=self,
                    due_at=add_months(now, reconnect_months),
                    title=f"Reconnect with {company} and the people you met there",
                    application=application,
                    notes="A short hello and something useful (an article, a congratulation) "
                    "is enough.",
                )
            )
        if openings_months:
            made.append(
                Reminder.objects.ensure(
                    user=self.user,
                    kind=ReminderKind.CHECK_OPENINGS,
                    target=self,
                    due_at=add_months(now, openings_months),
                    title=f"Check {company} for new openings",
                    application=application,
                    url=company.website,
                )
            )
        if connect_linkedin:
            # Only people not already connected (those marked with a date are).
            for contact in self.interviewers():
                if contact.connected_on:
                    continue
                made.append(
                    Reminder.objects.ensure(
                        user=self.user,
                        kind=ReminderKind.CONNECT_LINKEDIN,
                        target=self,
                        key=f"contact:{contact.pk}",
                        due_at=now + timedelta(days=2),
                        title=f"Connect with {contact.name} on LinkedIn",
                        application=application,
                        url=contact.linkedin_url,
                        notes="Add a line to the invitation: thank them for the conversation.",
                    )
                )
        return made

    def interviewers(self) -> list[Contact]:
        """Everyone who interviewed the user for this application, each once."""
        return list(
            Contact.objects.for_user(self.user)
            .filter(
                models.Q(interviews__application=self.application)
                | models.Q(
                    application_links__application=self.application,
                    application_links__role="interviewer",
                )
            )
            .distinct()
            .order_by("name", "pk")
        )

    def dismiss(self, now=None) -> None:
        now = now or timezone.now()
        self.status = DebriefStatus.DISMISSED
        self.dismissed_at = now
        self.save(update_fields=["status", "dismissed_at"])
        # Nothing is due for a debrief the user set aside.
        self.reminders.open().update(done_at=now)
        Reminder.objects.filter(debrief_step__debrief=self).open().update(done_at=now)

    def reopen(self) -> None:
        self.status = DebriefStatus.OPEN
        self.save(update_fields=["status"])


class StepState(models.TextChoices):
    TODO = "todo", "To do"
    DONE = "done", "Done"
    SKIPPED = "skipped", "Skipped"


class DebriefStepQuerySet(OwnedQuerySet):
    owner_field = "debrief__user"


class DebriefStep(models.Model):
    """One of the ten habits on one debrief's checklist."""

    State = StepState

    debrief = models.ForeignKey(Debrief, on_delete=models.CASCADE, related_name="steps")
    habit = models.CharField(max_length=20, choices=Habit.choices)
    state = models.CharField(max_length=10, choices=StepState.choices, default=StepState.TODO)
    state_changed_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    reminders = GenericRelation(Reminder, related_query_name="debrief_step")

    objects = DebriefStepQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["debrief", "habit"], name="debrief_step_unique_habit")
        ]

    def __str__(self) -> str:
        return f"{self.get_habit_display()}: {self.get_state_display()}"

    def get_absolute_url(self) -> str:
        return self.debrief.get_absolute_url() + f"#step-{self.habit}"

    @property
    def position(self) -> int:
        return Habit.values.index(self.habit)

    def set_state(self, state: str, *, notes: str | None = None, on=None) -> None:
        update = ["state", "state_changed_on"]
        if state != self.state:
            self.state_changed_on = (
                None if state == StepState.TODO else (on or timezone.localdate())
            )
        self.state = state
        if notes is not None:
            self.notes = notes
            update.append("notes")
        self.save(update_fields=update)
        if state != StepState.TODO:
            Reminder.objects.settle(self, ReminderKind.DEBRIEF_STEP)

    @transaction.atomic
    def update(self, *, state: str, notes: str | None = None, remind_on=None) -> None:
        """Tick, skip or reopen the step, with its notes, and optionally a reminder for it: the
        debrief page, the API and the CLI all change a step here. ``remind_on`` is a date in
        the user's zone, today or later."""
        if state not in StepState.values:
            raise ValidationError({"state": f"Choose one of: {', '.join(StepState.values)}."})
        if remind_on and remind_on < timezone.localdate(timezone=user_zone(self.debrief.user)):
            raise ValidationError({"remind_on": "Choose today or a later date."})
        self.set_state(state, notes=notes)
        if remind_on:
            self.remind_on(remind_on)

    def remind_on(self, day) -> Reminder:
        """A reminder for this step on ``day`` (moving the existing one if there is one)."""
        reminder = Reminder.objects.ensure(
            user=self.debrief.user,
            kind=ReminderKind.DEBRIEF_STEP,
            target=self,
            due_at=morning_of(self.debrief.user, day),
            title=f"{self.get_habit_display()} ({self.debrief.application.company})",
            application=self.debrief.application,
        )
        reminder.due_at = morning_of(self.debrief.user, day)
        reminder.snoozed_until = None
        reminder.done_at = None
        reminder.save(update_fields=["due_at", "snoozed_until", "done_at"])
        return reminder


class CompetencyRatingQuerySet(OwnedQuerySet):
    owner_field = "debrief__user"


class CompetencyRating(models.Model):
    debrief = models.ForeignKey(Debrief, on_delete=models.CASCADE, related_name="ratings")
    competency = models.CharField(max_length=20, choices=Competency.choices)
    rating = models.PositiveSmallIntegerField(validators=RATING)

    objects = CompetencyRatingQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["debrief", "competency"], name="competency_rating_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5),
                name="competency_rating_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_competency_display()}: {self.rating}"


class Lesson(models.Model):
    """What a debrief taught: filed by category and the stage it applies to."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    debrief = models.ForeignKey(Debrief, on_delete=models.CASCADE, related_name="lessons")
    text = models.CharField("lesson", max_length=300)
    category = models.CharField(max_length=30, choices=LESSON_CATEGORY_CHOICES)
    stage = models.CharField(max_length=12, choices=StageReached.choices)
    next_time = models.TextField("what to do next time", blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "category"])]

    def __str__(self) -> str:
        return self.text

    def get_absolute_url(self) -> str:
        return self.debrief.get_absolute_url() + "#lessons"

    @property
    def category_label(self) -> str:
        return LESSON_CATEGORY_LABELS.get(self.category, self.category)
