"""Debriefs, lessons and mood check-ins over the API."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from onward.accounts.models import profile_for
from onward.core.reminders.models import Reminder, ReminderKind
from onward.debrief.models import Debrief, Lesson
from onward.testing import (
    make_check_in,
    make_contact,
    make_debrief,
    make_interview,
    make_lesson,
)
from onward.wellbeing.models import MoodCheckIn

NOW = datetime(2025, 3, 3, 10, 0, tzinfo=UTC)


@pytest.fixture
def now():
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def debrief(alice, now):
    return make_debrief(alice)


ROUTES = [
    ("get", "/api/debriefs"),
    ("get", "/api/debriefs/1"),
    ("post", "/api/debriefs/1/feedback"),
    ("post", "/api/debriefs/1/sent"),
    ("post", "/api/debriefs/1/complete"),
    ("get", "/api/lessons"),
    ("post", "/api/lessons"),
    ("delete", "/api/lessons/1"),
    ("get", "/api/mood"),
    ("post", "/api/mood"),
]


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_it_answers_401_without_a_token(anonymous_api, method, path):
    assert getattr(anonymous_api, method)(path).status_code == 401


# --- Debriefs ----------------------------------------------------------------------------
def test_it_lists_debriefs_filtered_by_status(alice, alice_api, now):
    open_one = make_debrief(alice)
    done = make_debrief(alice)
    done.complete()
    dismissed = make_debrief(alice)
    dismissed.dismiss()

    everything = alice_api.get("/api/debriefs").json()
    only_open = alice_api.get("/api/debriefs", {"status": "open"}).json()
    only_completed = alice_api.get("/api/debriefs", {"status": "completed"}).json()
    only_dismissed = alice_api.get("/api/debriefs", {"status": "dismissed"}).json()

    assert everything["count"] == 3
    assert [d["id"] for d in only_open["items"]] == [open_one.pk]
    assert [d["id"] for d in only_completed["items"]] == [done.pk]
    assert [d["id"] for d in only_dismissed["items"]] == [dismissed.pk]
    assert only_open["items"][0]["company"] == open_one.application.company.name


def test_it_refuses_an_unknown_status_filter(alice_api):
    assert alice_api.get("/api/debriefs", {"status": "lost"}).status_code == 422


def test_it_shows_a_debrief_with_its_steps_reason_feedback_and_lessons(alice_api, debrief):
    debrief.reason_given = "We went with someone more senior."
    debrief.reason_category = "experience"
    debrief.save()
    make_lesson(debrief, text="Quantify the impact in every story.")

    response = alice_api.get(f"/api/debriefs/{debrief.pk}")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "open"
    assert body["flow"] == "rejected"
    assert [s["habit"] for s in body["steps"]][:3] == ["reflect", "seek_feedback", "stay_gracious"]
    assert len(body["steps"]) == 10
    assert body["reason_given"] == "We went with someone more senior."
    assert body["reason_category"] == "experience"
    assert body["feedback"]["state"] == "not_asked"
    assert [lesson["text"] for lesson in body["lessons"]] == ["Quantify the impact in every story."]
    assert body["draft_kinds"] == ["thank_you", "feedback_request"]


# --- Feedback ----------------------------------------------------------------------------
def test_it_records_feedback_asked_with_its_follow_up_reminder(alice, alice_api, debrief):
    manager = make_contact(alice, "Lee Chen")

    response = alice_api.post(
        f"/api/debriefs/{debrief.pk}/feedback",
        {"state": "asked", "on": "2025-03-03", "contact_id": manager.pk},
    )

    assert response.status_code == 200, response.json()
    assert response.json()["feedback"]["state"] == "asked"
    assert response.json()["feedback"]["follow_up_due_on"] == "2025-03-10"
    debrief.refresh_from_db()
    assert debrief.feedback_state == "asked"
    assert debrief.feedback_contact == manager
    assert debrief.step("seek_feedback").state == "done"
    follow_up = Reminder.objects.for_target(debrief).get(kind=ReminderKind.FEEDBACK_FOLLOW_UP)
    assert follow_up.done_at is None
    assert "Lee Chen" in follow_up.title


def test_it_records_feedback_received_and_settles_the_follow_up(alice_api, debrief, now):
    debrief.record_feedback("asked", on=date(2025, 3, 3))

    with time_machine.travel(NOW + timedelta(days=2), tick=False):
        response = alice_api.post(
            f"/api/debriefs/{debrief.pk}/feedback",
            {"state": "received", "text": "More Kafka, please.", "category": "skills_gap"},
        )

    assert response.status_code == 200, response.json()
    feedback = response.json()["feedback"]
    assert feedback["state"] == "received"
    assert feedback["answered_on"] == "2025-03-05"
    assert feedback["text"] == "More Kafka, please."
    assert feedback["category"] == "skills_gap"
    follow_up = Reminder.objects.for_target(debrief).get(kind=ReminderKind.FEEDBACK_FOLLOW_UP)
    assert follow_up.done_at is not None


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"state": "declined"}, "cannot become 'declined'"),
        ({"state": "asked", "on": "2025-03-04"}, "future"),
        ({"state": "received", "text": "  "}, "word for word"),
    ],
)
def test_it_answers_the_models_refusal_as_a_422(alice_api, debrief, body, message):
    response = alice_api.post(f"/api/debriefs/{debrief.pk}/feedback", body)

    assert response.status_code == 422
    assert any(message in e["msg"] for e in response.json()["detail"]), response.json()
    debrief.refresh_from_db()
    assert debrief.feedback_state == "not_asked"


@pytest.mark.parametrize(
    "body",
    [
        {"state": "not_asked"},
        {"state": "maybe"},
        {"state": "received", "text": "x", "category": "astrology"},
        {"state": "asked", "on": "someday"},
    ],
)
def test_it_refuses_bad_feedback_input(alice_api, debrief, body):
    response = alice_api.post(f"/api/debriefs/{debrief.pk}/feedback", body)

    assert response.status_code == 422
    debrief.refresh_from_db()
    assert debrief.feedback_state == "not_asked"


def test_it_refuses_a_date_far_in_the_past_in_any_time_zone(alice, alice_api, debrief):
    profile = profile_for(alice)
    profile.time_zone = "Asia/Tokyo"
    profile.save()

    response = alice_api.post(
        f"/api/debriefs/{debrief.pk}/feedback",
        {"state": "received", "on": "0001-01-01", "text": "Too late."},
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["on"]


def test_it_refuses_another_users_contact_for_feedback(bob, alice_api, debrief):
    theirs = make_contact(bob)

    response = alice_api.post(
        f"/api/debriefs/{debrief.pk}/feedback", {"state": "asked", "contact_id": theirs.pk}
    )

    assert response.status_code == 422
    assert response.json()["detail"] == [{"loc": ["contact_id"], "msg": "No such contact."}]


# --- Sent replies ------------------------------------------------------------------------
def test_it_records_a_thank_you_sent(alice_api, debrief):
    thank_you = Reminder.objects.for_target(debrief).get(kind=ReminderKind.THANK_YOU)

    response = alice_api.post(f"/api/debriefs/{debrief.pk}/sent", {"kind": "thank_you"})

    assert response.status_code == 200, response.json()
    assert response.json()["thank_you_sent_at"] == "2025-03-03T10:00:00Z"
    thank_you.refresh_from_db()
    assert thank_you.done_at == NOW
    assert debrief.step("stay_gracious").state == "done"


def test_a_reply_sent_to_an_address_is_logged_on_that_contact(alice, alice_api, debrief):
    lea = make_contact(alice, "Lea Brandt", email="lea@nordlicht.example")
    response = alice_api.post(
        f"/api/debriefs/{debrief.pk}/sent", {"kind": "thank_you", "to": "Lea@Nordlicht.example"}
    )
    assert response.status_code == 200, response.json()
    [interaction] = lea.interactions.all()
    assert interaction.application_id == debrief.application_id


def test_it_records_a_feedback_request_sent_as_asked(alice_api, debrief):
    response = alice_api.post(
        f"/api/debriefs/{debrief.pk}/sent",
        {"kind": "feedback_request", "when": "2025-03-03T09:00:00"},
    )

    assert response.status_code == 200, response.json()
    assert response.json()["feedback"]["state"] == "asked"
    assert (
        Reminder.objects.for_target(debrief).filter(kind=ReminderKind.FEEDBACK_FOLLOW_UP).exists()
    )


def test_it_records_a_status_check_on_a_ghosted_debrief(alice, alice_api, now):
    debrief = make_debrief(alice, "Ghosted")

    response = alice_api.post(f"/api/debriefs/{debrief.pk}/sent", {"kind": "status_check"})

    assert response.status_code == 200, response.json()
    assert response.json()["status_check_sent_at"] is not None
    assert Reminder.objects.for_target(debrief).open().filter(key="closing_note").exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "love_letter"}, "kind"),
        ({"kind": "status_check"}, "kind"),  # not a reply a rejection offers
        ({"kind": "thank_you", "when": "2025-03-04T10:00:00Z"}, "when"),
        ({"kind": "thank_you", "when": "0001-01-01T00:00:00+05:00"}, "when"),
    ],
)
def test_it_refuses_a_bad_sent_reply(alice_api, debrief, body, field):
    response = alice_api.post(f"/api/debriefs/{debrief.pk}/sent", body)

    assert response.status_code == 422
    assert any(field in e["loc"] for e in response.json()["detail"]), response.json()
    debrief.refresh_from_db()
    assert debrief.thank_you_sent_at is None
    assert debrief.status_check_sent_at is None


# --- Completing --------------------------------------------------------------------------
def test_it_completes_a_debrief_with_its_reminders_once(alice, alice_api, debrief):
    interviewer = make_contact(alice, "Ian Terviewer")
    make_interview(debrief.application, interviewers=[interviewer])

    first = alice_api.post(f"/api/debriefs/{debrief.pk}/complete", {"reconnect_months": 2})
    again = alice_api.post(f"/api/debriefs/{debrief.pk}/complete", {"reconnect_months": 2})

    assert first.status_code == 200, first.json()
    assert first.json()["debrief"]["status"] == "completed"
    kinds = sorted(r["kind"] for r in first.json()["reminders"])
    assert kinds == ["check_openings", "connect_linkedin", "reconnect"]
    reconnect = next(r for r in first.json()["reminders"] if r["kind"] == "reconnect")
    assert reconnect["due_at"] == "2025-05-03T10:00:00Z"
    assert again.status_code == 200
    assert again.json()["reminders"] == first.json()["reminders"]
    assert Reminder.objects.for_target(debrief).filter(kind=ReminderKind.RECONNECT).count() == 1
    debrief.refresh_from_db()
    assert debrief.status == "completed"
    assert debrief.completed_at == NOW


def test_it_completes_without_the_reminders_turned_off(alice_api, debrief):
    response = alice_api.post(
        f"/api/debriefs/{debrief.pk}/complete",
        {"reconnect": False, "openings": False, "connect_linkedin": False},
    )

    assert response.status_code == 200
    assert response.json()["reminders"] == []
    assert not Reminder.objects.for_target(debrief).filter(kind=ReminderKind.RECONNECT).exists()


@pytest.mark.parametrize("body", [{"reconnect_months": 0}, {"openings_months": 99}, {"x": 1}])
def test_it_refuses_bad_completion_options(alice_api, debrief, body):
    response = alice_api.post(f"/api/debriefs/{debrief.pk}/complete", body)

    assert response.status_code == 422
    debrief.refresh_from_db()
    assert debrief.status == "open"


# --- Lessons -----------------------------------------------------------------------------
def test_it_creates_lists_and_deletes_lessons(alice, alice_api, debrief):
    other = make_debrief(alice)
    make_lesson(other, text="Ask about the team's on-call.")

    created = alice_api.post(
        "/api/lessons",
        {"debrief_id": debrief.pk, "text": "Prepare a design story.", "category": "examples"},
    )
    listed = alice_api.get("/api/lessons").json()
    filtered = alice_api.get("/api/lessons", {"debrief_id": debrief.pk}).json()
    deleted = alice_api.delete(f"/api/lessons/{created.json()['id']}")

    assert created.status_code == 201, created.json()
    assert created.json()["stage"] == debrief.stage_reached
    assert created.json()["category_label"] == "Examples and stories"
    assert listed["count"] == 2
    assert [lesson["text"] for lesson in filtered["items"]] == ["Prepare a design story."]
    assert debrief.step("learn").state == "done"
    assert deleted.status_code == 204
    assert not Lesson.objects.filter(debrief=debrief).exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"category": "astrology"}, "category"),
        ({"stage": "moon"}, "stage"),
        ({"text": ""}, "text"),
        ({"text": "x" * 301}, "text"),
    ],
)
def test_it_refuses_an_invalid_lesson(alice_api, debrief, fields, field):
    body = {"debrief_id": debrief.pk, "text": "A lesson.", "category": "examples", **fields}

    response = alice_api.post("/api/lessons", body)

    assert response.status_code == 422
    assert any(field in e["loc"] for e in response.json()["detail"]), response.json()
    assert not Lesson.objects.exists()


def test_it_refuses_a_lesson_on_another_users_debrief(bob, alice_api, now):
    theirs = make_debrief(bob)

    response = alice_api.post(
        "/api/lessons", {"debrief_id": theirs.pk, "text": "Mine now.", "category": "examples"}
    )

    assert response.status_code == 422
    assert response.json()["detail"] == [{"loc": ["debrief_id"], "msg": "No such debrief."}]
    assert not Lesson.objects.exists()


# --- Mood --------------------------------------------------------------------------------
def test_it_records_and_lists_mood_check_ins(alice, alice_api, debrief):
    make_check_in(alice, mood=2, created_at=NOW - timedelta(days=1))

    plain = alice_api.post("/api/mood", {"mood": 4, "energy": 3, "note": "Long walk."})
    with_debrief = alice_api.post("/api/mood", {"mood": 3, "debrief_id": debrief.pk})
    listed = alice_api.get("/api/mood").json()

    assert plain.status_code == 201, plain.json()
    assert plain.json()["debrief_id"] is None
    assert with_debrief.status_code == 201
    assert with_debrief.json()["debrief_id"] == debrief.pk
    assert debrief.step("stay_positive").state == "done"
    assert listed["count"] == 3
    assert [c["mood"] for c in listed["items"]][-1] == 2


@pytest.mark.parametrize("fields", [{"mood": 0}, {"mood": 6}, {"mood": 3, "energy": 9}, {}])
def test_it_refuses_an_invalid_check_in(alice_api, fields):
    response = alice_api.post("/api/mood", fields)

    assert response.status_code == 422
    assert not MoodCheckIn.objects.exists()


def test_it_refuses_a_check_in_on_another_users_debrief(bob, alice_api, now):
    theirs = make_debrief(bob)

    response = alice_api.post("/api/mood", {"mood": 3, "debrief_id": theirs.pk})

    assert response.status_code == 422
    assert response.json()["detail"] == [{"loc": ["debrief_id"], "msg": "No such debrief."}]


# --- Another user's objects --------------------------------------------------------------
BOBS_ROUTES = [
    ("get", "/api/debriefs/{debrief}", None),
    ("post", "/api/debriefs/{debrief}/feedback", {"state": "asked"}),
    ("post", "/api/debriefs/{debrief}/sent", {"kind": "thank_you"}),
    ("post", "/api/debriefs/{debrief}/complete", {}),
    ("delete", "/api/lessons/{lesson}", None),
]


@pytest.mark.parametrize(("method", "path", "body"), BOBS_ROUTES)
def test_it_answers_404_for_another_users_debrief(bob, alice_api, now, method, path, body):
    theirs = make_debrief(bob)
    lesson = make_lesson(theirs)
    call = getattr(alice_api, method)
    url = path.format(debrief=theirs.pk, lesson=lesson.pk)

    response = call(url, body) if body is not None else call(url)

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    theirs = Debrief.objects.get(pk=theirs.pk)
    assert theirs.status == "open"
    assert theirs.feedback_state == "not_asked"
    assert theirs.thank_you_sent_at is None
    assert Lesson.objects.filter(pk=lesson.pk).exists()


def test_it_lists_none_of_another_users_debriefs(bob, alice_api, now):
    theirs = make_debrief(bob)
    make_lesson(theirs)
    make_check_in(bob)

    for path in ["/api/debriefs", "/api/lessons", "/api/mood"]:
        assert alice_api.get(path).json() == {"items": [], "count": 0}
