from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "onward.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.core import checks

        from onward.core import zones

        from . import passwords
        from .checks import signup_needs_mail
        from .models import profile_for

        passwords.connect()
        checks.register(signup_needs_mail)

        # The bottom layer dates reminders in the user's zone, which the profile keeps.
        zones.set_user_zone(lambda user: profile_for(user).zone)
