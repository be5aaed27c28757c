"""The burnout guard triggers on sustained high activity, few replies and low mood; not on
near-misses; and stays away once dismissed."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from onward.testing import bulk_applications, make_check_in, make_contact, make_interaction
from onward.wellbeing import burnout
from onward.wellbeing.models import BurnoutDismissal

pytestmark = pytest.mark.django_db

NOW = datetime(2024, 5, 20, 12, tzinfo=UTC)
FIRST_HALF = datetime(2024, 5, 9, 10, tzinfo=UTC)  # 11 days ago
SECOND_HALF = datetime(2024, 5, 16, 10, tzinfo=UTC)  # 4 days ago


def build(user, *, first_apps=5, second_apps=5, touches=4, replies=1, moods=(2, 2, 2)):
    """Applications and touches in each half of the window, replies and mood check-ins."""
    contact = make_contact(user)
    for when, apps in ((FIRST_HALF, first_apps), (SECOND_HALF, second_apps)):
        histories = [[("Applied", when)] for _ in range(apps)]
        for n in range(min(replies, apps)):
            histories[n].append(("Screening", when + timedelta(days=1)))
        replies -= min(replies, apps)
        bulk_applications(user, histories)
        for _ in range(touches):
            make_interaction(contact, happened_on=when.date())
    for n, mood in enumerate(moods):
        make_check_in(user, mood=mood, created_at=NOW - timedelta(days=2 + 3 * n))


def check(user):
    with time_machine.travel(NOW, tick=False):
        return burnout.burnout_check(user)


def test_it_triggers_with_the_numbers(alice):
    build(alice)
    signal = check(alice)
    assert signal is not None
    assert signal.numbers() == {
        "applications": 10,
        "touches": 8,
        "first_week_activity": 9,
        "second_week_activity": 9,
        "replies": 1,
        "mood_average": 2.0,
        "check_ins": 3,
    }
    assert signal.reply_rate_percent == 10


@pytest.mark.parametrize(
    "near_miss",
    [
        {"first_apps": 3},  # the first week was not busy: 7 < 8
        {"replies": 2},  # 2 replies to 10 applications is 20%
        {"moods": (3, 3, 2)},  # average 2.7
        {"moods": (1, 1)},  # too few check-ins to judge mood
        {"first_apps": 0, "second_apps": 0, "touches": 9},  # no application to get a reply to
    ],
)
def test_it_stays_quiet_on_near_misses(alice, near_miss):
    build(alice, **near_miss)
    assert check(alice) is None


def test_it_is_shown_with_its_numbers_and_dismissed_once(alice_client, alice):
    build(alice)
    with time_machine.travel(NOW, tick=False):
        page = alice_client.get(reverse("today:today")).content.decode()
        assert 'id="burnout"' in page
        assert "you sent 10 applications" in page
        assert "your mood averaged 2.0/5 over 3 check-ins" in page
        response = alice_client.post(
            reverse("wellbeing:burnout_dismiss"), {"next": reverse("today:today")}
        )
        assert response.status_code == 302 and response.url == reverse("today:today")
        assert 'id="burnout"' not in alice_client.get(reverse("today:today")).content.decode()
        assert 'id="burnout"' not in alice_client.get(reverse("wellbeing:home")).content.decode()
    assert BurnoutDismissal.objects.get(user=alice).numbers["applications"] == 10


def test_it_may_return_after_the_quiet_period(alice):
    build(alice)
    BurnoutDismissal.objects.create(
        user=alice, dismissed_at=NOW - timedelta(days=burnout.BURNOUT_QUIET_DAYS + 1)
    )
    assert check(alice) is not None


def test_it_ignores_another_users_dismissal(alice, bob):
    build(alice)
    BurnoutDismissal.objects.create(user=bob, dismissed_at=NOW)
    assert check(alice) is not None
