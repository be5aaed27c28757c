"""Date sanity shared by every model that records when something happened."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

# Dates before this are typing mistakes (and near year 1 they overflow in other time zones).
EARLIEST_YEAR = 1990


def check_not_absurd(value, *, future_days: int | None = None) -> None:
    """Refuse a datetime no job search can have: decades ago, or years ahead."""
    if value.year < EARLIEST_YEAR:
        raise ValidationError("That date is too far in the past to be right.")
    if future_days is not None and value > timezone.now() + timedelta(days=future_days):
        raise ValidationError("That date is too far in the future to be right.")
