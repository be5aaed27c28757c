import hashlib
import logging
import secrets
import zoneinfo
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import OperationalError, models, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

TIME_ZONE_NAMES = frozenset(zoneinfo.available_timezones())
TIME_ZONE_CHOICES = [(name, name.replace("_", " ")) for name in sorted(TIME_ZONE_NAMES)]


class TimeZoneField(models.CharField):
    """A time zone's name, checked against this machine's time zone database. Not through
    `choices`: that list differs between machines and tzdata versions, and would be written
    into a migration, so a system update would look like a model change ("missing
    migrations"). In migrations it is a plain CharField."""

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if value not in TIME_ZONE_NAMES:
            raise ValidationError(
                "%(value)s is not a time zone this server knows (e.g. Europe/Berlin).",
                code="invalid_choice",
                params={"value": value},
            )

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs


class Profile(models.Model):
    """A job seeker's own settings. One per user, created on first use."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    time_zone = TimeZoneField(max_length=64, default="UTC")
    ghost_after_days = models.PositiveSmallIntegerField(
        default=21,
        help_text="An open application with no change for this many days is shown as 'no reply'.",
    )
    email_reminders = models.BooleanField(
        "email me when reminders fall due",
        default=True,
        # Shown on the settings page as it is: plain words, no markup.
        help_text="A short email listing what is due, when this server sends email and your "
        "account has an email address.",
    )
    theme = models.CharField(
        "colours",
        max_length=6,
        choices=[
            ("system", "Follow this device (light or dark)"),
            ("light", "Light"),
            ("dark", "Dark"),
        ],
        default="system",
    )

    signature = models.TextField(
        "email signature",
        max_length=500,
        blank=True,
        help_text="How your drafts sign off, e.g. your name and a phone number. Empty: your name.",
    )

    # Moves on with every write of the user's (onward.accounts.freshness): figures cached for
    # the user are keyed by it, so none is read again after the user has changed anything.
    data_version = models.PositiveBigIntegerField(default=0, editable=False)

    def __str__(self) -> str:
        return f"Profile of {self.user}"

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


def profile_for(user) -> Profile:
    """The user's profile, created on first use. Read once per user object (so once per
    request: the time-zone middleware reads it first) and kept on it."""
    try:
        return user.profile
    except Profile.DoesNotExist:
        profile, _ = Profile.objects.get_or_create(
            user=user,
            defaults={
                "time_zone": settings.TIME_ZONE,
                "ghost_after_days": settings.ONWARD_GHOST_AFTER_DAYS,
            },
        )
        user.profile = profile
        return profile


# How often a token's "last used" time is written (the settings page shows it to the hour).
LAST_USED_EVERY = timedelta(hours=1)


def display_name(user) -> str:
    """The name the user goes by: first and last name, else the username."""
    return user.get_full_name().strip() or user.get_username()


def sender_values(user) -> dict[str, str]:
    """The draft placeholders about the sender: their name and how they sign."""
    name = display_name(user)
    return {"my_name": name, "signature": profile_for(user).signature.strip() or name}


# How long a new API token lasts, in days (0: until revoked); the settings form offers these,
# the CLI takes any number of days up to the longest.
TOKEN_LIFETIMES = [
    (7, "7 days"),
    (30, "30 days"),
    (90, "90 days"),
    (365, "1 year"),
    (0, "Never (until you revoke it)"),
]
DEFAULT_TOKEN_DAYS = 90
LONGEST_TOKEN_DAYS = 3650


class TokenExpired(Exception):
    """An API token that was real but whose time is up."""

    def __init__(self, token: "ApiToken"):
        super().__init__(f"API token {token.prefix}… expired")
        self.token = token


class ApiTokenQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)


class ApiToken(models.Model):
    """A token for the REST API and scripts. Only a hash is stored; the token is shown once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=8, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    # None: the token lasts until it is revoked (or its owner's password changes).
    expires_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @classmethod
    def issue(
        cls, user, name: str, days: int | None = DEFAULT_TOKEN_DAYS
    ) -> tuple["ApiToken", str]:
        """A new token for ``user`` lasting ``days`` days (0 or None: until revoked), and its
        secret, which is not stored and so can be shown only now."""
        name, days = name.strip(), days or 0
        if not name or len(name) > 100:
            raise ValidationError({"name": "Give the token a name of at most 100 characters."})
        if not 0 <= days <= LONGEST_TOKEN_DAYS:
            raise ValidationError(
                {"expires_at": f"Choose between 1 and {LONGEST_TOKEN_DAYS} days, or 0 for never."}
            )
        raw = "onw_" + secrets.token_urlsafe(32)
        now = timezone.now()
        token = cls.objects.create(
            user=user,
            name=name,
            prefix=raw[4:12],
            digest=cls.hash(raw),
            created_at=now,
            expires_at=now + timedelta(days=days) if days else None,
        )
        return token, raw

    @classmethod
    def user_for(cls, raw: str):
        """The active user the token belongs to, or None for no such token; raises
        TokenExpired for a token whose time is up, so the caller can say so."""
        token = cls.objects.select_related("user").filter(digest=cls.hash(raw)).first()
        if token is None or not token.user.is_active:
            return None
        if token.has_expired():
            raise TokenExpired(token)
        token.note_use()
        return token.user

    def has_expired(self, now=None) -> bool:
        return self.expires_at is not None and self.expires_at <= (now or timezone.now())

    def note_use(self, now=None) -> None:
        """Record when the token was last used, at most once every LAST_USED_EVERY: a read
        must not write (on SQLite a write waits for any other writer). Never fails the request:
        on a busy database the next use records it."""
        now = now or timezone.now()
        if self.last_used_at is not None and now - self.last_used_at < LAST_USED_EVERY:
            return
        try:
            with transaction.atomic():
                ApiToken.objects.filter(pk=self.pk).update(last_used_at=now)
        except OperationalError:
            logger.warning("Could not record the use of API token %s: database busy", self.pk)
            return
        self.last_used_at = now


def revoke_api_tokens(user) -> int:
    """Revoke all of the user's API tokens (their password changed: whoever knew the old one
    may have made a token). Returns how many there were."""
    deleted, _ = ApiToken.objects.filter(user=user).delete()
    return deleted


@transaction.atomic
def start_account(user) -> None:
    """Set up a newly created user: their profile, and whatever the apps above add (the
    sign-up page, the first-run setup and ``onward init`` all start accounts here)."""
    from .signals import account_started

    profile_for(user)
    account_started.send(sender=type(user), user=user)


# Django finds it here; it lives beside the code that uses it.
from .signup_limits import AccountMail, SignupAttempt  # noqa: E402, F401
