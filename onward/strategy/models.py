"""Deliberate changes to the search (experiments) and the user's grouping of role titles."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from onward.core.owned import OwnedQuerySet


class ChangeKind(models.TextChoices):
    RESUME = "resume", "New résumé version"
    ROLES = "roles", "Different target roles"
    REFERRALS = "referrals", "More referrals"
    CHANNEL = "channel", "A new channel"
    OTHER = "other", "Something else"


class Experiment(models.Model):
    """A change the user made on purpose, from a start date, and what they expect from it.

    Onward compares applications sent before the start date with those sent from it on
    (up to the end date, if the experiment has one).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    title = models.CharField(max_length=200)
    change_kind = models.CharField(
        "kind of change", max_length=20, choices=ChangeKind.choices, default=ChangeKind.OTHER
    )
    description = models.TextField("what you are changing", blank=True)
    expectation = models.TextField(
        "what you expect", blank=True, help_text="For example: more replies from recruiters."
    )
    started_on = models.DateField("start date", default=timezone.localdate)
    ended_on = models.DateField(
        "end date", null=True, blank=True, help_text="Leave empty while it is still running."
    )
    conclusion = models.TextField(
        "your conclusion", blank=True, help_text="What you decided, once the numbers are in."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("strategy:experiment_detail", args=[self.pk])

    def clean(self):
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": "The end date cannot be before the start date."})

    @property
    def status(self) -> str:
        today = timezone.localdate()
        if self.started_on > today:
            return "planned"
        if self.ended_on and self.ended_on < today:
            return "ended"
        return "running"


def split_keywords(text: str) -> list[str]:
    return [word.strip() for word in re.split(r"[,\n]", text) if word.strip()]


class TitleGroup(models.Model):
    """A named group of role titles: a title belongs to the first group (by position, then
    name) with a keyword it contains, ignoring case."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    name = models.CharField(max_length=100)
    keywords = models.CharField(
        max_length=500,
        help_text="Comma-separated words found in the titles, e.g. 'backend, platform, api'.",
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Lower numbers are matched first when a title fits two groups."
    )

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="titlegroup_unique_name_per_user")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if not split_keywords(self.keywords or ""):
            raise ValidationError({"keywords": "Give at least one keyword."})

    @property
    def keyword_list(self) -> list[str]:
        return split_keywords(self.keywords)

    def matches_q(self, field: str = "title") -> Q:
        q = Q()
        for word in self.keyword_list:
            q |= Q(**{f"{field}__icontains": word})
        return q
