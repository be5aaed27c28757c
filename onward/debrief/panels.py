"""Panels other apps add to a debrief's page, and the pages of the habits that live outside it.

The debrief sits below the apps that own some of its habits (wellbeing's mood check-in and
perspective, growth's skills, the insights): it names none of them. Each registers here, in its
``AppConfig.ready``, what the debrief page should show or link to.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from .taxonomy import Habit


@dataclass(frozen=True)
class Panel:
    """A section of the debrief page: ``template`` is rendered with ``panel``, the dict that
    ``context(request, debrief, forms)`` returns (``forms`` holds a bound form to show again
    with its errors). ``slot`` is "top" (under the header) or "steps" (after the lessons)."""

    name: str
    template: str
    context: Callable[..., dict]
    slot: str = "steps"


_panels: dict[str, Panel] = {}


def register_panel(panel: Panel) -> None:
    _panels[panel.name] = panel


def panels_for(request, debrief, slot: str, forms: dict) -> list[tuple[str, dict]]:
    return [
        (panel.template, panel.context(request, debrief, forms))
        for panel in _panels.values()
        if panel.slot == slot
    ]


# The page that helps with each habit. The network and the pipeline sit below the debrief and
# are named here; the apps above register their own.
_habit_pages: dict[str, str] = {
    Habit.KEEP_NETWORKING: "network:contact_list",
    Habit.KEEP_SEARCHING: "pipeline:board",
    Habit.LEAN_ON_SUPPORT: "network:support",
}


def register_habit_page(habit: str, url_name: str) -> None:
    _habit_pages[habit] = url_name


def habit_page(habit: str) -> str:
    """The URL of the page for ``habit`` ("" for a habit the debrief itself covers). A name
    that does not resolve is a bug, and fails loudly."""
    url_name = _habit_pages.get(habit)
    return reverse(url_name) if url_name else ""
