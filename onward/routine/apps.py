from django.apps import AppConfig


class RoutineConfig(AppConfig):
    name = "onward.routine"
    label = "routine"
    verbose_name = "Routine"
