from django.apps import AppConfig


class InsightsConfig(AppConfig):
    """Strategy insights: plain metric functions over querysets. No models of its own."""

    name = "onward.insights"
    label = "insights"
