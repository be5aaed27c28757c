"""A job seeker's consent for a coach to read their strategy report.

Onward is strictly one owner per object; this is the one deliberate opening: the job seeker
gives a coach (another account on the same server) an invitation link; once the coach accepts
it, they may read that seeker's strategy report, nothing else, until the seeker withdraws it."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone


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


class InvitationInvalid(Exception):
    """The link is unknown, used, withdrawn or expired: one answer for all, telling nothing."""

    def __str__(self) -> str:
        return (
            "This invitation link does not work any more: it has been used, withdrawn or has "
            "expired. Ask the person who sent it for a new one."
        )


class CoachInvitationQuerySet(models.QuerySet):
    def given_by(self, seeker):
        return self.filter(seeker=seeker)

    def pending(self, now=None):
        return self.filter(accepted_at__isnull=True, expires_at__gt=now or timezone.now())


class CoachInvitation(models.Model):
    """A link a job seeker gives their coach: whoever opens it while logged in and accepts
    becomes their coach. Single-use, expiring (ONWARD_COACH_INVITATION_DAYS), withdrawable,
    and stored only as a hash: the link is shown once. No username is ever asked for, so the
    sharing form tells nobody which names exist."""

    seeker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coach_invitations"
    )
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = CoachInvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"coach invitation from {self.seeker}"

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @classmethod
    def issue(cls, seeker) -> tuple["CoachInvitation", str]:
        raw = secrets.token_urlsafe(32)
        invitation = cls.objects.create(
            seeker=seeker,
            digest=cls.hash(raw),
            expires_at=timezone.now() + timedelta(days=settings.ONWARD_COACH_INVITATION_DAYS),
        )
        return invitation, raw

    @classmethod
    def usable(cls, raw: str) -> "CoachInvitation":
        """The pending invitation behind a link, else InvitationInvalid."""
        invitation = (
            cls.objects.pending()
            .filter(digest=cls.hash(raw), seeker__is_active=True)
            .select_related("seeker")
            .first()
        )
        if invitation is None:
            raise InvitationInvalid()
        return invitation

    @classmethod
    def accept(cls, raw: str, coach) -> CoachAccess:
        """The coach accepts: one atomic step, so a link is used once even when opened twice
        at the same moment (the row is locked; on SQLite the write lock serialises)."""
        with transaction.atomic():
            invitation = cls.objects.select_for_update(of=("self",)).filter(
                pk=cls.usable(raw).pk, accepted_at__isnull=True
            )
            found = invitation.select_related("seeker").first()
            if found is None:
                raise InvitationInvalid()
            if found.seeker_id == coach.pk:
                raise ValidationError("This is your own invitation: give the link to your coach.")
            found.accepted_at = timezone.now()
            found.accepted_by = coach
            found.save(update_fields=["accepted_at", "accepted_by"])
            grant, _ = CoachAccess.objects.get_or_create(seeker=found.seeker, coach=coach)
        return grant
