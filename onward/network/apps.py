from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "onward.network"
    label = "network"

    def ready(self) -> None:
        # Registers the "ask for support" kinds with the debrief's drafting mechanism.
        from . import drafts  # noqa: F401
