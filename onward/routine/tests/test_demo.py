"""add_demo_routine: three months of routine data, the same every run."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from onward.routine.models import ActivityLog, RestPeriod, WeeklyGoals, WeeklyReview
from onward.testing import make_application, make_debrief
from onward.today.demo import add_demo_routine
from onward.wellbeing.models import MoodCheckIn, Win

pytestmark = pytest.mark.django_db

NOW = datetime(2024, 5, 20, 12, tzinfo=UTC)


def snapshot(user):
    return {
        "activity": sorted(
            ActivityLog.objects.filter(user=user).values_list("kind", "on", "hours")
        ),
        "goals": list(
            WeeklyGoals.objects.filter(user=user).values_list("starts_on", "applications")
        ),
        "rest": list(RestPeriod.objects.filter(user=user).values_list("starts_on", "ends_on")),
        "reviews": list(
            WeeklyReview.objects.filter(user=user).values_list("week_starts_on", "focus")
        ),
        "wins": sorted(Win.objects.filter(user=user).values_list("title", "happened_on")),
        "moods": sorted(MoodCheckIn.objects.filter(user=user).values_list("created_at", "mood")),
    }


def test_it_adds_three_months_and_is_idempotent(alice_client, alice):
    with time_machine.travel(NOW, tick=False):
        for days in (80, 40, 10):
            make_application(alice, when=NOW - timedelta(days=days))
        debrief_check_in = MoodCheckIn.objects.create(
            user=alice, debrief=make_debrief(alice), mood=2
        )
        add_demo_routine(alice)
        first = snapshot(alice)
        add_demo_routine(alice)
        assert snapshot(alice) == first
        assert MoodCheckIn.objects.filter(pk=debrief_check_in.pk).exists()
        assert len(first["reviews"]) == 2
        assert len(first["goals"]) == 2 and len(first["rest"]) == 1
        assert len(first["wins"]) == 4
        assert len(first["moods"]) > 20
        span = first["activity"][-1][1] - min(a[1] for a in first["activity"])
        assert span.days >= 80
        for url in (reverse("today:today"), reverse("wellbeing:home"),
                    reverse("today:review_list"), reverse("today:review_week")):  # fmt: skip
            assert alice_client.get(url).status_code == 200
        review = WeeklyReview.objects.filter(user=alice).first()
        assert alice_client.get(reverse("today:review_detail", args=[review.pk])).status_code == 200
