from django.apps import AppConfig


class PipelineConfig(AppConfig):
    name = "onward.pipeline"
    label = "pipeline"

    def ready(self) -> None:
        from onward.core.reminders import feed

        from .calendar import interview_events

        feed.register_source("interviews", interview_events)
