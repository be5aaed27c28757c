"""A job seeker's consent for a coach to read their strategy report.

Onward is strictly one owner per object; this is the one deliberate opening: the job seeker
names a coach (another account on the same server), who may then read that seeker's strategy
report, nothing else, until the seeker withdraws it."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class CoachAccessQuerySet(models.QuerySet):
    def given_by(self, seeker):
        """The coaches a job seeker shares with."""
        return self.filter(seeker=seeker)

    def held_by(self, coach):
        """The job seekers who share with a coach."""
        return self.filter(coach=coach)


class CoachAccess(models.Model):
    seeker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coach_grants"
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coachee_grants"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CoachAccessQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["seeker", "coach"], name="one_grant_per_coach"),
            models.CheckConstraint(condition=~Q(seeker=F("coach")), name="no_self_coaching"),
        ]

    def __str__(self) -> str:
        return f"{self.coach} coaches {self.seeker}"
