from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Project-wide pieces with no data of their own: the console commands and the home page."""

    name = "onward.core"
    label = "core"
