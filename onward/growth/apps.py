from django.apps import AppConfig


class GrowthConfig(AppConfig):
    name = "onward.growth"
    label = "growth"
    verbose_name = "Growth"
