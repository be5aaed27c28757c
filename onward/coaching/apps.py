from django.apps import AppConfig


class CoachingConfig(AppConfig):
    name = "onward.coaching"
    verbose_name = "Coaching"
