"""What follows a password change: the user's API tokens are revoked, since whoever knew the
old password may have made one."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_save, pre_save

from .models import revoke_api_tokens


def note_password_dropped(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    # set_unusable_password() (an account closed to password logins) leaves no mark the way
    # set_password() does, so compare with the stored password; only for a user being saved
    # with an unusable one, so an ordinary save costs no query.
    instance._onward_password_dropped = False
    if raw or instance.pk is None or instance.has_usable_password():
        return
    if update_fields is not None and "password" not in update_fields:
        return
    stored = sender._default_manager.filter(pk=instance.pk).values_list("password", flat=True)
    instance._onward_password_dropped = any(old != instance.password for old in stored)


def revoke_tokens_if_password_changed(sender, instance, created=False, raw=False, **kwargs) -> None:
    # set_password() keeps the new password in ``_password`` until the user is saved; every
    # path that sets one (the settings form, a reset link, `onward changepassword`, the admin,
    # a script) goes through it. Django clears it before saving a mere re-hash on login (a
    # stronger hasher), which is not a change; it is the same mark Django uses to tell its
    # password validators of a change.
    if raw or created:
        return
    dropped = getattr(instance, "_onward_password_dropped", False)
    if getattr(instance, "_password", None) is None and not dropped:
        return
    instance._onward_password_dropped = False
    revoke_api_tokens(instance)


def connect() -> None:
    User = get_user_model()
    pre_save.connect(
        note_password_dropped,
        sender=User,
        dispatch_uid="onward.accounts.note_password_dropped",
    )
    post_save.connect(
        revoke_tokens_if_password_changed,
        sender=User,
        dispatch_uid="onward.accounts.revoke_tokens_if_password_changed",
    )
