from django.apps import AppConfig


class WellbeingConfig(AppConfig):
    name = "onward.wellbeing"
    label = "wellbeing"
    verbose_name = "Wellbeing"
