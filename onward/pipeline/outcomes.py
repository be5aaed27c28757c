"""How applications ended, for the company page and the "you applied here before" notice."""

from django.db.models import Prefetch
from django.utils import timezone

from .models import Application, Company, LossType, StageChange, StageKind

OUTCOME_WORDS = {
    LossType.REJECTED: "rejected",
    LossType.GHOSTED: "no reply",
    LossType.WITHDRAWN: "you withdrew",
}


def with_last_change(queryset):
    """Prefetch each application's history, so outcome() needs no query of its own."""
    changes = StageChange.objects.select_related("from_stage", "to_stage")
    return queryset.prefetch_related(Prefetch("stage_changes", queryset=changes))


def outcome(application) -> dict:
    """How a closed application ended: {"word": "rejected", "after": <Stage or None>}."""
    history = list(application.stage_changes.all())
    last = history[-1] if history else None
    word = (
        OUTCOME_WORDS.get(application.stage.loss_type, "lost")
        if application.stage.is_lost
        else application.stage.name
    )
    return {"word": word, "after": last.from_stage if last else None}


def earlier_losses(user, company: Company | None) -> list[dict]:
    """Earlier applications to ``company`` that ended in a lost stage, newest first."""
    if company is None or company.pk is None:
        return []
    lost = with_last_change(
        Application.objects.for_user(user)
        .filter(company=company, stage__kind=StageKind.LOST)
        .select_related("stage")
        .order_by("-created_at")
    )
    return [
        {
            "application": a,
            "applied": a.applied_on or timezone.localdate(a.created_at),
            **outcome(a),
        }
        for a in lost
    ]
