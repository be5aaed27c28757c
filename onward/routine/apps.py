from django.apps import AppConfig


class RoutineConfig(AppConfig):
    name = "onward.routine"
    label = "routine"
    verbose_name = "Routine"

    def ready(self) -> None:
        from onward.pipeline.signals import search_won

        from .models import pause_after_win

        search_won.connect(pause_after_win, dispatch_uid="routine.pause_after_win")
