"""Correcting an application's history: re-date a move (a drag records "now"; the news may
have come days ago) or remove one recorded by mistake.

The history stays in order (each move after the one before it) and honest: every correction
is kept as a StageChangeCorrection saying who changed what, when, and what it said before.
The web, the API and the CLI correct through these two functions.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from onward.core.dates import check_not_absurd

from .models import Application, StageChange, StageChangeCorrection
from .signals import move_corrected


def _describe(change: StageChange) -> str:
    start = change.from_stage.name if change.from_stage else "start"
    return f"{start} → {change.to_stage.name}"[:130]


def _neighbours(change: StageChange) -> tuple[StageChange | None, StageChange | None]:
    moves = list(
        change.application.stage_changes.select_related("from_stage", "to_stage").order_by(
            "changed_at", "pk"
        )
    )
    index = next(i for i, move in enumerate(moves) if move.pk == change.pk)
    before = moves[index - 1] if index > 0 else None
    after = moves[index + 1] if index + 1 < len(moves) else None
    return before, after


def _sync_application(application: Application) -> None:
    """The application's stage and stage date follow its newest move."""
    last = application.stage_changes.order_by("-changed_at", "-pk").first()
    if last is None:
        return
    application.stage_id = last.to_stage_id
    application.stage_changed_at = last.changed_at
    application.save(update_fields=["stage", "stage_changed_at", "updated_at"])


def _when(value) -> str:
    return f"{timezone.localtime(value):%d %b %Y %H:%M}"


@transaction.atomic
def redate_move(change: StageChange, when, *, by) -> StageChange:
    """Give a move the date it really happened. It must stay after the move before it and
    before the move after it, and may not be in the future."""
    application = Application.objects.select_for_update().get(pk=change.application_id)
    change = StageChange.objects.select_related("from_stage", "to_stage", "application").get(
        pk=change.pk
    )
    if when > timezone.now() + timedelta(minutes=5):
        raise ValidationError({"when": "A move cannot be dated in the future."})
    try:
        check_not_absurd(when)
    except ValidationError as exc:
        raise ValidationError({"when": exc.messages}) from None
    before, after = _neighbours(change)
    if before and when < before.changed_at:
        limit = _when(before.changed_at)
        raise ValidationError({"when": f"It cannot come before the move before it ({limit})."})
    if after and when > after.changed_at:
        limit = _when(after.changed_at)
        raise ValidationError({"when": f"It cannot come after the move after it ({limit})."})
    old = change.changed_at
    if when == old:
        return change
    StageChangeCorrection.objects.create(
        application=application,
        stage_change=change,
        action=StageChangeCorrection.Action.REDATED,
        move=_describe(change),
        old_changed_at=old,
        new_changed_at=when,
        corrected_by=by,
    )
    # The one place a recorded move changes (StageChange.save() refuses it).
    StageChange.objects.filter(pk=change.pk).update(changed_at=when)
    change.changed_at = when
    _sync_application(application)
    move_corrected.send(sender=StageChange, application=application, change=change, removed=False)
    return change


@transaction.atomic
def remove_move(change: StageChange, *, by) -> None:
    """Take out a move recorded by mistake. The first move (where the application started)
    stays; the move after the removed one then starts from the stage before it."""
    application = Application.objects.select_for_update().get(pk=change.application_id)
    change = StageChange.objects.select_related("from_stage", "to_stage").get(pk=change.pk)
    before, after = _neighbours(change)
    if before is None:
        raise ValidationError(
            "The first move is where the application started: re-date it instead."
        )
    if after is not None and after.to_stage_id == before.to_stage_id:
        raise ValidationError(
            f"Without this move, the history would move into {after.to_stage.name} twice in a "
            "row. Remove the move after it as well, or re-date it."
        )
    StageChangeCorrection.objects.create(
        application=application,
        stage_change=None,
        action=StageChangeCorrection.Action.REMOVED,
        move=_describe(change),
        old_changed_at=change.changed_at,
        corrected_by=by,
    )
    if after is not None:
        StageChange.objects.filter(pk=after.pk).update(from_stage=before.to_stage)
    change.delete()
    _sync_application(application)
    move_corrected.send(sender=StageChange, application=application, change=change, removed=True)
