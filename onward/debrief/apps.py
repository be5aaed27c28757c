from django.apps import AppConfig


class DebriefConfig(AppConfig):
    name = "onward.debrief"
    label = "debrief"
