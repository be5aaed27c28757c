"""The application pipeline: companies, applications, stages and the stage history."""

import re
from datetime import datetime, time, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import ExpressionWrapper, F, Q
from django.utils import timezone

from onward.core.dates import check_not_absurd
from onward.core.links import url_with_id
from onward.core.naming import company_key
from onward.core.owned import OwnedQuerySet
from onward.core.reminders.models import Reminder, ReminderKind
from onward.core.zones import user_zone
from onward.network.models import Contact


class Company(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    name = models.CharField(max_length=200)
    name_key = models.CharField(max_length=200, editable=False, db_index=True)
    website = models.URLField(blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "companies"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "name_key"], name="company_unique_name_per_user"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name = self.name.strip()
        self.name_key = company_key(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return url_with_id("pipeline:company_detail", self.pk)

    @classmethod
    def named(cls, user, name: str) -> "Company":
        """The user's company of that name ("Acme Inc." is "Acme"), else a new, unsaved one
        (``Application.start`` saves it with the application). The web form, the API and the
        CLI all find companies by name here."""
        name = name.strip()
        if not company_key(name):
            raise ValidationError({"company": "Give the company a name with a letter or digit."})
        existing = cls.objects.for_user(user).filter(name_key=company_key(name)).first()
        return existing or cls(user=user, name=name)


class StageKind(models.TextChoices):
    OPEN = "open", "Open"  # not applied yet (a wishlist)
    ACTIVE = "active", "Active"  # in progress
    OFFER = "offer", "Offer"
    WON = "won", "Won"
    LOST = "lost", "Lost"


class LossType(models.TextChoices):
    """How a lost stage ended the application; the debrief adapts to it."""

    REJECTED = "rejected", "Rejected"
    GHOSTED = "ghosted", "Ghosted"
    WITHDRAWN = "withdrawn", "Withdrawn"


# The stages every new user starts with: (name, kind, loss type).
DEFAULT_STAGES = [
    ("Wishlist", StageKind.OPEN, ""),
    ("Applied", StageKind.ACTIVE, ""),
    ("Screening", StageKind.ACTIVE, ""),
    ("Interviewing", StageKind.ACTIVE, ""),
    ("Final round", StageKind.ACTIVE, ""),
    ("Offer", StageKind.OFFER, ""),
    ("Accepted", StageKind.WON, ""),
    ("Rejected", StageKind.LOST, LossType.REJECTED),
    ("Ghosted", StageKind.LOST, LossType.GHOSTED),
    ("Withdrawn", StageKind.LOST, LossType.WITHDRAWN),
]


class StageQuerySet(OwnedQuerySet):
    def progress(self):
        """Stages that measure how far an application got (everything but the lost ones)."""
        return self.exclude(kind=StageKind.LOST)

    def progress_positions(self) -> dict[int, int]:
        """{stage id: position} of the progress stages, for ``furthest_position``."""
        return dict(self.progress().values_list("pk", "position"))

    def ensure_defaults(self, user):
        """Give a user the default stages if they have none yet."""
        if not self.for_user(user).exists():
            self.bulk_create(
                Stage(user=user, name=name, kind=kind, loss_type=loss, position=i)
                for i, (name, kind, loss) in enumerate(DEFAULT_STAGES)
            )
        return self.for_user(user)


def give_default_stages(sender, user, **kwargs) -> None:
    """A new account starts with the default stages (``accounts.signals.account_started``)."""
    Stage.objects.ensure_defaults(user)


class Stage(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    name = models.CharField(max_length=60)
    kind = models.CharField(max_length=10, choices=StageKind.choices, default=StageKind.ACTIVE)
    loss_type = models.CharField(
        max_length=10,
        choices=LossType.choices,
        blank=True,
        help_text="For a lost stage: was it a rejection, silence, or your own choice?",
    )
    position = models.PositiveSmallIntegerField(default=0)

    objects = StageQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="stage_unique_name_per_user")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.kind == StageKind.LOST and not self.loss_type:
            self.loss_type = LossType.REJECTED
        if self.kind != StageKind.LOST:
            self.loss_type = ""

    @property
    def is_lost(self) -> bool:
        return self.kind == StageKind.LOST

    @property
    def is_closed(self) -> bool:
        return self.kind in (StageKind.WON, StageKind.LOST)


class WorkMode(models.TextChoices):
    REMOTE = "remote", "Remote"
    HYBRID = "hybrid", "Hybrid"
    ONSITE = "onsite", "On-site"


class Source(models.TextChoices):
    REFERRAL = "referral", "Referral"
    COMPANY_SITE = "company_site", "Company site"
    JOB_BOARD = "job_board", "Job board"
    RECRUITER = "recruiter", "Recruiter"
    LINKEDIN = "linkedin", "LinkedIn"
    OTHER = "other", "Other"


class SalaryPeriod(models.TextChoices):
    HOUR = "HOUR", "an hour"
    DAY = "DAY", "a day"
    WEEK = "WEEK", "a week"
    MONTH = "MONTH", "a month"
    YEAR = "YEAR", "a year"


def same_url_key(url: str) -> str:
    """A posting's address as compared for duplicates: no scheme, fragment or final slash,
    and the host in lower case."""
    parts = urlsplit((url or "").strip())
    if not parts.netloc:
        return ""
    path = parts.path.rstrip("/")
    return f"{parts.netloc.lower()}{path}" + (f"?{parts.query}" if parts.query else "")


def awaiting_reply_condition(user, now=None) -> Q:
    """An open or active application with no stage change for the user's ghosting threshold
    (an open one only once applied for): "no reply"."""
    from onward.accounts.models import profile_for

    now = now or timezone.now()
    cutoff = now - timedelta(days=profile_for(user).ghost_after_days)
    return Q(stage__kind__in=[StageKind.OPEN, StageKind.ACTIVE], stage_changed_at__lte=cutoff) & ~Q(
        stage__kind=StageKind.OPEN, applied_on__isnull=True
    )


class ApplicationQuerySet(OwnedQuerySet):
    def with_related(self):
        # "The stage is the owner's" (always true) lets PostgreSQL narrow the stage join to
        # the owner's stages by their user index; without it, at a career service's size it
        # hashed every user's stages for each board or table page.
        return self.select_related("company", "stage").filter(stage__user=F("user"))

    def same_posting(self, user, *, url: str = "", company_name: str = "", title: str = ""):
        """The user's applications for this posting: the same address, or the same company
        and title (as a duplicate warning before saving another)."""
        match = Q(pk__in=[])
        if key := same_url_key(url):
            # Compared in Python below too: the query narrows by host, the key decides.
            host = key.split("/", 1)[0]
            candidates = self.for_user(user).filter(job_url__icontains=host)
            match |= Q(pk__in=[a.pk for a in candidates if same_url_key(a.job_url) == key])
        name_key, title = company_key(company_name or ""), " ".join((title or "").split())
        if name_key and title:
            match |= Q(company__name_key=name_key, title__iexact=title)
        return self.for_user(user).filter(match).with_related()

    def awaiting_reply(self, user, now=None):
        """Open or active applications with no stage change for the user's ghosting threshold."""
        return self.for_user(user).filter(awaiting_reply_condition(user, now))

    def with_awaiting_reply(self, user, now=None):
        """Each application with ``is_awaiting_reply``: a page marks "no reply" on the rows it
        shows from the same query, with the same rule as ``awaiting_reply``."""
        condition = ExpressionWrapper(
            awaiting_reply_condition(user, now), output_field=models.BooleanField()
        )
        return self.annotate(is_awaiting_reply=condition)

    def with_furthest_position(self, user):
        """Annotate the furthest (highest-position) non-lost stage each application reached."""
        from .history import furthest_position

        positions = Stage.objects.for_user(user).progress_positions()
        return self.annotate(furthest_position=furthest_position(positions))


class Application(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="applications")
    title = models.CharField("role title", max_length=200)
    job_url = models.URLField("job posting URL", max_length=500, blank=True)
    location = models.CharField(max_length=200, blank=True)
    work_mode = models.CharField(max_length=10, choices=WorkMode.choices, blank=True)
    salary_min = models.PositiveIntegerField(null=True, blank=True)
    salary_max = models.PositiveIntegerField(null=True, blank=True)
    salary_currency = models.CharField(
        max_length=3, blank=True, help_text="ISO 4217 code, e.g. EUR, USD, GBP."
    )
    salary_period = models.CharField(
        "salary per", max_length=5, choices=SalaryPeriod.choices, blank=True
    )
    source = models.CharField("source / channel", max_length=20, choices=Source.choices, blank=True)
    resume_version = models.CharField("résumé version", max_length=100, blank=True)
    description = models.TextField("job description", blank=True)
    deadline = models.DateField(
        "apply by", null=True, blank=True, help_text="When the posting closes, if it says."
    )
    board = models.CharField(
        "found on", max_length=200, blank=True, help_text="The site the posting was on."
    )
    applied_on = models.DateField("date applied", null=True, blank=True)
    excitement = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    notes = models.TextField(blank=True)
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="applications")
    # Mirrors the newest StageChange.changed_at; written only by move_to(), so the board and the
    # ghosting check need no aggregate over the history.
    stage_changed_at = models.DateTimeField(default=timezone.now, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-stage_changed_at", "-pk"]
        indexes = [
            # Covers the insights' count by (stage, silence) without reading the rows.
            models.Index(fields=["user", "stage", "stage_changed_at"]),
            models.Index(fields=["user", "-stage_changed_at"]),
            # A company's applications, newest first (the application page's "also at this
            # company", the table filtered by company), without reading the whole search.
            models.Index(fields=["user", "company", "-stage_changed_at"]),
            # The table sorted by company (then title) reads the page's ids from this index and
            # each company's name, not every row.
            models.Index(fields=["user", "company", "title"]),
        ]

    def __str__(self) -> str:
        return f"{self.title} at {self.company}"

    def get_absolute_url(self) -> str:
        return url_with_id("pipeline:application_detail", self.pk)

    def clean(self):
        errors = {}
        # The same cleaning whoever writes (the form, the API, the CLI): a title of spaces is
        # no title, and "eur" is EUR.
        self.title = " ".join((self.title or "").split())
        if not self.title:
            errors["title"] = "Give the role a title."
        self.salary_currency = (self.salary_currency or "").strip().upper()
        both_given = self.salary_min is not None and self.salary_max is not None
        if both_given and self.salary_min > self.salary_max:
            errors["salary_max"] = "The maximum salary must be at least the minimum."
        if (
            self.salary_min is not None or self.salary_max is not None
        ) and not self.salary_currency:
            errors["salary_currency"] = "Give the currency of the salary range (e.g. EUR)."
        if self.salary_period and self.salary_min is None and self.salary_max is None:
            self.salary_period = ""
        if self.salary_currency and not re.fullmatch(r"[A-Z]{3}", self.salary_currency):
            errors["salary_currency"] = "Use a three-letter ISO currency code, such as EUR or USD."
        if self.applied_on:
            today = timezone.localdate()
            if self.applied_on > today + timedelta(days=1):
                errors["applied_on"] = "The date applied cannot be in the future."
            elif self.applied_on.year < 1990:
                errors["applied_on"] = "That date is too far in the past to be right."
        if errors:
            raise ValidationError(errors)

    @classmethod
    @transaction.atomic
    def start(cls, user, *, company: "Company", stage: "Stage", when=None, **fields):
        """Add an application (the web form, the API and the CLI all start one here).

        ``company`` may be new (unsaved): it is saved with the application, or not at all. The
        first move into ``stage`` is dated ``when``, else 09:00 on the date applied in the
        user's zone (if that is past), else now. Raises ValidationError naming the field.
        """
        if company.user_id != user.pk or stage.user_id != user.pk:
            raise ValidationError("That company or stage belongs to someone else.")
        application = cls(user=user, company=company, stage=stage, **fields)
        application.full_clean(exclude=["user", "company", "stage"])
        if company.pk is None:
            company.full_clean(exclude=["user", "name_key"], validate_unique=False)
            company.save()
            application.company = company
        application.save()
        application.move_to(stage, when=when or first_move_time(user, application.applied_on))
        application.remind_of_deadline()
        return application

    def remind_of_deadline(self) -> None:
        """A posting that closes on a date not yet past, for a job not yet applied to: a
        reminder a few days before, so it is not missed."""
        if self.deadline is None or self.applied_on is not None:
            return
        if self.stage.kind != StageKind.OPEN:
            return
        zone = user_zone(self.user)
        closes = datetime.combine(self.deadline, time(9), tzinfo=zone)
        now = timezone.now()
        if closes < now:
            return
        Reminder.objects.ensure(
            user=self.user,
            kind=ReminderKind.APPLY_BY,
            target=self,
            application=self,
            due_at=max(now, closes - timedelta(days=DEADLINE_WARNING_DAYS)),
            title=f"Apply for {self.title} at {self.company.name} by {self.deadline:%d %b}",
        )

    @transaction.atomic
    def move_to(self, stage: "Stage", *, when=None, note: str = "") -> "StageChange | None":
        """Move to another stage and record it in the history (the only way a stage changes).

        ``when`` back-dates the move, for something recorded late. It may not be in the future
        nor before the previous move, so the history stays in order.
        Moving to the stage the application is already in records nothing.
        """
        if stage.user_id != self.user_id:
            raise ValidationError("That stage belongs to someone else.")
        # Two moves at once (a double click, the API beside the board) must not both read the
        # same "last" move: the row lock makes the second wait (SQLite's IMMEDIATE transactions
        # already do).
        Application.objects.select_for_update().filter(pk=self.pk).first()
        now = timezone.now()
        when = when or now
        if when > now + timedelta(minutes=5):
            raise ValidationError({"when": "A move cannot be dated in the future."})
        try:
            check_not_absurd(when)
        except ValidationError as exc:
            raise ValidationError({"when": exc.messages}) from None
        last = self.stage_changes.order_by("-changed_at", "-pk").first()
        if last and when < last.changed_at:
            raise ValidationError(
                {
                    "when": "A move cannot be dated before the previous one "
                    f"({timezone.localtime(last.changed_at):%d %b %Y %H:%M})."
                }
            )
        if last and last.to_stage_id == stage.pk:
            return None
        change = StageChange.objects.create(
            application=self,
            from_stage=last.to_stage if last else None,
            to_stage=stage,
            changed_at=when,
            note=note,
        )
        self.stage = stage
        self.stage_changed_at = when
        self.save(update_fields=["stage", "stage_changed_at", "updated_at"])
        from .signals import application_moved

        # A receiver may answer with a page the user should see next (the debrief after a
        # rejection); the views follow it.
        answers = application_moved.send(sender=Application, application=self, change=change)
        change.next_url = next((url for _, url in answers if url), None)
        return change

    def same_person(self, person: Contact) -> Contact | None:
        """The contact already linked to this application who is ``person`` (same email, or
        same name when either has no email), if any."""
        person.fill_keys()
        for linked in Contact.objects.filter(application_links__application=self).distinct():
            if person.email and linked.email:
                if person.email == linked.email:
                    return linked
            elif person.name_key == linked.name_key:
                return linked
        return None

    @property
    def days_without_change(self) -> int:
        return (timezone.now() - self.stage_changed_at).days

    @property
    def salary_range(self) -> str:
        if self.salary_min is None and self.salary_max is None:
            return ""
        low = f"{self.salary_min:,}" if self.salary_min is not None else "?"
        high = f"{self.salary_max:,}" if self.salary_max is not None else "?"
        return f"{low}–{high} {self.salary_currency}".strip()


# How long before a posting closes its reminder falls due.
DEADLINE_WARNING_DAYS = 3


def first_move_time(user, applied_on) -> datetime:
    """When a new application entered its first stage: 09:00 on the date applied, in the
    user's zone, if that is past; else now."""
    now = timezone.now()
    if applied_on is None:
        return now
    when = datetime.combine(applied_on, time(9), tzinfo=user_zone(user))
    return when if when < now else now


class StageChangeQuerySet(OwnedQuerySet):
    owner_field = "application__user"

    def into(self, user, **stage_filters):
        """Moves into the user's stages that match ``stage_filters`` (``kind=...``). The
        user's own stages scope it to the user, so the (to_stage, changed_at) index answers
        it, a date range too, without reading through every application of a long search."""
        return self.filter(to_stage__in=Stage.objects.for_user(user).filter(**stage_filters))

    def out_of(self, user, **stage_filters):
        """Moves out of the user's stages that match ``stage_filters`` (see ``into``)."""
        return self.filter(from_stage__in=Stage.objects.for_user(user).filter(**stage_filters))


class StageChange(models.Model):
    """One move of an application between stages. Not edited through save(): a correction
    (a new date, or removing a move recorded by mistake) goes through pipeline.corrections,
    which keeps the order and records the old value in a StageChangeCorrection."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="stage_changes"
    )
    from_stage = models.ForeignKey(
        Stage, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="changes_into")
    changed_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=500, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = StageChangeQuerySet.as_manager()

    # Not stored: move_to() sets it to the page a signal receiver asks the user to see next.
    next_url: str | None = None

    class Meta:
        ordering = ["changed_at", "pk"]
        indexes = [
            models.Index(fields=["application", "changed_at"]),
            # Answers furthest_position() from the index alone.
            models.Index(fields=["application", "to_stage"]),
            # Moves into some stages over some dates (StageChange.objects.into()): the weekly
            # counts, the offers, the rejections.
            models.Index(fields=["to_stage", "changed_at"]),
            # Moves out of some stages over some dates (out_of()): the replies Today's burnout
            # guard counts, found without reading every move out of an active stage.
            models.Index(fields=["from_stage", "changed_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.from_stage or '—'} → {self.to_stage} ({self.changed_at:%Y-%m-%d})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("Correct a move through pipeline.corrections, not save().")
        super().save(*args, **kwargs)


class CorrectionQuerySet(OwnedQuerySet):
    owner_field = "application__user"


class StageChangeCorrection(models.Model):
    """An honest record of a corrected history: who changed which move, when, and what it
    said before (the move itself may be gone)."""

    class Action(models.TextChoices):
        REDATED = "redated", "Re-dated"
        REMOVED = "removed", "Removed"

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="corrections"
    )
    stage_change = models.ForeignKey(
        StageChange, on_delete=models.SET_NULL, null=True, blank=True, related_name="corrections"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    # The move as it was: its stages by name (a stage may be renamed later) and its date.
    move = models.CharField(max_length=130)
    old_changed_at = models.DateTimeField()
    new_changed_at = models.DateTimeField(null=True, blank=True)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    corrected_at = models.DateTimeField(default=timezone.now)

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["corrected_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.move}"


class InterviewKind(models.TextChoices):
    PHONE_SCREEN = "phone_screen", "Phone screen"
    TECHNICAL = "technical", "Technical"
    BEHAVIOURAL = "behavioural", "Behavioural"
    CASE = "case", "Case study"
    PANEL = "panel", "Panel"
    ONSITE = "onsite", "Onsite"
    FINAL = "final", "Final"


class InterviewQuerySet(OwnedQuerySet):
    owner_field = "application__user"


# An interview is planned at most this far ahead.
INTERVIEW_FUTURE_DAYS = 3 * 365


class Interview(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="interviews"
    )
    round_name = models.CharField(max_length=100)
    kind = models.CharField(max_length=20, choices=InterviewKind.choices)
    starts_at = models.DateTimeField("date and time")
    duration_minutes = models.PositiveSmallIntegerField(
        default=60, validators=[MinValueValidator(5), MaxValueValidator(720)]
    )
    interviewers = models.ManyToManyField("network.Contact", blank=True, related_name="interviews")
    questions = models.TextField("questions asked", blank=True)
    notes = models.TextField(blank=True)
    self_rating = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = InterviewQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return f"{self.round_name} ({self.get_kind_display()})"

    def get_absolute_url(self) -> str:
        return self.application.get_absolute_url() + f"#interview-{self.pk}"

    def clean(self):
        if self.starts_at is not None:
            try:
                check_not_absurd(self.starts_at, future_days=INTERVIEW_FUTURE_DAYS)
            except ValidationError as exc:
                raise ValidationError({"starts_at": exc.messages}) from None

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes)


class NoteQuerySet(OwnedQuerySet):
    owner_field = "application__user"


class Note(models.Model):
    """A dated note on an application's timeline."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notes_log")
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    objects = NoteQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:60]


class ContactRole(models.TextChoices):
    RECRUITER = "recruiter", "Recruiter"
    HIRING_MANAGER = "hiring_manager", "Hiring manager"
    INTERVIEWER = "interviewer", "Interviewer"
    REFERRER = "referrer", "Referrer"


class ApplicationContactQuerySet(OwnedQuerySet):
    owner_field = "application__user"


class ApplicationContact(models.Model):
    """A person's part in one application."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="contact_links"
    )
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="application_links")
    role = models.CharField(max_length=20, choices=ContactRole.choices)

    objects = ApplicationContactQuerySet.as_manager()

    class Meta:
        # The table keeps the name it had when the model lived in the network app.
        db_table = "network_applicationcontact"
        ordering = ["role", "contact__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "contact", "role"], name="application_contact_unique_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.contact} ({self.get_role_display()})"

    @classmethod
    @transaction.atomic
    def link(cls, application, role: str, *, contact=None, **new_contact) -> "ApplicationContact":
        """Link a person to ``application`` in ``role``: one of the user's contacts, or someone
        new (``name``, ``email``, ``title``), created as a contact at the application's company.
        The web and the API link through here."""
        if contact is None:
            name = " ".join(new_contact.get("name", "").split())
            if not name:
                raise ValidationError({"contact": "Choose a contact, or give a new one's name."})
            contact = Contact(
                user_id=application.user_id,
                name=name,
                email=new_contact.get("email", ""),
                title=new_contact.get("title", ""),
                company_name=application.company.name,
            )
            contact.full_clean(exclude=["user"])
            # The same person typed in again (as interviewer after hiring manager, say) is the
            # contact already on this application, not a second one: reminders go once per person.
            contact = application.same_person(contact) or contact
        elif contact.user_id != application.user_id:
            raise ValidationError({"contact": "No such contact."})
        if contact.pk is None:
            contact.save()
        elif cls.objects.filter(application=application, contact=contact, role=role).exists():
            raise ValidationError({"contact": f"{contact} is already linked here in that role."})
        link = cls(application=application, contact=contact, role=role)
        link.full_clean(validate_unique=False, validate_constraints=False)
        link.save()
        return link


# Offers live in their own module; imported here so Django registers the model with the app.
from .offers import Offer  # noqa: E402, F401
