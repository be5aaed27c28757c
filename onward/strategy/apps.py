from django.apps import AppConfig


class StrategyConfig(AppConfig):
    """What the user changes on purpose: strategy experiments and role-title groups."""

    name = "onward.strategy"
    label = "strategy"
