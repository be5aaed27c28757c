"""What every router shares: validation through the models, the owner, aware datetimes."""

from datetime import date, datetime
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from ninja import Schema
from ninja.pagination import PageNumberPagination
from pydantic import ConfigDict, field_validator

from onward.network.models import EARLIEST_INTERACTION

# Dates the API accepts: one before 1950 is a typo (and one far enough back overflows a time
# zone conversion); the upper bound only keeps dates sane where the models allow the future.
EARLIEST = EARLIEST_INTERACTION
LATEST = date(2999, 12, 31)


class InSchema(Schema):
    """Input bodies reject unknown fields, so a typo is a 422 rather than silently ignored,
    and text with a NUL character (which PostgreSQL cannot store), as Django's forms do."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def no_nul(cls, value: Any) -> Any:
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("Null characters are not allowed.")
        return value


class Pagination(PageNumberPagination):
    """``?page=2&page_size=50``; answers ``{"items": [...], "count": N}``."""

    def __init__(self, **kwargs):
        super().__init__(page_size=settings.ONWARD_PAGE_SIZE, max_page_size=200, **kwargs)


def owner(request):
    """The user the token belongs to."""
    return request.auth


def aware(value: datetime | None) -> datetime | None:
    """A datetime sent without an offset is read in the user's time zone (as on the web)."""
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


ModelT = TypeVar("ModelT", bound=models.Model)


def validated(instance: ModelT, exclude: list[str] | None = None) -> ModelT:
    """Run the model's own validation (field validators and clean()); raises ValidationError,
    which the API answers with a 422."""
    instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    return instance


def not_found(what: str, field: str) -> ValidationError:
    """A reference in a body to something the user does not have (missing or someone else's:
    the answer is the same, so it tells nothing about other users)."""
    return ValidationError({field: f"No such {what}."})
