"""Sections other apps add to an application's page.

The pipeline sits below the apps that hold more about an application (the documents sent with
it): it names none of them. Each registers a Panel here in its ``AppConfig.ready``; the page
renders ``template`` with ``panel``, the dict ``context(request, application)`` returns.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    name: str
    template: str
    context: Callable[..., dict]


_panels: dict[str, Panel] = {}


def register_panel(panel: Panel) -> None:
    _panels[panel.name] = panel


def panels_for(request, application) -> list[tuple[str, dict]]:
    return [(p.template, p.context(request, application)) for p in _panels.values()]
