from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "onward.core.reminders"
    label = "reminders"

    def ready(self):
        from onward.core import work

        from .jobs import email_due_reminders

        work.register(email_due_reminders)
