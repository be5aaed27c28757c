from django.apps import AppConfig


class DebriefConfig(AppConfig):
    name = "onward.debrief"
    label = "debrief"

    def ready(self) -> None:
        from onward.pipeline.signals import application_moved

        from . import draft_kinds  # noqa: F401  (registers the debrief's kinds of draft)
        from .receivers import open_debrief_on_loss

        application_moved.connect(open_debrief_on_loss, dispatch_uid="debrief.open_debrief_on_loss")
