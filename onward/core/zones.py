"""Each user's time zone, for the layers that cannot know where it is kept.

Dated reminders fall due at 9:00 in the user's own zone, but the bottom layer imports no
domain app: the accounts app tells it how to find a user's zone (``set_user_zone``, called in
its ``AppConfig.ready``). Until then, the server's default zone applies."""

from collections.abc import Callable
from datetime import datetime, time, tzinfo

from django.utils import timezone

_user_zone: Callable[[object], tzinfo] | None = None


def set_user_zone(resolver: Callable[[object], tzinfo]) -> None:
    global _user_zone
    _user_zone = resolver


def user_zone(user) -> tzinfo:
    return _user_zone(user) if _user_zone else timezone.get_default_timezone()


def morning_of(user, day) -> datetime:
    """9:00 on ``day`` in the user's time zone: when a date-based reminder falls due."""
    return datetime.combine(day, time(9, 0), tzinfo=user_zone(user))
