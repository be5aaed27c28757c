"""What follows a password change: the user's API tokens are revoked, since whoever knew the
old password may have made one."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_save

from .models import revoke_api_tokens


def revoke_tokens_if_password_changed(sender, instance, created=False, raw=False, **kwargs) -> None:
    # set_password() keeps the new password in ``_password`` until the user is saved; every
    # path that changes one (the settings form, `onward changepassword`, the admin, a script)
    # goes through it. Django clears it before saving a mere re-hash on login (a stronger
    # hasher), which is not a change; it is the same mark Django uses to tell its password
    # validators of a change.
    if raw or created or getattr(instance, "_password", None) is None:
        return
    revoke_api_tokens(instance)


def connect() -> None:
    post_save.connect(
        revoke_tokens_if_password_changed,
        sender=get_user_model(),
        dispatch_uid="onward.accounts.revoke_tokens_if_password_changed",
    )
