"""What every router shares: validation through the models, the owner, aware datetimes."""

from datetime import date, datetime
from typing import Annotated, Any, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination
from pydantic import ConfigDict, field_validator

from onward.network.models import EARLIEST_INTERACTION

# Dates the API accepts: one before 1950 is a typo (and one far enough back overflows a time
# zone conversion); the upper bound only keeps dates sane where the models allow the future.
EARLIEST = EARLIEST_INTERACTION
LATEST = date(2999, 12, 31)

# The largest integer either database stores (a signed 64-bit column): a bigger id in a query
# overflowed SQLite's driver (a 500), so the API refuses it with a 422 before any query.
MAX_INT = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_INT)]
# Far beyond any real list, and small enough that (page - 1) * page size stays a database integer.
MAX_PAGE = 1_000_000


class InSchema(Schema):
    """Input bodies reject unknown fields, so a typo is a 422 rather than silently ignored,
    text with a NUL character (which PostgreSQL cannot store), as Django's forms do, and any
    integer too large for a database column (alone or in a list)."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def storable(cls, value: Any) -> Any:
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("Null characters are not allowed.")
        for number in value if isinstance(value, list) else [value]:
            if isinstance(number, int) and not -MAX_INT <= number <= MAX_INT:
                raise ValueError(f"Numbers must be between -{MAX_INT} and {MAX_INT}.")
        return value


class Pagination(PageNumberPagination):
    """``?page=2&page_size=50``; answers ``{"items": [...], "count": N}``. A page past the end
    is an empty list; a page number beyond ``MAX_PAGE`` is a 422."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=MAX_INT)

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
