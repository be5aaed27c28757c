"""Dates as the tables show them, many rows at a time."""

from datetime import date, datetime
from functools import lru_cache

from django import template
from django.utils import dateformat
from django.utils.translation import get_language

register = template.Library()


@register.filter(expects_localtime=True)
def day(value) -> str:
    """The day of a date, or of a moment in the user's time zone, as "4 Dec 2026": what
    ``|date:"j M Y"`` shows. Each day is formatted once per language: a table's rows share a
    few days, and Django's formatting took half of a row's rendering time."""
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        return ""
    return _formatted_day(value, get_language())


@lru_cache(maxsize=4096)
def _formatted_day(value: date, language: str | None) -> str:
    return dateformat.format(value, "j M Y")
