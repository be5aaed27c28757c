from django.apps import AppConfig


class TodayConfig(AppConfig):
    """The top of the product: the Today page and the weekly review, composed from the apps
    below (nothing imports this app but the URLs)."""

    name = "onward.today"
    label = "today"

    def ready(self) -> None:
        from .freshness import connect

        connect()
