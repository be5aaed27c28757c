"""People met along the search: a small personal CRM with interactions and stay-in-touch
cadences. A contact's "last contacted" comes from its interactions; its next follow-up is a
Reminder (kind follow_up) kept in step by :meth:`Contact.sync_follow_up`."""

import re
import unicodedata
from datetime import date, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Max, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from onward.core.naming import company_key
from onward.core.owned import OwnedQuerySet
from onward.core.reminders.models import Reminder, ReminderKind

# The oldest date an interaction may carry: anything earlier is a typo.
EARLIEST_INTERACTION = date(1950, 1, 1)
CADENCE_CHOICES = [(weeks, f"Every {weeks} weeks") for weeks in (2, 4, 8, 12)]
FOLLOW_UP_KEY_PREFIX = "cadence:"


def name_key(name: str) -> str:
    """A person's name reduced for matching: case, accents and spacing ignored."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(c for c in folded if not unicodedata.combining(c)).split())[:200]


def normalise_linkedin(url: str) -> str:
    """One spelling per LinkedIn profile: https, www host, lower case, no query or slash."""
    url = url.strip()
    if not url:
        return ""
    parts = urlsplit(url if "://" in url else f"https://{url}")
    host = (parts.hostname or "").lower()
    if not (host == "linkedin.com" or host.endswith(".linkedin.com")):
        return url
    path = re.sub(r"/+", "/", parts.path).rstrip("/").lower()
    return f"https://www.linkedin.com{path}"


class Relationship(models.TextChoices):
    INTERVIEWER = "interviewer", "Interviewer"
    RECRUITER = "recruiter", "Recruiter"
    HIRING_MANAGER = "hiring_manager", "Hiring manager"
    REFERRER = "referrer", "Referrer"
    MENTOR = "mentor", "Mentor"
    PEER = "peer", "Peer"
    FRIEND = "friend", "Friend"
    FORMER_COLLEAGUE = "former_colleague", "Former colleague"


class TagQuerySet(OwnedQuerySet):
    def named(self, user, names) -> list["Tag"]:
        """The user's tags with these names, created as needed (case kept from first use)."""
        wanted = {name.casefold(): name for name in names if name}
        # A person has a handful of tags: compare them all, case-insensitively.
        found = {t.name.casefold(): t for t in self.for_user(user).order_by("-pk")}
        missing = [n for k, n in wanted.items() if k not in found]
        if missing:
            self.bulk_create([Tag(user=user, name=n) for n in missing], ignore_conflicts=True)
            found = {t.name.casefold(): t for t in self.for_user(user).order_by("-pk")}
        return [found[k] for k in wanted if k in found]


class Tag(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    name = models.CharField(max_length=50)

    objects = TagQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["user", "name"], name="tag_unique_name")]

    def __str__(self) -> str:
        return self.name


def parse_tags(text: str) -> list[str]:
    """Comma-separated tags, trimmed, each once, at most 50 characters."""
    seen: dict[str, str] = {}
    for part in text.split(","):
        tag = " ".join(part.split())[:50]
        if tag:
            seen.setdefault(tag.casefold(), tag)
    return list(seen.values())


class ContactQuerySet(OwnedQuerySet):
    def at_company(self, company):
        """Contacts working at ``company`` (names compared after normalisation)."""
        if not company.name_key:
            return self.none()
        return self.filter(company_key=company.name_key)

    def known_at(self, company, limit: int = 12) -> dict:
        """ "Do I know anyone here?": the first ``limit`` contacts at ``company`` (one query),
        and whether there are more."""
        people = list(
            self.at_company(company).with_last_contacted().order_by("name", "pk")[: limit + 1]
        )
        return {"company": company, "people": people[:limit], "more": len(people) > limit}

    def with_last_contacted(self):
        return self.annotate(last_contacted_on=Max("interactions__happened_on"))

    def with_next_follow_up(self):
        """Annotate ``next_follow_up_at``: when the open stay-in-touch follow-up falls due."""
        follow_ups = (
            Reminder.objects.open()
            .with_next_due()
            .filter(
                kind=ReminderKind.FOLLOW_UP,
                content_type=ContentType.objects.get_for_model(Contact),
                object_id=OuterRef("pk"),
            )
            .order_by("next_due_at")
            .values("next_due_at")[:1]
        )
        return self.annotate(next_follow_up_at=Subquery(follow_ups))

    def overdue(self, now=None):
        """Contacts whose stay-in-touch follow-up has come due."""
        due = (
            Reminder.objects.due(now)
            .filter(
                kind=ReminderKind.FOLLOW_UP,
                content_type=ContentType.objects.get_for_model(Contact),
            )
            .values("object_id")
        )
        return self.filter(pk__in=due)


class Contact(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    name = models.CharField(max_length=200)
    name_key = models.CharField(max_length=200, editable=False, db_index=True, blank=True)
    email = models.EmailField(blank=True, db_index=True)
    phone = models.CharField(max_length=50, blank=True)
    linkedin_url = models.URLField("LinkedIn URL", max_length=300, blank=True, db_index=True)
    # Plain text, not a link to Company: imported networks name thousands of companies the user
    # never applies to. company_key matches them to Company.name_key ("Do I know anyone here?").
    company_name = models.CharField("company", max_length=200, blank=True)
    company_key = models.CharField(max_length=200, editable=False, db_index=True, blank=True)
    title = models.CharField(max_length=200, blank=True)
    relationship = models.CharField(max_length=20, choices=Relationship.choices, blank=True)
    support_circle = models.BooleanField(
        "in my support circle",
        default=False,
        help_text="Mentors and friends you can lean on for advice and encouragement.",
    )
    how_we_met = models.CharField("how we met", max_length=300, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="contacts")
    notes = models.TextField(blank=True)
    connected_on = models.DateField("connected on LinkedIn", null=True, blank=True)
    cadence_weeks = models.PositiveSmallIntegerField(
        "stay in touch every (weeks)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(104)],
    )
    # When the cadence was set: the first follow-up counts from here if nothing was logged since.
    cadence_since = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["user", "support_circle"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.fill_keys()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "name_key", "company_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("network:contact_detail", args=[self.pk])

    def fill_keys(self) -> None:
        """The derived matching fields (save() does this; bulk imports set them directly)."""
        self.email = self.email.strip().lower()
        self.linkedin_url = normalise_linkedin(self.linkedin_url)
        self.name_key = name_key(self.name)
        self.company_key = company_key(self.company_name)

    # --- Stay in touch --------------------------------------------------------------------

    @property
    def last_interaction(self) -> "Interaction | None":
        return self.interactions.order_by("-happened_on", "-pk").first()

    def follow_up_due_on(self, last_contacted: date | None = None) -> date | None:
        """The day the next follow-up is due: a cadence after the last interaction (or after
        the cadence was set, when nothing was logged since)."""
        if not self.cadence_weeks:
            return None
        if last_contacted is None:
            last = self.last_interaction
            last_contacted = last.happened_on if last else None
        starts = [d for d in (last_contacted, self.cadence_since) if d]
        base = max(starts) if starts else timezone.localdate()
        return base + timedelta(weeks=self.cadence_weeks)

    def next_follow_up(self):
        """The open stay-in-touch reminder, if there is one."""
        return (
            Reminder.objects.for_target(self)
            .open()
            .filter(kind=ReminderKind.FOLLOW_UP)
            .order_by("due_at")
            .first()
        )

    @transaction.atomic
    def sync_follow_up(self):
        """Keep exactly one open follow-up, due a cadence after the last contact (idempotent).

        The reminder's key is its due date, so calling this again changes nothing; a new
        interaction moves the date, which replaces the open follow-up with the next one. A
        follow-up the user marked done stays done.
        """
        from onward.core.zones import morning_of

        due_on = self.follow_up_due_on()
        open_ones = Reminder.objects.for_target(self).open().filter(kind=ReminderKind.FOLLOW_UP)
        if due_on is None:
            open_ones.delete()
            return None
        key = f"{FOLLOW_UP_KEY_PREFIX}{due_on.isoformat()}"
        open_ones.exclude(key=key).delete()
        return Reminder.objects.ensure(
            user=self.user,
            kind=ReminderKind.FOLLOW_UP,
            target=self,
            key=key,
            due_at=morning_of(self.user, due_on),
            title=f"Get in touch with {self.name}"[:200],
            notes=f"You wanted to stay in touch every {self.cadence_weeks} weeks.",
        )

    def set_cadence(self, weeks: int | None, *, today: date | None = None):
        """Stay in touch every ``weeks`` weeks (None: stop), and schedule the next follow-up."""
        since = self.cadence_since if weeks else None
        if weeks and not since:
            since = today or timezone.localdate()
        if (weeks, since) != (self.cadence_weeks, self.cadence_since):
            self.cadence_weeks, self.cadence_since = weeks, since
            self.save(update_fields=["cadence_weeks", "cadence_since"])
        return self.sync_follow_up()

    @transaction.atomic
    def remove(self) -> None:
        """Delete the person and every reminder about them (the web and the API delete here)."""
        Reminder.objects.for_target(self).delete()
        self.delete()

    def log_interaction(self, **fields) -> "Interaction":
        """Record a touch with this person; the stay-in-touch clock starts again."""
        interaction = Interaction(contact=self, **fields)
        interaction.full_clean()
        with transaction.atomic():
            interaction.save()
            self.sync_follow_up()
        return interaction


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    LINKEDIN = "linkedin", "LinkedIn"
    CALL = "call", "Call"
    VIDEO = "video", "Video call"
    COFFEE = "coffee", "Coffee"
    EVENT = "event", "Event"
    OTHER = "other", "Other"


class InteractionQuerySet(OwnedQuerySet):
    owner_field = "contact__user"


class Interaction(models.Model):
    """One touch with a contact. A contact's "last contacted" is derived from these."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="interactions")
    happened_on = models.DateField("date", default=timezone.localdate)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    summary = models.TextField(blank=True)
    # Named, not imported: applications sit above people (the pipeline links to contacts).
    application = models.ForeignKey(
        "pipeline.Application",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interactions",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = InteractionQuerySet.as_manager()

    class Meta:
        ordering = ["-happened_on", "-pk"]
        indexes = [models.Index(fields=["contact", "-happened_on"])]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} with {self.contact} on {self.happened_on}"

    def get_absolute_url(self) -> str:
        return reverse("network:contact_detail", args=[self.contact_id]) + f"#interaction-{self.pk}"

    def clean(self):
        errors = {}
        if self.happened_on:
            if self.happened_on > timezone.localdate():
                errors["happened_on"] = (
                    "An interaction cannot be in the future. Log it once it happened."
                )
            elif self.happened_on < EARLIEST_INTERACTION:
                errors["happened_on"] = "That date is too far in the past to be right."
        if (
            self.application_id
            and self.contact_id
            and self.application.user_id != self.contact.user_id
        ):
            errors["application"] = "That application belongs to someone else."
        if errors:
            raise ValidationError(errors)
