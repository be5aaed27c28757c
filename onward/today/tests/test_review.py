from datetime import date

import pytest
import time_machine
from django.urls import reverse

from onward.strategy.models import Experiment

pytestmark = pytest.mark.django_db


@time_machine.travel("2024-05-15 12:00Z", tick=False)
def test_the_weekly_review_lists_the_experiments_running_that_week_with_their_links(
    alice_client, alice, bob
):
    running = Experiment.objects.create(
        user=alice, title="Referrals before applying", started_on=date(2024, 5, 1)
    )
    Experiment.objects.create(
        user=alice, title="Ended before", started_on=date(2024, 4, 1), ended_on=date(2024, 4, 30)
    )
    Experiment.objects.create(user=bob, title="Bob's own", started_on=date(2024, 5, 1))
    page = alice_client.get(reverse("today:review_week"))
    assert page.context["summary"]["experiments"] == [
        {
            "id": running.pk,
            "title": "Referrals before applying",
            "url": reverse("strategy:experiment_detail", args=[running.pk]),
        }
    ]
    assert reverse("strategy:experiment_detail", args=[running.pk]) in page.content.decode()
