"""People met along the search. Minimal for now; the network issue grows it into a small CRM."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from onward.pipeline.models import Application, OwnedQuerySet, company_key


class Contact(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    linkedin_url = models.URLField("LinkedIn URL", max_length=300, blank=True)
    # Plain text, not a link to Company: imported networks name thousands of companies the user
    # never applies to. company_key matches them to Company.name_key ("Do I know anyone here?").
    company_name = models.CharField("company", max_length=200, blank=True)
    company_key = models.CharField(max_length=200, editable=False, db_index=True, blank=True)
    title = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.company_key = company_key(self.company_name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("network:contact_detail", args=[self.pk])


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
        ordering = ["role", "contact__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "contact", "role"], name="application_contact_unique_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.contact} ({self.get_role_display()})"


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
    application = models.ForeignKey(
        Application,
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
