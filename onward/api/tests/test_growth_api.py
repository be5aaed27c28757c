"""Growth over the API: skill gaps (by hand or from a lesson), the learning plan with its
target-date reminder, time logged into the routine, and where to grow."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
import time_machine

from onward.accounts.models import profile_for
from onward.core.reminders.models import Reminder
from onward.debrief.models import CompetencyRating, Debrief, DebriefStep
from onward.debrief.taxonomy import Habit, ReasonCategory
from onward.growth.models import LearningItem, LearningLog, SkillGap
from onward.routine.models import ActivityLog
from onward.routine.progress import routine_for
from onward.testing import (
    make_debrief,
    make_learning_item,
    make_lesson,
    make_skill_gap,
)

# A Wednesday; the routine's week (starting Monday) began on 13 May.
NOW = datetime(2024, 5, 15, 12, tzinfo=UTC)
STAMP = "2024-05-15T12:00:00Z"
HUGE_ID = 99999999999999999999
TOO_LARGE = "less than or equal to 9223372036854775807"

ROUTES = [
    ("get", "/api/skill-areas"),
    ("get", "/api/skill-gaps"),
    ("post", "/api/skill-gaps"),
    ("get", "/api/skill-gaps/1"),
    ("patch", "/api/skill-gaps/1"),
    ("delete", "/api/skill-gaps/1"),
    ("get", "/api/learning"),
    ("post", "/api/learning"),
    ("get", "/api/learning/1"),
    ("patch", "/api/learning/1"),
    ("delete", "/api/learning/1"),
    ("post", "/api/learning/1/log"),
]


@pytest.fixture(autouse=True)
def frozen(db):
    with time_machine.travel(NOW, tick=False):
        yield


def refused(response, field: str, message: str = "") -> None:
    """A 422 that names ``field`` (and says ``message``, when given)."""
    assert response.status_code == 422, response.content
    detail = response.json()["detail"]
    about = [error for error in detail if field in error["loc"]]
    assert about, detail
    if message:
        assert any(message in error["msg"] for error in about), detail


def in_berlin(user) -> None:
    profile = profile_for(user)
    profile.time_zone = "Europe/Berlin"
    profile.save(update_fields=["time_zone"])


def reminders(item) -> list[Reminder]:
    return list(Reminder.objects.for_target(item))


def learning_hours(user) -> int | Decimal:
    return routine_for(user).this_week.goal("learning_hours").done


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_it_answers_401_without_a_token(anonymous_api, method, path):
    assert getattr(anonymous_api, method)(path).status_code == 401


# --- Skill gaps -------------------------------------------------------------------------------
def test_it_names_a_skill_gap_by_hand(alice_api, alice):
    debrief = make_debrief(alice)

    response = alice_api.post(
        "/api/skill-gaps",
        {
            "name": "  System design  ",
            "why": "Froze on scale questions.",
            "competency": "problem_solving",
            "debrief_id": debrief.pk,
        },
    )

    assert response.status_code == 201
    gap = SkillGap.objects.get(user=alice)
    assert response.json() == {
        "id": gap.pk,
        "name": "System design",
        "why": "Froze on scale questions.",
        "competency": "problem_solving",
        "debrief_id": debrief.pk,
        "lesson_id": None,
        "status": "open",
        "item_count": 0,
        "created_at": STAMP,
        "closed_at": None,
        "items": [],
    }


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"name": "   "}, "name", "Name the skill, in a few words."),
        ({}, "name", "Name the skill, in a few words."),
        ({"name": None}, "name", "Name the skill, in a few words."),
        ({"name": "x" * 201}, "name", ""),
        ({"name": "SQL", "competency": "luck"}, "competency", "not a valid choice"),
        ({"name": "SQL", "status": "closed"}, "status", ""),
        ({"name": "SQL", "debrief_id": "abc"}, "debrief_id", ""),
        ({"name": "SQL", "debrief_id": HUGE_ID}, "debrief_id", TOO_LARGE),
        ({"lesson_id": HUGE_ID}, "lesson_id", TOO_LARGE),
    ],
)
def test_it_refuses_a_bad_skill_gap_with_the_field(alice_api, alice, body, field, message):
    refused(alice_api.post("/api/skill-gaps", body), field, message)
    assert not SkillGap.objects.exists()


def test_it_refuses_someone_elses_debrief_as_the_origin(alice_api, bob):
    response = alice_api.post(
        "/api/skill-gaps", {"name": "SQL", "debrief_id": make_debrief(bob).pk}
    )

    refused(response, "debrief_id", "No such debrief.")
    assert not SkillGap.objects.exists()


def test_it_makes_a_skill_gap_from_a_lesson_once(alice_api, alice):
    debrief = make_debrief(alice)
    lesson = make_lesson(
        debrief,
        text="I froze on scale questions in system design.",
        category="problem_solving",
        next_time="Two mock design sessions first.",
    )
    company = debrief.application.company.name

    first = alice_api.post("/api/skill-gaps", {"lesson_id": lesson.pk})
    again = alice_api.post("/api/skill-gaps", {"lesson_id": lesson.pk})

    assert (first.status_code, again.status_code) == (201, 200)
    gap = SkillGap.objects.get(user=alice)
    body = first.json()
    assert again.json() == body
    assert (body["id"], body["lesson_id"], body["debrief_id"]) == (gap.pk, lesson.pk, debrief.pk)
    assert body["name"] == "I froze on scale questions in system design."
    assert body["competency"] == "problem_solving"
    assert body["why"] == (
        f"A lesson from the {company} debrief: I froze on scale questions in system design.\n"
        "Next time: Two mock design sessions first."
    )
    # Naming the gap ticks the debrief's Upskill habit, as the button on the web does.
    assert debrief.steps.get(habit=Habit.UPSKILL).state == DebriefStep.State.DONE


def test_it_refuses_someone_elses_lesson(alice_api, bob):
    debrief = make_debrief(bob)
    lesson = make_lesson(debrief)

    response = alice_api.post("/api/skill-gaps", {"lesson_id": lesson.pk})

    refused(response, "lesson_id", "No such lesson.")
    assert not SkillGap.objects.exists()
    assert debrief.steps.get(habit=Habit.UPSKILL).state != DebriefStep.State.DONE


def test_it_takes_a_lesson_alone(alice_api, alice):
    lesson = make_lesson(make_debrief(alice))

    response = alice_api.post("/api/skill-gaps", {"lesson_id": lesson.pk, "name": "Mine"})

    refused(response, "lesson_id", "Send lesson_id alone")
    assert not SkillGap.objects.exists()


def test_it_lists_only_your_skill_gaps_newest_first_by_status(alice_api, alice, bob):
    older = make_skill_gap(alice, name="SQL", created_at=datetime(2024, 5, 1, tzinfo=UTC))
    newer = make_skill_gap(alice, name="Kubernetes")
    closed = make_skill_gap(
        alice, name="Excel", status="closed", created_at=datetime(2024, 4, 1, tzinfo=UTC)
    )
    make_skill_gap(bob, name="Bob's gap")
    make_learning_item(alice, skill_gap=older)
    make_learning_item(alice, skill_gap=older)

    everything = alice_api.get("/api/skill-gaps").json()
    closed_only = alice_api.get("/api/skill-gaps", {"status": "closed"}).json()

    assert everything["count"] == 3
    assert [(g["id"], g["item_count"]) for g in everything["items"]] == [
        (newer.pk, 0),
        (older.pk, 2),
        (closed.pk, 0),
    ]
    assert [g["id"] for g in closed_only["items"]] == [closed.pk]
    refused(alice_api.get("/api/skill-gaps", {"status": "gone"}), "status")


def test_it_shows_a_gap_with_its_items_and_their_hours(alice_api, alice):
    gap = make_skill_gap(alice)
    dated = make_learning_item(alice, title="Course", skill_gap=gap, target_date=date(2024, 6, 1))
    undated = make_learning_item(alice, title="Book", skill_gap=gap)
    make_learning_item(alice, title="Not for this gap")
    undated.log_time(Decimal("1.5"), date(2024, 5, 14))

    body = alice_api.get(f"/api/skill-gaps/{gap.pk}").json()

    assert body["item_count"] == 2
    assert [(i["id"], i["hours_logged"]) for i in body["items"]] == [
        (dated.pk, 0),
        (undated.pk, 1.5),
    ]


def test_it_edits_a_gap_and_moves_its_status_through_the_model(alice_api, alice):
    debrief = make_debrief(alice)
    gap = make_skill_gap(alice, name="SQL", debrief=debrief)
    url = f"/api/skill-gaps/{gap.pk}"

    edited = alice_api.patch(url, {"name": "SQL joins", "why": "Asked twice.", "debrief_id": None})
    closed = alice_api.patch(url, {"status": "closed"})
    with time_machine.travel(datetime(2024, 5, 20, tzinfo=UTC), tick=False):
        closed_again = alice_api.patch(url, {"status": "closed"})
        reopened = alice_api.patch(url, {"status": "working"})

    assert edited.status_code == 200
    assert (edited.json()["name"], edited.json()["why"]) == ("SQL joins", "Asked twice.")
    assert edited.json()["debrief_id"] is None and edited.json()["status"] == "open"
    assert (closed.json()["status"], closed.json()["closed_at"]) == ("closed", STAMP)
    # Closing what is closed changes nothing: it keeps the day it was closed.
    assert closed_again.json()["closed_at"] == STAMP
    assert (reopened.json()["status"], reopened.json()["closed_at"]) == ("working", None)
    gap.refresh_from_db()
    assert (gap.name, gap.debrief, gap.status, gap.closed_at) == (
        "SQL joins",
        None,
        "working",
        None,
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": None}, "name"),
        ({"name": "  "}, "name"),
        ({"why": None}, "why"),
        ({"status": "finished"}, "status"),
        ({"status": None}, "status"),
        ({"competency": "luck"}, "competency"),
        ({"lesson_id": 1}, "lesson_id"),
    ],
)
def test_a_gap_patch_keeps_the_rules(alice_api, alice, body, field):
    gap = make_skill_gap(alice, name="SQL")

    refused(alice_api.patch(f"/api/skill-gaps/{gap.pk}", body), field)

    gap.refresh_from_db()
    assert (gap.name, gap.status, gap.competency) == ("SQL", "open", "")


def test_a_gap_patch_refuses_someone_elses_debrief(alice_api, alice, bob):
    gap = make_skill_gap(alice, name="SQL")

    response = alice_api.patch(f"/api/skill-gaps/{gap.pk}", {"debrief_id": make_debrief(bob).pk})

    refused(response, "debrief_id", "No such debrief.")
    gap.refresh_from_db()
    assert gap.debrief is None


def test_it_removes_a_gap_and_keeps_its_items(alice_api, alice):
    gap = make_skill_gap(alice)
    item = make_learning_item(alice, skill_gap=gap)

    assert alice_api.delete(f"/api/skill-gaps/{gap.pk}").status_code == 204

    assert not SkillGap.objects.exists()
    item.refresh_from_db()
    assert item.skill_gap is None


def test_another_users_skill_gap_is_a_404(bob_api, alice):
    gap = make_skill_gap(alice, name="Mine")
    url = f"/api/skill-gaps/{gap.pk}"

    assert bob_api.get(url).status_code == 404
    assert bob_api.patch(url, {"name": "Theirs", "status": "closed"}).status_code == 404
    assert bob_api.delete(url).status_code == 404
    assert bob_api.get("/api/skill-gaps").json()["count"] == 0
    gap.refresh_from_db()
    assert (gap.name, gap.status) == ("Mine", "open")


def test_a_huge_id_is_a_404_not_an_error(alice_api):
    assert alice_api.get(f"/api/skill-gaps/{HUGE_ID}").status_code == 404
    assert alice_api.get(f"/api/learning/{HUGE_ID}").status_code == 404
    # An id no database can hold, in a body or a filter, is refused before any query.
    refused(alice_api.get("/api/learning", {"skill_gap_id": HUGE_ID}), "skill_gap_id", TOO_LARGE)


# --- The learning plan ------------------------------------------------------------------------
def test_it_adds_an_item_with_a_reminder_on_the_target_morning(alice_api, alice):
    in_berlin(alice)
    gap = make_skill_gap(alice)

    response = alice_api.post(
        "/api/learning",
        {
            "title": " Design course ",
            "kind": "book",
            "skill_gap_id": gap.pk,
            "url": "https://learn.example/design",
            "target_date": "2024-06-01",
            "notes": "Modules 1–4",
        },
    )

    assert response.status_code == 201
    item = LearningItem.objects.get(user=alice)
    (reminder,) = reminders(item)
    assert (reminder.kind, reminder.title) == ("learning_target", "Finish by today: Design course")
    assert reminder.due_at == datetime(2024, 6, 1, 7, tzinfo=UTC)  # 9:00 in Berlin
    assert response.json() == {
        "id": item.pk,
        "title": "Design course",
        "kind": "book",
        "url": "https://learn.example/design",
        "status": "planned",
        "target_date": "2024-06-01",
        "notes": "Modules 1–4",
        "skill_gap_id": gap.pk,
        "hours_logged": 0,
        "created_at": STAMP,
        "done_at": None,
        "logs": [],
        "reminder": {"id": reminder.pk, "due_at": "2024-06-01T07:00:00Z", "snoozed_until": None},
    }


def test_it_adds_an_item_without_a_date_and_without_a_reminder(alice_api, alice):
    response = alice_api.post("/api/learning", {"title": "Practice"})

    assert response.status_code == 201
    body = response.json()
    assert (body["kind"], body["status"], body["reminder"]) == ("course", "planned", None)
    assert not Reminder.objects.exists()


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"title": ""}, "title", ""),
        ({"title": "   "}, "title", ""),
        ({"title": "x" * 201}, "title", ""),
        ({}, "title", ""),
        ({"title": "X", "kind": "podcast"}, "kind", ""),
        ({"title": "X", "url": "ftp://files.example/c.zip"}, "url", "starts with http://"),
        ({"title": "X", "url": "javascript:alert(1)"}, "url", "Enter a valid URL."),
        ({"title": "X", "target_date": "2024-05-14"}, "target_date", "That date has passed"),
        ({"title": "X", "target_date": "0001-01-01"}, "target_date", ""),
        ({"title": "X", "target_date": "9999-12-31"}, "target_date", ""),
        ({"title": "X", "target_date": "2024-02-30"}, "target_date", ""),
        ({"title": "X", "skill_gap_id": HUGE_ID}, "skill_gap_id", TOO_LARGE),
        ({"title": "X", "status": "done"}, "status", ""),
    ],
)
def test_it_refuses_a_bad_item_with_the_field(alice_api, alice, body, field, message):
    refused(alice_api.post("/api/learning", body), field, message)
    assert not LearningItem.objects.exists()
    assert not Reminder.objects.exists()


def test_it_refuses_someone_elses_skill_gap(alice_api, bob):
    response = alice_api.post(
        "/api/learning", {"title": "X", "skill_gap_id": make_skill_gap(bob).pk}
    )

    refused(response, "skill_gap_id", "No such skill gap.")
    assert not LearningItem.objects.exists()


def test_it_lists_only_your_items_with_their_hours(alice_api, alice, bob):
    gap = make_skill_gap(alice)
    undated = make_learning_item(alice, title="Undated", skill_gap=gap)
    later = make_learning_item(alice, title="Later", target_date=date(2024, 7, 1))
    sooner = make_learning_item(alice, title="Sooner", target_date=date(2024, 6, 1))
    done = make_learning_item(alice, title="Done", status="done")
    make_learning_item(bob, title="Bob's")
    undated.log_time(Decimal("2"), date(2024, 5, 14))
    undated.log_time(Decimal("0.5"), date(2024, 5, 15))

    everything = alice_api.get("/api/learning").json()
    in_progress = alice_api.get("/api/learning", {"status": "in_progress"}).json()
    for_gap = alice_api.get("/api/learning", {"skill_gap_id": gap.pk}).json()

    # Soonest target first and undated ones last, on every database.
    assert everything["count"] == 4
    assert [(i["id"], i["hours_logged"]) for i in everything["items"]] == [
        (sooner.pk, 0),
        (later.pk, 0),
        (done.pk, 0),
        (undated.pk, 2.5),
    ]
    assert [i["id"] for i in in_progress["items"]] == [undated.pk]
    assert [i["id"] for i in for_gap["items"]] == [undated.pk]
    refused(alice_api.get("/api/learning", {"status": "paused"}), "status")


def test_it_shows_an_item_with_its_logs_newest_first(alice_api, alice):
    item = make_learning_item(alice, title="Course")
    first = item.log_time(Decimal("1"), date(2024, 5, 10), "Module 1")
    second = item.log_time(Decimal("1.5"), date(2024, 5, 14), "Module 2")

    body = alice_api.get(f"/api/learning/{item.pk}").json()

    assert body["hours_logged"] == 2.5 and body["status"] == "in_progress"
    assert body["logs"] == [
        {
            "id": second.pk,
            "activity_id": second.activity_id,
            "on": "2024-05-14",
            "hours": 1.5,
            "note": "Course: Module 2",
        },
        {
            "id": first.pk,
            "activity_id": first.activity_id,
            "on": "2024-05-10",
            "hours": 1.0,
            "note": "Course: Module 1",
        },
    ]


def test_it_moves_the_reminder_with_the_date_and_the_title(alice_api, alice):
    in_berlin(alice)
    item_id = alice_api.post("/api/learning", {"title": "Course", "target_date": "2024-06-01"})
    item = LearningItem.objects.get(pk=item_id.json()["id"])
    (reminder,) = reminders(item)

    response = alice_api.patch(
        f"/api/learning/{item.pk}", {"title": "Design course", "target_date": "2024-06-10"}
    )

    assert response.status_code == 200
    (moved,) = reminders(item)
    assert moved.pk == reminder.pk
    assert moved.due_at == datetime(2024, 6, 10, 7, tzinfo=UTC)
    assert moved.title == "Finish by today: Design course"
    assert response.json()["reminder"]["due_at"] == "2024-06-10T07:00:00Z"


def test_it_removes_the_reminder_when_the_date_is_cleared(alice_api, alice):
    item_id = alice_api.post("/api/learning", {"title": "X", "target_date": "2024-06-01"})
    url = f"/api/learning/{item_id.json()['id']}"

    response = alice_api.patch(url, {"target_date": None})

    assert response.status_code == 200
    assert response.json()["target_date"] is None and response.json()["reminder"] is None
    assert not Reminder.objects.exists()


def test_it_settles_the_reminder_when_done_and_reopens_it_if_not(alice_api, alice):
    item_id = alice_api.post("/api/learning", {"title": "X", "target_date": "2024-06-01"})
    item = LearningItem.objects.get(pk=item_id.json()["id"])
    url = f"/api/learning/{item.pk}"

    done = alice_api.patch(url, {"status": "done"})

    assert (done.json()["status"], done.json()["done_at"]) == ("done", STAMP)
    assert done.json()["reminder"] is None
    (reminder,) = reminders(item)
    assert reminder.done_at == NOW

    undone = alice_api.patch(url, {"status": "in_progress"})

    assert (undone.json()["status"], undone.json()["done_at"]) == ("in_progress", None)
    (reminder,) = reminders(item)
    assert reminder.done_at is None
    assert undone.json()["reminder"]["id"] == reminder.pk


def test_it_keeps_a_target_date_that_has_since_passed(alice_api, alice):
    item = make_learning_item(alice, title="Course", target_date=date(2024, 5, 1))
    url = f"/api/learning/{item.pk}"

    kept = alice_api.patch(url, {"title": "Renamed", "target_date": "2024-05-01"})
    moved_back = alice_api.patch(url, {"target_date": "2024-05-02"})

    assert kept.status_code == 200
    refused(moved_back, "target_date", "That date has passed")
    item.refresh_from_db()
    assert (item.title, item.target_date) == ("Renamed", date(2024, 5, 1))


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": None}, "title"),
        ({"title": " "}, "title"),
        ({"kind": None}, "kind"),
        ({"url": "ftp://files.example/"}, "url"),
        ({"notes": None}, "notes"),
        ({"status": "paused"}, "status"),
        ({"status": None}, "status"),
        ({"target_date": "0001-01-01"}, "target_date"),
        ({"skill_gap_id": HUGE_ID}, "skill_gap_id"),
        ({"hours_logged": 3}, "hours_logged"),
    ],
)
def test_an_item_patch_keeps_the_rules(alice_api, alice, body, field):
    item = make_learning_item(alice, title="Course")

    refused(alice_api.patch(f"/api/learning/{item.pk}", body), field)

    item.refresh_from_db()
    assert (item.title, item.status, item.url, item.target_date) == ("Course", "planned", "", None)


def test_it_links_and_unlinks_an_item_and_a_gap(alice_api, alice, bob):
    gap = make_skill_gap(alice)
    item = make_learning_item(alice)
    url = f"/api/learning/{item.pk}"

    linked = alice_api.patch(url, {"skill_gap_id": gap.pk})
    theirs = alice_api.patch(url, {"skill_gap_id": make_skill_gap(bob).pk})
    unlinked = alice_api.patch(url, {"skill_gap_id": None})

    assert linked.json()["skill_gap_id"] == gap.pk
    refused(theirs, "skill_gap_id", "No such skill gap.")
    assert unlinked.json()["skill_gap_id"] is None


def test_it_removes_an_item_and_its_reminder_and_keeps_the_time(alice_api, alice):
    item_id = alice_api.post("/api/learning", {"title": "X", "target_date": "2024-06-01"})
    url = f"/api/learning/{item_id.json()['id']}"
    alice_api.post(f"{url}/log", {"hours": 1, "on": "2024-05-15"})

    assert alice_api.delete(url).status_code == 204

    assert not LearningItem.objects.exists()
    assert not Reminder.objects.exists()
    assert ActivityLog.objects.get(user=alice).hours == Decimal("1")
    assert learning_hours(alice) == Decimal("1")


def test_another_users_learning_item_is_a_404(bob_api, bob, alice):
    item = make_learning_item(alice, title="Mine")
    url = f"/api/learning/{item.pk}"

    assert bob_api.get(url).status_code == 404
    assert bob_api.patch(url, {"title": "Theirs", "status": "done"}).status_code == 404
    assert bob_api.post(f"{url}/log", {"hours": 1, "on": "2024-05-15"}).status_code == 404
    assert bob_api.delete(url).status_code == 404
    assert bob_api.get("/api/learning").json()["count"] == 0
    item.refresh_from_db()
    assert (item.title, item.status) == ("Mine", "planned")
    assert not ActivityLog.objects.exists()


# --- Logging time -----------------------------------------------------------------------------
def test_logged_time_counts_towards_the_weekly_learning_hours(alice_api, alice):
    item = make_learning_item(alice, title="System design course")
    assert learning_hours(alice) == 0

    response = alice_api.post(
        f"/api/learning/{item.pk}/log", {"hours": 1.5, "on": "2024-05-14", "note": "Module 2"}
    )

    assert response.status_code == 201
    activity = ActivityLog.objects.get(user=alice)
    log = LearningLog.objects.get()
    assert log.activity == activity and log.learning_item == item
    assert (activity.kind, activity.on, activity.hours, activity.note) == (
        "learning",
        date(2024, 5, 14),
        Decimal("1.5"),
        "System design course: Module 2",
    )
    assert learning_hours(alice) == Decimal("1.5")
    body = response.json()
    assert body["log"] == {
        "id": log.pk,
        "activity_id": activity.pk,
        "on": "2024-05-14",
        "hours": 1.5,
        "note": "System design course: Module 2",
    }
    # Logging time on a planned item starts it.
    assert (body["item"]["id"], body["item"]["status"], body["item"]["hours_logged"]) == (
        item.pk,
        "in_progress",
        1.5,
    )


def test_it_totals_the_hours_and_counts_each_in_its_week(alice_api, alice):
    item = make_learning_item(alice, status="done")
    url = f"/api/learning/{item.pk}/log"

    alice_api.post(url, {"hours": "1.5", "on": "2024-05-15"})
    response = alice_api.post(url, {"hours": 2, "on": "2024-05-01"})

    assert response.json()["item"]["hours_logged"] == 3.5
    assert response.json()["item"]["status"] == "done"  # only a planned item is moved along
    assert learning_hours(alice) == Decimal("1.5")  # 1 May was an earlier week


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"hours": 0, "on": "2024-05-15"}, "hours", "more than 0 hours"),
        ({"hours": -2, "on": "2024-05-15"}, "hours", "more than 0 hours"),
        ({"hours": 25, "on": "2024-05-15"}, "hours", "log at most 24 at a time"),
        ({"hours": 1.3, "on": "2024-05-15"}, "hours", "quarter hours"),
        ({"hours": "lots", "on": "2024-05-15"}, "hours", ""),
        ({"on": "2024-05-15"}, "hours", ""),
        ({"hours": 1, "on": "2024-05-16"}, "on", "not time you plan to spend"),
        ({"hours": 1, "on": "0001-01-01"}, "on", ""),
        ({"hours": 1, "on": "2024-02-30"}, "on", ""),
        ({"hours": 1}, "on", ""),
        ({"hours": 1, "on": "2024-05-15", "note": "x" * 121}, "note", "at most 120"),
        ({"hours": 1, "on": "2024-05-15", "kind": "practice"}, "kind", ""),
    ],
)
def test_it_refuses_bad_time_with_the_field(alice_api, alice, body, field, message):
    item = make_learning_item(alice)

    refused(alice_api.post(f"/api/learning/{item.pk}/log", body), field, message)

    assert not ActivityLog.objects.exists()
    item.refresh_from_db()
    assert item.status == "planned"


def test_it_reads_the_future_in_the_users_time_zone(alice_api, alice):
    """At 12:00 UTC it is already the 16th in Auckland: time logged on the 16th is today."""
    profile = profile_for(alice)
    profile.time_zone = "Pacific/Auckland"
    profile.save(update_fields=["time_zone"])
    item = make_learning_item(alice)

    response = alice_api.post(f"/api/learning/{item.pk}/log", {"hours": 1, "on": "2024-05-16"})

    assert response.status_code == 201
    assert learning_hours(alice) == Decimal("1")


# --- Where to grow ----------------------------------------------------------------------------
def rate(debrief, **ratings):
    for competency, rating in ratings.items():
        CompetencyRating.objects.create(debrief=debrief, competency=competency, rating=rating)


def test_it_suggests_where_to_grow_from_your_debriefs_only(alice_api, alice, bob):
    first, second = make_debrief(alice), make_debrief(alice)
    rate(first, examples=2, communication=2)
    rate(second, examples=3, communication=3)
    Debrief.objects.filter(pk__in=[first.pk, second.pk]).update(
        reason_category=ReasonCategory.SKILLS_GAP
    )
    make_skill_gap(alice, name="Better stories", competency="examples")
    for rating in (1, 1):
        rate(make_debrief(bob), role_skills=rating)

    response = alice_api.get("/api/skill-areas")

    assert response.status_code == 200
    body = response.json()
    assert body["competencies"] == [
        {
            "key": "competency:communication",
            "name": "Communication",
            "text": "You rated communication 2.5 on average over 2 debriefs.",
            "competency": "communication",
            "already_a_gap": False,
        },
        {
            "key": "competency:examples",
            "name": "Examples and stories",
            "text": "You rated examples and stories 2.5 on average over 2 debriefs.",
            "competency": "examples",
            "already_a_gap": True,
        },
    ]
    assert body["competencies_missing"] == ""
    assert body["lessons"] == []
    assert body["lessons_missing"].startswith("You have written 0 lessons so far")
    assert body["skills_gap"] == {
        "key": "reason:skills_gap",
        "name": "The skills employers said were missing",
        "text": "A skills gap was the reason, given or in feedback, in 2 of your 2 debriefs.",
        "competency": "",
        "already_a_gap": False,
    }
    assert body["skills_gap_missing"] == ""
    assert sorted(body["skills_gap_debrief_ids"]) == sorted([first.pk, second.pk])


def test_it_says_what_is_missing_when_there_is_too_little_data(alice_api, alice):
    body = alice_api.get("/api/skill-areas").json()

    assert (body["competencies"], body["lessons"], body["skills_gap"]) == ([], [], None)
    assert "You have rated yourself in no debrief yet." in body["competencies_missing"]
    assert "in none of your 0 debriefs" in body["skills_gap_missing"]
    assert body["skills_gap_debrief_ids"] == []
