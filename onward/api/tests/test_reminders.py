"""Reminders over the API: what is due, done, snooze and reopen."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from onward.core.reminders.models import Reminder
from onward.testing import make_reminder

NOW = datetime(2025, 3, 3, 10, 0, tzinfo=UTC)


@pytest.fixture
def now():
    with time_machine.travel(NOW, tick=False):
        yield NOW


def days(n: float) -> datetime:
    return NOW + timedelta(days=n)


ROUTES = [
    ("get", "/api/reminders"),
    ("post", "/api/reminders/1/done"),
    ("post", "/api/reminders/1/snooze"),
    ("post", "/api/reminders/1/reopen"),
]


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_it_answers_401_without_a_token(anonymous_api, method, path):
    assert getattr(anonymous_api, method)(path).status_code == 401


def test_it_lists_open_reminders_by_next_due(alice, alice_api, now):
    later = make_reminder(alice, title="Later", due_at=days(5))
    overdue = make_reminder(alice, title="Overdue", due_at=days(-2))
    snoozed = make_reminder(alice, title="Snoozed", due_at=days(-3), snoozed_until=days(1))
    make_reminder(alice, title="Done", due_at=days(-1), done_at=days(-1))

    response = alice_api.get("/api/reminders")

    assert response.status_code == 200
    items = response.json()["items"]
    assert [r["id"] for r in items] == [overdue.pk, snoozed.pk, later.pk]
    assert items[1]["next_due"] == "2025-03-04T10:00:00Z"


def test_it_lists_only_the_due_ones(alice, alice_api, now):
    due = make_reminder(alice, title="Due", due_at=days(-1))
    make_reminder(alice, title="Snoozed", due_at=days(-3), snoozed_until=days(1))
    make_reminder(alice, title="Later", due_at=days(5))

    response = alice_api.get("/api/reminders", {"due": "1"})

    assert [r["id"] for r in response.json()["items"]] == [due.pk]


def test_it_marks_a_reminder_done_once(alice, alice_api, now):
    reminder = make_reminder(alice, due_at=days(-1))

    response = alice_api.post(f"/api/reminders/{reminder.pk}/done")
    with time_machine.travel(days(1), tick=False):
        again = alice_api.post(f"/api/reminders/{reminder.pk}/done")

    assert response.status_code == 200
    assert response.json()["done_at"] == "2025-03-03T10:00:00Z"
    assert again.json()["done_at"] == "2025-03-03T10:00:00Z"
    reminder.refresh_from_db()
    assert reminder.done_at == NOW
    assert alice_api.get("/api/reminders").json()["count"] == 0


def test_it_snoozes_a_reminder(alice, alice_api, now):
    reminder = make_reminder(alice, due_at=days(-1), emailed_at=days(-1))

    response = alice_api.post(f"/api/reminders/{reminder.pk}/snooze", {"days": 7})

    assert response.status_code == 200
    assert response.json()["snoozed_until"] == "2025-03-10T10:00:00Z"
    reminder.refresh_from_db()
    assert reminder.snoozed_until == days(7)
    assert reminder.emailed_at is None
    assert not alice_api.get("/api/reminders", {"due": "1"}).json()["items"]


def test_it_reopens_a_done_reminder(alice, alice_api, now):
    reminder = make_reminder(alice, due_at=days(-1), done_at=days(-1))

    response = alice_api.post(f"/api/reminders/{reminder.pk}/reopen")

    assert response.status_code == 200
    assert response.json()["done_at"] is None
    reminder.refresh_from_db()
    assert reminder.done_at is None


@pytest.mark.parametrize("body", [{"days": 0}, {"days": 99}, {"days": -1}, {}, {"days": "a"}])
def test_it_refuses_a_bad_snooze(alice, alice_api, now, body):
    reminder = make_reminder(alice, due_at=days(-1))

    response = alice_api.post(f"/api/reminders/{reminder.pk}/snooze", body)

    assert response.status_code == 422
    reminder.refresh_from_db()
    assert reminder.snoozed_until is None


@pytest.mark.parametrize(
    ("action", "body"), [("done", None), ("snooze", {"days": 7}), ("reopen", None)]
)
def test_it_answers_404_for_another_users_reminder(bob, alice_api, now, action, body):
    theirs = make_reminder(bob, due_at=days(-1), done_at=days(-1) if action == "reopen" else None)

    response = alice_api.post(f"/api/reminders/{theirs.pk}/{action}", body)

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    unchanged = Reminder.objects.get(pk=theirs.pk)
    assert (unchanged.done_at, unchanged.snoozed_until) == (theirs.done_at, theirs.snoozed_until)


def test_it_lists_none_of_another_users_reminders(bob, alice_api, now):
    make_reminder(bob, due_at=days(-1))

    assert alice_api.get("/api/reminders").json() == {"items": [], "count": 0}
    assert alice_api.get("/api/reminders", {"due": "1"}).json() == {"items": [], "count": 0}
