"""The routine and the wins journal over the API: the activity log, the week's progress and
streak as the Today page computes them, weekly goals, wins and Onward's suggested wins."""

import json
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from onward.accounts.models import profile_for
from onward.routine.models import ActivityLog, WeeklyGoals, settings_for
from onward.testing import (
    make_activity,
    make_application,
    make_contact,
    make_goals,
    make_interaction,
    make_reminder,
    make_rest,
    make_win,
)
from onward.wellbeing.models import Win

NOW = datetime(2024, 5, 15, 12, tzinfo=UTC)  # a Wednesday; this week began Monday 13 May
THIS_WEEK = date(2024, 5, 13)
GOALS = {"applications": 0, "touches": 1, "follow_ups": 0, "learning_hours": 3, "practice": 2}

ROUTES = [
    ("get", "/api/activities"),
    ("post", "/api/activities"),
    ("delete", "/api/activities/1"),
    ("get", "/api/routine/week"),
    ("put", "/api/routine/goals"),
    ("get", "/api/wins"),
    ("post", "/api/wins"),
    ("delete", "/api/wins/1"),
    ("get", "/api/wins/suggestions"),
    ("post", "/api/wins/suggestions"),
]


def put(api, path: str, body: dict):
    return api.client.put(path, json.dumps(body), content_type="application/json")


def week(n: int) -> date:
    """The Monday ``n`` weeks before this week."""
    return THIS_WEEK - timedelta(weeks=n)


@pytest.fixture
def now():
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def goals(alice, now):
    make_goals(alice, date(2024, 1, 1), **GOALS)
    return alice


def meet(user, monday: date):
    """Every goal of GOALS met in the week of ``monday``."""
    make_activity(user, "practice", on=monday)
    make_activity(user, "practice", on=monday + timedelta(days=1))
    make_activity(user, "learning", on=monday, hours=3)
    make_activity(user, "event", on=monday + timedelta(days=2))


def goal(key, label, done, goal, target=None, met=False, remaining=0, percent=0):
    target = goal if target is None else target
    return {
        "key": key,
        "label": label,
        "done": done,
        "goal": goal,
        "target": target,
        "met": met,
        "remaining": remaining,
        "percent": percent,
    }


def detail_of(response) -> str:
    assert response.status_code == 422, response.content
    return str(response.json()["detail"])


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_it_answers_401_without_a_token(anonymous_api, method, path):
    if method == "put":
        response = put(anonymous_api, path, {})
    else:
        response = getattr(anonymous_api, method)(path)
    assert response.status_code == 401


# --- Activities ------------------------------------------------------------------------------
def test_it_logs_an_activity(alice_api, now):
    response = alice_api.post(
        "/api/activities",
        {"kind": "learning", "on": "2024-05-14", "hours": 1.5, "note": " SQL course "},
    )

    assert response.status_code == 201
    body = response.json()
    assert body == {
        "id": body["id"],
        "kind": "learning",
        "on": "2024-05-14",
        "hours": 1.5,
        "note": "SQL course",
        "created_at": "2024-05-15T12:00:00Z",
    }
    activity = ActivityLog.objects.get(pk=body["id"])
    assert (activity.kind, activity.on, activity.hours.normalize().to_eng_string()) == (
        "learning",
        date(2024, 5, 14),
        "1.5",
    )


def test_the_default_day_is_today_in_the_users_zone(alice, alice_api, now):
    profile = profile_for(alice)
    profile.time_zone = "Pacific/Auckland"  # 00:00 on Thursday 16 May there
    profile.save(update_fields=["time_zone"])

    body = alice_api.post("/api/activities", {"kind": "practice"}).json()

    assert (body["on"], body["hours"], body["note"]) == ("2024-05-16", None, "")


def test_it_lists_activities_newest_first_and_filters_them(alice, bob, alice_api, now):
    old = make_activity(alice, "practice", on=date(2024, 5, 1))
    event = make_activity(alice, "event", on=date(2024, 5, 10), note="Meetup")
    first = make_activity(alice, "learning", on=date(2024, 5, 14), hours=2)
    second = make_activity(alice, "practice", on=date(2024, 5, 14))
    make_activity(bob, "practice", on=date(2024, 5, 14))

    def ids(params=None):
        body = alice_api.get("/api/activities", params).json()
        assert body["count"] == len(body["items"])
        return [a["id"] for a in body["items"]]

    assert ids() == [second.pk, first.pk, event.pk, old.pk]
    assert ids({"since": "2024-05-10"}) == [second.pk, first.pk, event.pk]
    assert ids({"until": "2024-05-10"}) == [event.pk, old.pk]
    assert ids({"since": "2024-05-02", "until": "2024-05-13"}) == [event.pk]
    assert ids({"kind": "practice"}) == [second.pk, old.pk]
    assert alice_api.get("/api/activities").json()["items"][2] == {
        "id": event.pk,
        "kind": "event",
        "on": "2024-05-10",
        "hours": None,
        "note": "Meetup",
        "created_at": "2024-05-15T12:00:00Z",
    }


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"since": "2024-05-10", "until": "2024-05-01"}, "until"),
        ({"since": "2024-02-30"}, "since"),
        ({"kind": "napping"}, "kind"),
    ],
)
def test_it_refuses_bad_filters(alice_api, now, params, field):
    assert field in detail_of(alice_api.get("/api/activities", params))


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "learning", "on": "2024-05-14"}, "hours"),
        ({"kind": "learning", "hours": 0}, "hours"),
        ({"kind": "learning", "hours": 1.3}, "hours"),
        ({"kind": "learning", "hours": 25}, "hours"),
        ({"kind": "learning", "hours": "a lot"}, "hours"),
        ({"kind": "practice", "on": "2024-05-17"}, "on"),  # the day after tomorrow
        ({"kind": "practice", "on": "0001-01-01"}, "on"),
        ({"kind": "practice", "on": "9999-12-31"}, "on"),
        ({"kind": "napping"}, "kind"),
        ({"on": "2024-05-14"}, "kind"),
        ({"kind": "practice", "note": "x" * 201}, "note"),
        ({"kind": "practice", "user": 2}, "user"),
    ],
)
def test_it_refuses_a_bad_activity_with_the_field(alice_api, now, body, field):
    assert field in detail_of(alice_api.post("/api/activities", body))
    assert not ActivityLog.objects.exists()


def test_it_logs_for_tomorrow_as_the_model_allows(alice_api, now):
    """The model leaves a day of slack (a late evening in another zone)."""
    response = alice_api.post("/api/activities", {"kind": "practice", "on": "2024-05-16"})
    assert response.status_code == 201


def test_it_deletes_an_activity(alice, alice_api, now):
    activity = make_activity(alice)

    assert alice_api.delete(f"/api/activities/{activity.pk}").status_code == 204
    assert not ActivityLog.objects.exists()
    assert alice_api.delete(f"/api/activities/{activity.pk}").status_code == 404


def test_another_users_activity_is_a_404(alice, bob_api, now):
    activity = make_activity(alice)

    assert bob_api.delete(f"/api/activities/{activity.pk}").status_code == 404
    assert bob_api.get("/api/activities").json() == {"items": [], "count": 0}
    assert ActivityLog.objects.filter(pk=activity.pk).exists()


# --- The week --------------------------------------------------------------------------------
def test_it_answers_this_weeks_progress_as_the_today_page(goals, alice_api):
    alice = goals
    meet(alice, week(1))
    meet(alice, week(2))
    make_activity(alice, "practice", on=THIS_WEEK)
    make_activity(alice, "practice", on=THIS_WEEK + timedelta(days=1))
    make_activity(alice, "learning", on=THIS_WEEK, hours=1.5)
    make_interaction(make_contact(alice), happened_on=THIS_WEEK)  # counted from the network
    make_application(alice, "Applied")  # counted from the board, though no goal is set
    make_reminder(alice, done_at=NOW)  # a follow-up done

    response = alice_api.get("/api/routine/week")

    assert response.status_code == 200
    assert response.json() == {
        "starts_on": "2024-05-13",
        "ends_on": "2024-05-19",
        "week_start": 0,
        "days_left": 5,
        "rest_days": 0,
        "is_rest_week": False,
        "met": False,
        "streak": 2,  # the last two weeks; this one is still going
        "goals": [
            goal("applications", "Applications sent", 1, 0),
            goal("touches", "Networking touches", 1, 1, met=True, percent=100),
            goal("follow_ups", "Follow-ups done", 1, 0),
            goal("learning_hours", "Learning hours", 1.5, 3, remaining=1.5, percent=50),
            goal("practice", "Practice sessions", 2, 2, met=True, percent=100),
        ],
    }
    assert alice_api.get("/api/routine/week", {"day": "2024-05-19"}).json() == response.json()


def test_it_answers_a_past_week_as_it_stood(goals, alice_api):
    alice = goals
    meet(alice, week(1))
    meet(alice, week(2))

    body = alice_api.get("/api/routine/week", {"day": "2024-05-01"}).json()

    assert (body["starts_on"], body["ends_on"], body["days_left"]) == (
        "2024-04-29",
        "2024-05-05",
        0,
    )
    assert (body["met"], body["streak"]) == (True, 1)
    assert body["goals"][3] == goal("learning_hours", "Learning hours", 3, 3, met=True, percent=100)
    assert alice_api.get("/api/routine/week", {"day": "2024-05-06"}).json()["streak"] == 2


def test_planned_rest_lowers_the_targets(goals, alice_api):
    make_rest(goals, THIS_WEEK + timedelta(days=3), THIS_WEEK + timedelta(days=6))  # Thu-Sun
    make_rest(goals, week(1), week(1) + timedelta(days=6))

    body = alice_api.get("/api/routine/week").json()
    last = alice_api.get("/api/routine/week", {"day": week(1).isoformat()}).json()

    assert (body["rest_days"], body["is_rest_week"]) == (4, False)
    assert [(g["goal"], g["target"]) for g in body["goals"]] == [
        (0, 0),
        (1, 0),
        (0, 0),
        (3, 1),
        (2, 1),
    ]
    assert (last["rest_days"], last["is_rest_week"], last["streak"]) == (7, True, 0)


def test_the_week_starts_on_the_users_day_in_the_users_zone(alice, alice_api, now):
    profile = profile_for(alice)
    profile.time_zone = "America/Los_Angeles"
    profile.save(update_fields=["time_zone"])
    routine = settings_for(alice)
    routine.week_start = 6  # Sunday
    routine.save(update_fields=["week_start"])

    body = alice_api.get("/api/routine/week").json()

    assert (body["starts_on"], body["week_start"], body["days_left"]) == ("2024-05-12", 6, 4)


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("2024-05-20", "not started"),
        ("1949-12-31", "too far in the past"),
        ("0001-01-01", "too far in the past"),
        ("2024-02-30", "day"),
        ("soon", "day"),
    ],
)
def test_it_refuses_a_bad_day(alice_api, now, day, message):
    detail = detail_of(alice_api.get("/api/routine/week", {"day": day}))
    assert message in detail and "day" in detail


# --- Goals -----------------------------------------------------------------------------------
NEW_GOALS = {"applications": 8, "touches": 4, "follow_ups": 3, "learning_hours": 5, "practice": 0}


def test_it_sets_this_weeks_goals_and_keeps_the_past(alice, alice_api, now):
    response = put(alice_api, "/api/routine/goals", NEW_GOALS)
    again = put(alice_api, "/api/routine/goals", {**NEW_GOALS, "applications": 9})

    assert response.status_code == 200
    assert response.json() == {"starts_on": "2024-05-13", **NEW_GOALS}
    assert again.json() == {"starts_on": "2024-05-13", **NEW_GOALS, "applications": 9}
    assert WeeklyGoals.objects.get(user=alice).applications == 9
    this_week = alice_api.get("/api/routine/week").json()["goals"]
    last_week = alice_api.get("/api/routine/week", {"day": "2024-05-12"}).json()["goals"]
    assert [g["goal"] for g in this_week] == [9, 4, 3, 5, 0]
    assert [g["goal"] for g in last_week] == [5, 3, 2, 2, 1]  # the defaults it had


def test_it_sets_next_weeks_goals_as_after_a_review(alice, alice_api, now):
    response = put(alice_api, "/api/routine/goals", {**NEW_GOALS, "week": "next"})

    assert response.json() == {"starts_on": "2024-05-20", **NEW_GOALS}
    assert [g["goal"] for g in alice_api.get("/api/routine/week").json()["goals"]] == [
        5,
        3,
        2,
        2,
        1,
    ]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**NEW_GOALS, "applications": 101}, "applications"),
        ({**NEW_GOALS, "touches": -1}, "touches"),
        ({**NEW_GOALS, "learning_hours": 2.5}, "learning_hours"),
        ({**NEW_GOALS, "follow_ups": 10**30}, "follow_ups"),
        ({k: v for k, v in NEW_GOALS.items() if k != "practice"}, "practice"),
        ({**NEW_GOALS, "week": "last"}, "week"),
        ({**NEW_GOALS, "starts_on": "2024-01-01"}, "starts_on"),
    ],
)
def test_it_refuses_bad_goals_with_the_field(alice_api, now, body, field):
    assert field in detail_of(put(alice_api, "/api/routine/goals", body))
    assert not WeeklyGoals.objects.exists()


def test_goals_are_each_users_own(alice, bob_api, now):
    make_goals(alice, THIS_WEEK, applications=1)

    put(bob_api, "/api/routine/goals", NEW_GOALS)

    assert WeeklyGoals.objects.get(user=alice).applications == 1
    assert [g["goal"] for g in bob_api.get("/api/routine/week").json()["goals"]] == [
        8,
        4,
        3,
        5,
        0,
    ]


# --- Wins ------------------------------------------------------------------------------------
def test_it_adds_a_win(alice_api, now):
    response = alice_api.post("/api/wins", {"title": "Finished the take-home", "note": "Phew"})

    assert response.status_code == 201
    body = response.json()
    assert body == {
        "id": body["id"],
        "title": "Finished the take-home",
        "note": "Phew",
        "happened_on": "2024-05-15",
        "suggested": False,
        "key": "",
        "status": "accepted",
        "created_at": "2024-05-15T12:00:00Z",
    }
    assert Win.objects.get().title == "Finished the take-home"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": "Offer!", "happened_on": "2024-05-16"}, "happened_on"),
        ({"title": "Offer!", "happened_on": "0001-01-01"}, "happened_on"),
        ({"title": ""}, "title"),
        ({"title": "   "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"note": "No title"}, "title"),
        ({"title": "Offer!", "status": "dismissed"}, "status"),
        ({"title": "Offer!", "key": "offer:1"}, "key"),
    ],
)
def test_it_refuses_a_bad_win_with_the_field(alice_api, now, body, field):
    assert field in detail_of(alice_api.post("/api/wins", body))
    assert not Win.objects.exists()


def test_it_lists_the_journal_only(alice, bob, alice_api, now):
    written = make_win(alice, "Wrote to an old colleague", happened_on=date(2024, 5, 14))
    accepted = make_win(alice, "An offer", key="offer:1", happened_on=date(2024, 5, 10))
    make_win(alice, "Dismissed", key="offer:2", status="dismissed")
    make_win(bob, "Bob's")

    body = alice_api.get("/api/wins").json()

    assert body["count"] == 2
    assert [(w["id"], w["suggested"], w["key"]) for w in body["items"]] == [
        (written.pk, False, ""),
        (accepted.pk, True, "offer:1"),
    ]


def test_removing_a_win_deletes_yours_and_dismisses_a_suggested_one(alice, alice_api, now):
    written = make_win(alice)
    suggested = make_win(alice, "An offer", key="offer:1")

    assert alice_api.delete(f"/api/wins/{written.pk}").status_code == 204
    assert alice_api.delete(f"/api/wins/{suggested.pk}").status_code == 204

    assert not Win.objects.filter(pk=written.pk).exists()
    suggested.refresh_from_db()
    assert suggested.status == "dismissed"  # stored, so it is never suggested again
    assert alice_api.delete(f"/api/wins/{suggested.pk}").status_code == 404
    assert alice_api.get("/api/wins").json()["count"] == 0


def test_another_users_win_is_a_404(alice, bob_api, now):
    win = make_win(alice)

    assert bob_api.delete(f"/api/wins/{win.pk}").status_code == 404
    assert bob_api.get("/api/wins").json() == {"items": [], "count": 0}
    assert Win.objects.get(pk=win.pk).status == "accepted"


# --- Suggested wins --------------------------------------------------------------------------
def test_it_suggests_wins_and_takes_decisions(goals, alice_api):
    meet(goals, week(1))
    meet(goals, week(2))
    met = "1 networking touch, 3 hours of learning, 2 practice sessions"

    listed = alice_api.get("/api/wins/suggestions").json()
    accepted = alice_api.post(
        "/api/wins/suggestions", {"key": "goals-met:2024-05-06", "decision": "accept"}
    )
    dismissed = alice_api.post(
        "/api/wins/suggestions", {"key": "goals-met:2024-04-29", "decision": "dismiss"}
    )

    assert listed == {
        "items": [
            {
                "key": "goals-met:2024-05-06",
                "title": f"Every weekly goal met, week of 6 May: {met}",
                "happened_on": "2024-05-12",
            },
            {
                "key": "goals-met:2024-04-29",
                "title": f"Every weekly goal met, week of 29 Apr: {met}",
                "happened_on": "2024-05-05",
            },
        ],
        "count": 2,
    }
    assert accepted.status_code == 200
    body = accepted.json()
    assert (body["title"], body["happened_on"], body["suggested"], body["status"]) == (
        f"Every weekly goal met, week of 6 May: {met}",
        "2024-05-12",
        True,
        "accepted",
    )
    assert dismissed.json()["status"] == "dismissed"
    assert alice_api.get("/api/wins/suggestions").json() == {"items": [], "count": 0}
    assert [w["key"] for w in alice_api.get("/api/wins").json()["items"]] == [
        "goals-met:2024-05-06"
    ]


def test_a_suggestion_is_decided_once(goals, alice_api):
    meet(goals, week(1))
    key = "goals-met:2024-05-06"
    alice_api.post("/api/wins/suggestions", {"key": key, "decision": "dismiss"})

    again = alice_api.post("/api/wins/suggestions", {"key": key, "decision": "accept"})

    assert again.json()["status"] == "dismissed"
    assert Win.objects.get().status == "dismissed"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"key": "offer:1", "decision": "accept"}, "key"),
        ({"key": "goals-met:2024-05-06", "decision": "maybe"}, "decision"),
        ({"decision": "accept"}, "key"),
    ],
)
def test_it_refuses_a_bad_decision_with_the_field(goals, alice_api, body, field):
    meet(goals, week(1))
    assert field in detail_of(alice_api.post("/api/wins/suggestions", body))
    assert not Win.objects.exists()


def test_suggestions_come_from_the_users_own_data(goals, bob_api):
    meet(goals, week(1))

    assert bob_api.get("/api/wins/suggestions").json() == {"items": [], "count": 0}
    response = bob_api.post(
        "/api/wins/suggestions", {"key": "goals-met:2024-05-06", "decision": "accept"}
    )
    assert "key" in detail_of(response)
    assert not Win.objects.exists()
