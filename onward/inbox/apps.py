from django.apps import AppConfig


class InboxConfig(AppConfig):
    name = "onward.inbox"
    label = "inbox"
    verbose_name = "Inbox checks"

    def ready(self) -> None:
        from onward.core import work

        from .jobs import check_inboxes

        work.register(check_inboxes)
