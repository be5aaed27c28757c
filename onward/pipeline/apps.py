from django.apps import AppConfig


class PipelineConfig(AppConfig):
    name = "onward.pipeline"
    label = "pipeline"

    def ready(self) -> None:
        from onward.accounts.signals import account_started
        from onward.core.reminders import feed
        from onward.network import actions

        from .calendar import interview_events
        from .closeout import closeout_on_win
        from .models import give_default_stages
        from .signals import application_moved
        from .support_drafts import support_actions

        account_started.connect(give_default_stages, dispatch_uid="pipeline.default_stages")
        feed.register_source("interviews", interview_events)
        # A person's page and the support circle offer the drafts that ask for support.
        actions.register(support_actions)
        # Moving into a won stage opens the close-out.
        application_moved.connect(closeout_on_win, dispatch_uid="pipeline.closeout_on_win")
