"""Demo offers for ``onward demo``: the terms of each application at an offer stage, so the
side-by-side page has something to compare."""

from datetime import timedelta

from django.utils import timezone

from .models import Application, StageKind
from .offers import Offer

# (base salary, bonus, equity, benefits), one per offer in turn.
TERMS = [
    (78000, "10% target", "", "30 days off, pension 5%, two remote days"),
    (
        72000,
        "",
        "4,000 options over four years",
        "28 days off, fully remote, €1,500 learning budget",
    ),
]


def add_demo_offers(user) -> None:
    today = timezone.localdate()
    offers = Application.objects.for_user(user).filter(stage__kind=StageKind.OFFER).order_by("pk")
    for index, application in enumerate(offers):
        base, bonus, equity, benefits = TERMS[index % len(TERMS)]
        Offer.objects.update_or_create(
            application=application,
            defaults={
                "base_salary": base,
                "currency": "EUR",
                "bonus": bonus,
                "equity": equity,
                "benefits": benefits,
                "decision_deadline": today + timedelta(days=5 + 3 * index),
                "start_date": today + timedelta(days=45),
            },
        )
