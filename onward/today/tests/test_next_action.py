"""The one suggested next action on Today, on fixtures with known answers."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from onward.debrief.models import FeedbackState
from onward.testing import (
    make_activity,
    make_application,
    make_company,
    make_contact,
    make_debrief,
    make_goals,
    make_reminder,
    make_rest,
)

pytestmark = pytest.mark.django_db

NOW = datetime(2024, 5, 15, 12, tzinfo=UTC)  # Wednesday; the week began Monday 13 May
ZERO = dict(touches=0, follow_ups=0, learning_hours=0, practice=0)


def action(client):
    with time_machine.travel(NOW, tick=False):
        return client.get(reverse("today:today")).context["action"]


def test_it_stays_silent_without_any_application(alice_client, alice):
    make_activity(alice, "practice", on=date(2024, 5, 14))
    assert action(alice_client) is None


def test_it_names_the_goal_furthest_from_being_met(alice_client, alice):
    make_goals(alice, date(2024, 1, 1), applications=5, **ZERO)
    for _ in range(3):
        make_application(alice, when=NOW - timedelta(hours=5))
    found = action(alice_client)
    assert found.kind == "goal"
    assert found.text == (
        "2 applications left to meet this week's goal (3 of 5 so far, 5 days left)."
    )
    assert found.url == reverse("pipeline:application_create")


def test_it_prefers_the_goal_with_the_larger_share_left(alice_client, alice):
    make_goals(alice, date(2024, 1, 1), applications=5, **{**ZERO, "practice": 1})
    for _ in range(3):
        make_application(alice, when=NOW - timedelta(hours=5))
    assert action(alice_client).text == (
        "1 practice session left to meet this week's goal (0 of 1 so far, 5 days left)."
    )


def test_it_says_when_every_goal_is_met(alice_client, alice):
    make_goals(alice, date(2024, 1, 1), applications=2, **ZERO)
    for _ in range(2):
        make_application(alice, when=NOW - timedelta(hours=5))
    found = action(alice_client)
    assert found.kind == "met"
    assert found.text == "Every goal for this week is met: 2 applications."


def test_it_knows_a_planned_rest_week(alice_client, alice):
    make_application(alice, when=NOW - timedelta(days=20))
    make_rest(alice, date(2024, 5, 13), date(2024, 5, 19))
    assert action(alice_client).kind == "rest"


def test_an_overdue_reminder_comes_before_the_goals(alice_client, alice):
    make_application(alice, when=NOW - timedelta(days=20))
    make_reminder(alice, title="Call the recruiter back", due_at=NOW - timedelta(days=3))
    make_reminder(alice, title="Due this morning", due_at=NOW - timedelta(hours=2))
    found = action(alice_client)
    assert found.kind == "reminder"
    assert found.text == "“Call the recruiter back” has been due for 3 days."


def test_an_unanswered_feedback_request_comes_first(alice_client, alice):
    with time_machine.travel(NOW - timedelta(days=10), tick=False):
        debrief = make_debrief(alice, company=make_company(alice, "Acme"))
        ana = make_contact(alice, "Ana")
    with time_machine.travel(NOW - timedelta(days=8), tick=False):
        debrief.record_feedback(FeedbackState.ASKED, on=date(2024, 5, 7), contact=ana)
    make_reminder(alice, title="Older reminder", due_at=NOW - timedelta(days=9))
    found = action(alice_client)
    assert found.kind == "feedback"
    assert found.text == (
        "Ana's feedback request (Acme) has had no answer for 8 days: "
        "a gentle follow-up, or let it go."
    )
    assert found.url == debrief.get_absolute_url() + "#feedback"


def test_a_recent_feedback_request_is_not_nagged_about(alice_client, alice):
    make_goals(alice, date(2024, 1, 1), applications=1, **ZERO)
    with time_machine.travel(NOW - timedelta(days=3), tick=False):
        debrief = make_debrief(alice)
        debrief.record_feedback(FeedbackState.ASKED, on=date(2024, 5, 12))
    assert action(alice_client).kind != "feedback"
