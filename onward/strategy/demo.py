"""A demo experiment for ``onward demo``: six weeks ago the persona decided to ask for a
referral before applying, and Onward compares the applications before and after."""

from datetime import timedelta

from django.utils import timezone

from .models import ChangeKind, Experiment


def add_demo_experiment(user) -> None:
    Experiment.objects.update_or_create(
        user=user,
        title="Referrals before applying",
        defaults={
            "change_kind": ChangeKind.REFERRALS,
            "description": "Before applying, ask someone at the company for a referral or "
            "at least a name to write to.",
            "expectation": "More replies and more first interviews than cold applications.",
            "started_on": timezone.localdate() - timedelta(weeks=6),
        },
    )
