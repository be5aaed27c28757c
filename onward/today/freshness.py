"""Writes made outside a request (the CLI, ``onward work``) to what Today's cached figures
are counted from move the owner's data version on (onward.accounts.freshness); within a
request the middleware does it once for the whole request."""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import post_delete, post_save

from onward.accounts.freshness import bump, in_writing_request
from onward.core.reminders.models import Reminder
from onward.network.models import Interaction
from onward.pipeline.models import Interview, Stage, StageChange
from onward.routine.models import ActivityLog


def _owner(instance) -> int | None:
    if isinstance(instance, StageChange | Interview):
        return instance.application.user_id
    if isinstance(instance, Interaction):
        return instance.contact.user_id
    return instance.user_id


def _changed(sender, instance, **kwargs) -> None:
    if in_writing_request():  # the middleware moves the version on at the request's end
        return
    try:
        owner = _owner(instance)
    except ObjectDoesNotExist:  # the owner is being deleted too (a cascade)
        return
    bump(owner)


def connect() -> None:
    for model in (StageChange, Interview, Stage, Interaction, Reminder, ActivityLog):
        post_save.connect(_changed, sender=model, dispatch_uid=f"freshness-save-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"freshness-del-{model.__name__}")
