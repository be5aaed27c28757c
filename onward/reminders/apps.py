from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "onward.reminders"
    label = "reminders"
