"""What the write commands share: finding the user, reading dates, and turning a model's
ValidationError into one clear line and exit code 1."""

from contextlib import contextmanager
from datetime import date
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError


def user_named(username: str):
    try:
        return get_user_model().objects.get(username=username)
    except get_user_model().DoesNotExist as exc:
        raise CommandError(f"There is no user called {username!r}.") from exc


def day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"{value!r} is not a date (YYYY-MM-DD).") from exc


def decimal_argument(what: str):
    """An argparse type for a decimal number, refusing other text by saying what was wanted."""

    def parse(value: str) -> Decimal:
        try:
            return Decimal(value)
        except InvalidOperation as exc:
            raise CommandError(f"{value!r} is not {what}.") from exc

    return parse


@contextmanager
def refused_as_command_error():
    """The domain function's own refusal, with the field it names."""
    try:
        yield
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            reasons = [f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items()]
        else:
            reasons = exc.messages
        raise CommandError("Nothing was saved. " + "; ".join(reasons)) from exc
