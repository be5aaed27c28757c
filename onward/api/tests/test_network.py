"""Contacts' CRM fields and interactions over the API."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from onward.core.reminders.models import Reminder, ReminderKind
from onward.network.models import Contact, Interaction
from onward.testing import make_application, make_contact, make_interaction

NOW = datetime(2025, 3, 3, 10, 0, tzinfo=UTC)
TODAY = date(2025, 3, 3)


@pytest.fixture
def now():
    with time_machine.travel(NOW, tick=False):
        yield NOW


def follow_ups(contact):
    return Reminder.objects.for_target(contact).filter(kind=ReminderKind.FOLLOW_UP)


ROUTES = [
    ("patch", "/api/contacts/1"),
    ("get", "/api/contacts/1/interactions"),
    ("post", "/api/contacts/1/interactions"),
]


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_it_answers_401_without_a_token(anonymous_api, method, path):
    assert getattr(anonymous_api, method)(path).status_code == 401


# --- Interactions ------------------------------------------------------------------------
def test_it_logs_and_lists_interactions(alice, alice_api, now):
    contact = make_contact(alice, "Sam")
    application = make_application(alice)
    make_interaction(contact, happened_on=date(2025, 2, 1), channel="coffee")

    created = alice_api.post(
        f"/api/contacts/{contact.pk}/interactions",
        {"channel": "call", "summary": "Talked about the role.", "application_id": application.pk},
    )
    listed = alice_api.get(f"/api/contacts/{contact.pk}/interactions").json()
    shown = alice_api.get(f"/api/contacts/{contact.pk}").json()

    assert created.status_code == 201, created.json()
    assert created.json()["happened_on"] == "2025-03-03"
    assert created.json()["application_id"] == application.pk
    assert [i["channel"] for i in listed] == ["call", "coffee"]
    assert shown["last_contacted_on"] == "2025-03-03"


def test_it_restarts_the_stay_in_touch_clock_when_logging(alice, alice_api, now):
    contact = make_contact(alice, "Sam")
    contact.set_cadence(4, today=TODAY - timedelta(days=20))
    assert follow_ups(contact).open().get().due_at.date() == date(2025, 3, 11)

    response = alice_api.post(
        f"/api/contacts/{contact.pk}/interactions", {"happened_on": "2025-03-01"}
    )

    assert response.status_code == 201, response.json()
    follow_up = follow_ups(contact).open().get()
    assert follow_up.due_at.date() == date(2025, 3, 29)
    shown = alice_api.get(f"/api/contacts/{contact.pk}").json()
    assert shown["next_follow_up_at"].startswith("2025-03-29")


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"happened_on": "2025-03-04"}, "happened_on", "future"),
        ({"happened_on": "1900-01-01"}, "happened_on", "too far in the past"),
        ({"channel": "pigeon"}, "channel", "not a valid choice"),
    ],
)
def test_it_refuses_an_invalid_interaction(alice, alice_api, now, body, field, message):
    contact = make_contact(alice)
    contact.set_cadence(4)
    before = follow_ups(contact).open().get()

    response = alice_api.post(f"/api/contacts/{contact.pk}/interactions", body)

    assert response.status_code == 422
    detail = response.json()["detail"]
    assert any(e["loc"] == [field] and message in e["msg"] for e in detail), detail
    assert not Interaction.objects.exists()
    assert follow_ups(contact).open().get() == before


def test_it_refuses_another_users_application_on_an_interaction(alice, bob, alice_api, now):
    contact = make_contact(alice)
    theirs = make_application(bob)

    response = alice_api.post(
        f"/api/contacts/{contact.pk}/interactions", {"application_id": theirs.pk}
    )

    assert response.status_code == 422
    assert response.json()["detail"] == [{"loc": ["application_id"], "msg": "No such application."}]
    assert not Interaction.objects.exists()


# --- Changing a contact ------------------------------------------------------------------
def test_it_changes_the_crm_fields(alice, alice_api, now):
    contact = make_contact(alice, "Sam", title="Engineer", email="sam@example.org")

    response = alice_api.patch(
        f"/api/contacts/{contact.pk}",
        {
            "title": "Engineering manager",
            "relationship": "mentor",
            "support_circle": True,
            "tags": ["python", "Berlin", "python"],
            "connected_on": "2025-01-10",
            "how_we_met": "A meetup",
        },
    )

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["title"] == "Engineering manager"
    assert body["email"] == "sam@example.org"  # not sent, not changed
    assert body["relationship"] == "mentor"
    assert body["support_circle"] is True
    assert body["tags"] == ["Berlin", "python"]
    contact.refresh_from_db()
    assert contact.relationship == "mentor"
    assert contact.connected_on == date(2025, 1, 10)
    assert sorted(t.name for t in contact.tags.all()) == ["Berlin", "python"]


def test_it_sets_and_stops_a_cadence(alice, alice_api, now):
    contact = make_contact(alice)

    set_ = alice_api.patch(f"/api/contacts/{contact.pk}", {"cadence_weeks": 2})
    stopped = alice_api.patch(f"/api/contacts/{contact.pk}", {"cadence_weeks": None})

    assert set_.status_code == 200
    assert set_.json()["cadence_weeks"] == 2
    assert set_.json()["next_follow_up_at"].startswith("2025-03-17")
    assert stopped.json()["cadence_weeks"] is None
    assert stopped.json()["next_follow_up_at"] is None
    assert not follow_ups(contact).open().exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"email": "not-an-email"}, "email"),
        ({"relationship": "nemesis"}, "relationship"),
        ({"linkedin_url": "https://example.org/sam"}, "linkedin_url"),
        ({"name": "   "}, "name"),
        ({"cadence_weeks": 0}, "cadence_weeks"),
        ({"cadence_weeks": 200}, "cadence_weeks"),
        ({"support_circle": "maybe"}, "support_circle"),
        ({"nickname": "Sammy"}, "nickname"),
    ],
)
def test_it_refuses_an_invalid_change(alice, alice_api, now, body, field):
    contact = make_contact(alice, "Sam")

    response = alice_api.patch(f"/api/contacts/{contact.pk}", body)

    assert response.status_code == 422
    assert any(field in e["loc"] for e in response.json()["detail"]), response.json()
    contact.refresh_from_db()
    assert contact.name == "Sam"
    assert contact.relationship == ""
    assert contact.cadence_weeks is None


# --- Another user's contact --------------------------------------------------------------
@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("patch", "/api/contacts/{id}", {"title": "Mine now", "cadence_weeks": 2}),
        ("get", "/api/contacts/{id}/interactions", None),
        ("post", "/api/contacts/{id}/interactions", {"summary": "Mine now"}),
    ],
)
def test_it_answers_404_for_another_users_contact(bob, alice_api, now, method, path, body):
    theirs = make_contact(bob, title="Recruiter")
    call = getattr(alice_api, method)
    url = path.format(id=theirs.pk)

    response = call(url, body) if body is not None else call(url)

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    theirs = Contact.objects.get(pk=theirs.pk)
    assert theirs.title == "Recruiter"
    assert theirs.cadence_weeks is None
    assert not Interaction.objects.exists()
