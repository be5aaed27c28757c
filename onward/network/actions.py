"""Links other apps add to a person's page and to the support circle (the pipeline's drafts
asking for advice or a referral): the network sits below them and names none."""

from collections.abc import Callable
from typing import Any

# Each takes a contact and returns (label, url) pairs.
ContactActions = Callable[[Any], list[tuple[str, str]]]
_providers: list[ContactActions] = []


def register(provider: ContactActions) -> None:
    if provider not in _providers:
        _providers.append(provider)


def actions_for(contact) -> list[tuple[str, str]]:
    return [action for provider in _providers for action in provider(contact)]
