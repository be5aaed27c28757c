from django.apps import AppConfig


class PortabilityConfig(AppConfig):
    """Your data in and out: the full export, importing it, deleting an account, backups.

    It walks every app's models, so it sits at the top with the API, Today and coaching."""

    name = "onward.portability"
    label = "portability"
