"""Numbers as people write them."""

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


@register.filter
def hours(value) -> str:
    """A duration in hours with no needless zeros: 2, 1.5, 1.25 (floatformat would round
    a quarter hour to one decimal, or pad a half hour to 1.50)."""
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return ""
    return f"{number:.2f}".rstrip("0").rstrip(".")
