"""The Today page: the home page after login, with progress, due items and debriefs."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from onward.testing import (
    make_activity,
    make_application,
    make_check_in,
    make_contact,
    make_debrief,
    make_interaction,
    make_reminder,
)

pytestmark = pytest.mark.django_db


def test_it_is_the_home_page_after_login(alice_client):
    response = alice_client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url == reverse("today:today")


def test_it_needs_a_login(client):
    response = client.get(reverse("today:today"))
    assert response.status_code == 302 and "login" in response.url


def test_it_explains_what_to_do_first_when_empty(alice_client):
    response = alice_client.get(reverse("today:today"))
    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="start"' in content
    assert reverse("pipeline:application_create") in content
    assert "Nothing is due" in content
    assert "No debrief is waiting" in content
    assert 'id="next-action"' not in content


def test_it_shows_each_goal_with_stable_data_attributes(alice_client, alice):
    make_application(alice)
    make_application(alice)
    make_activity(alice, "learning", hours="1.5")
    content = alice_client.get(reverse("today:today")).content.decode()
    assert 'data-goal="applications" data-done="2" data-target="5"' in content
    assert 'data-goal="learning_hours" data-done="1.5" data-target="2"' in content
    assert 'id="start"' not in content


def test_it_lists_due_reminders_and_waiting_debriefs(alice_client, alice):
    make_application(alice)
    make_reminder(alice, title="Call back Ana", due_at=timezone.now() - timedelta(days=2))
    make_reminder(alice, title="Later thing", due_at=timezone.now() + timedelta(days=2))
    debrief = make_debrief(alice)
    content = alice_client.get(reverse("today:today")).content.decode()
    assert "Call back Ana" in content
    assert "Later thing" not in content
    assert debrief.get_absolute_url() in content
    assert "steps to go" in content


def test_it_escapes_user_text(alice_client, alice):
    make_application(alice)
    make_reminder(alice, title="<script>alert(1)</script>", due_at=timezone.now())
    content = alice_client.get(reverse("today:today")).content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;" in content


def test_it_offers_a_check_in_until_one_is_made_today(alice_client, alice):
    assert 'id="check-in"' in alice_client.get(reverse("today:today")).content.decode()
    make_check_in(alice, mood=4)
    assert 'id="check-in"' not in alice_client.get(reverse("today:today")).content.decode()


def _data(user, n: int) -> None:
    """n of everything the Today page reads."""
    contact = make_contact(user)
    for i in range(n):
        make_application(user)
        make_interaction(contact)
        make_activity(user, "practice")
        make_check_in(user, mood=3)
        make_reminder(user, title=f"Reminder {i}", due_at=timezone.now() - timedelta(days=1))
        make_reminder(user, title=f"Done {i}", done_at=timezone.now())
        debrief = make_debrief(user)
        # Due before the others, so both sizes list some (and prefetch their targets).
        debrief.steps.first().remind_on(timezone.localdate() - timedelta(days=3))


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("today:today")).status_code == 200
    return len(captured)


def test_its_query_count_does_not_grow_with_the_data(alice_client, alice, bob, client):
    _data(alice, 2)
    small = _queries(alice_client)
    _data(bob, 15)
    client.force_login(bob)
    assert _queries(client) == small
