"""The debrief listens for applications moving into a lost stage."""

from onward.pipeline.models import LossType, StageKind

from .models import Debrief


def open_debrief_on_loss(sender, application, change, **kwargs) -> str | None:
    """Open (or find) the debrief after a rejection or ghosting, and answer with its URL.

    A withdrawal opens none: the user chose to leave, and may start one from the debrief list.
    """
    stage = change.to_stage
    if stage.kind != StageKind.LOST:
        return None
    flow = stage.loss_type or LossType.REJECTED
    if flow == LossType.WITHDRAWN:
        return None
    debrief = Debrief.open_for(application, flow=flow, when=change.changed_at)
    return debrief.get_absolute_url()


def follow_corrected_loss(sender, application, change, removed, **kwargs) -> None:
    """A re-dated move into the lost stage moves the debrief's news date, and the open
    thank-you or status check with it."""
    if removed or change.to_stage.kind != StageKind.LOST:
        return
    debrief = Debrief.objects.filter(application=application).first()
    if (
        debrief is not None
        and application.stage_changes.order_by("-changed_at", "-pk").first() == change
    ):
        debrief.redate_news(change.changed_at)
