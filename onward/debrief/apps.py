from django.apps import AppConfig


class DebriefConfig(AppConfig):
    name = "onward.debrief"
    label = "debrief"

    def ready(self) -> None:
        from onward.pipeline.signals import application_moved, move_corrected

        from . import draft_kinds  # noqa: F401  (registers the debrief's kinds of draft)
        from .receivers import follow_corrected_loss, open_debrief_on_loss

        application_moved.connect(open_debrief_on_loss, dispatch_uid="debrief.open_debrief_on_loss")
        move_corrected.connect(follow_corrected_loss, dispatch_uid="debrief.follow_corrected_loss")
