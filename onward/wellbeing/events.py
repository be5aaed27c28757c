"""Job-search events read from the pipeline, for the mood chart, the review and the guards."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from onward.pipeline.models import Interview, LossType, StageChange, StageKind
from onward.routine.progress import applications_sent


@dataclass(frozen=True)
class Event:
    kind: str  # one of EVENT_KINDS
    when: datetime
    label: str


EVENT_KINDS = {
    "application": "Application sent",
    "interview": "Interview",
    "rejection": "Rejection",
    "offer": "Offer",
}
# (singular, plural) for counts in text.
EVENT_NOUNS = {
    "application": ("application sent", "applications sent"),
    "interview": ("interview", "interviews"),
    "rejection": ("rejection", "rejections"),
    "offer": ("offer", "offers"),
}


def count_events(events: list["Event"]) -> str:
    """ "3 applications sent, 1 interview, 0 rejections, 0 offers"."""
    parts = []
    for kind, (one, many) in EVENT_NOUNS.items():
        n = sum(1 for e in events if e.kind == kind)
        parts.append(f"{n} {one if n == 1 else many}")
    return ", ".join(parts)


def rejections(user):
    return StageChange.objects.into(user, kind=StageKind.LOST, loss_type=LossType.REJECTED)


def offers(user):
    return StageChange.objects.into(user, kind=StageKind.OFFER)


def replies(user):
    """Moves that show the employer answered: out of an active stage into anything but
    silence (ghosted) or the user's own withdrawal."""
    return StageChange.objects.out_of(user, kind=StageKind.ACTIVE).exclude(
        Q(to_stage__kind=StageKind.LOST)
        & Q(to_stage__loss_type__in=[LossType.GHOSTED, LossType.WITHDRAWN])
    )


def job_events(user, start: datetime, end: datetime) -> list[Event]:
    """Applications sent, interviews held, rejections and offers between ``start`` and ``end``
    (four queries)."""
    end = min(end, timezone.now())
    company = "application__company__name"
    events = []
    for kind, changes in (
        ("application", applications_sent(user)),
        ("rejection", rejections(user)),
        ("offer", offers(user)),
    ):
        rows = changes.filter(changed_at__gte=start, changed_at__lt=end).values_list(
            "changed_at", "application__title", company
        )
        events += [Event(kind, when, f"{title} at {name}") for when, title, name in rows]
    interviews = (
        Interview.objects.for_user(user)
        .filter(starts_at__gte=start, starts_at__lt=end)
        .values_list("starts_at", "round_name", company)
    )
    events += [Event("interview", when, f"{rnd} at {name}") for when, rnd, name in interviews]
    events.sort(key=lambda e: e.when)
    return events
