"""How an experiment is judged: the before/after comparison of the funnel, which the insights
compute (they sit above this app, so they hand the function down in their ``ready()``)."""

from collections.abc import Callable

_compare: Callable | None = None


def set_compare(compare: Callable) -> None:
    global _compare
    _compare = compare


def compare(user, started_on, ended_on):
    """The insights' ``compare`` (None when the insights app is not installed)."""
    return _compare(user, started_on, ended_on) if _compare else None
