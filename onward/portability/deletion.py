"""Deleting an account and everything it owns."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from .catalogue import specs
from .exporting import owned


@transaction.atomic
def delete_records(user) -> int:
    """Delete every record the user owns, newest kinds first (a stage or company is protected
    while an application uses it, so the applications go before them). Returns how many."""
    deleted = 0
    for spec in reversed(specs()):
        deleted += owned(spec, user).delete()[0]
    return deleted


def is_only_account(user) -> bool:
    return not get_user_model().objects.exclude(pk=user.pk).exists()


@transaction.atomic
def delete_account(user, password: str) -> int:
    """Delete ``user`` with everything they own, once their password is confirmed: their
    records, API tokens, calendar feed, mailbox, coach shares (both ways), the record of their
    log-in attempts, and the account itself. Returns how many rows went."""
    if not password or not user.check_password(password):
        raise ValidationError({"password": "That is not your password."})
    deleted = delete_records(user)
    # django-axes keeps failed and successful log-ins by user name (and address).
    for name in ("axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog"):
        deleted += apps.get_model(name).objects.filter(username=user.get_username()).delete()[0]
    # The rest (tokens, calendar feed, mailbox, coach shares) goes with the user row.
    deleted += user.delete()[0]
    return deleted
