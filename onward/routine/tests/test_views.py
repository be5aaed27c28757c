"""The routine's pages and forms: log activity, goals and rest, weekly reviews."""

import html
import json
import re
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from onward.routine.models import (
    ActivityLog,
    RestPeriod,
    RoutineSettings,
    WeeklyGoals,
    WeeklyReview,
)
from onward.testing import make_activity, make_application, make_rest, make_review

pytestmark = pytest.mark.django_db

NOW = datetime(2024, 5, 15, 12, tzinfo=UTC)  # Wednesday; the week began Monday 13 May


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_it_logs_an_activity_and_the_goal_moves(alice_client, alice):
    make_application(alice)
    response = alice_client.post(
        reverse("routine:activity_add"), {"kind": "practice", "on": "2024-05-15", "note": "Mock"}
    )
    assert response.status_code == 302 and response.url == reverse("today:today")
    content = alice_client.get(reverse("today:today")).content.decode()
    assert 'data-goal="practice" data-done="1"' in content


def test_it_answers_htmx_with_the_progress_partial(alice_client, alice):
    response = alice_client.post(
        reverse("routine:activity_add"),
        {"kind": "learning", "on": "2024-05-15", "hours": "1.5"},
        headers={"HX-Request": "true"},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert content.lstrip().startswith('<section class="panel" id="progress">')
    assert 'data-goal="learning_hours" data-done="1.5"' in content


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "learning", "on": "2024-05-15"}, "hours"),
        ({"kind": "practice", "on": "2024-06-30"}, "on"),
        ({"kind": "dancing", "on": "2024-05-15"}, "kind"),
        ({"kind": "learning", "on": "2024-05-15", "hours": "99"}, "hours"),
    ],
)
def test_it_refuses_bad_activity_with_a_form_error(alice_client, data, field):
    response = alice_client.post(reverse("routine:activity_add"), data)
    assert response.status_code == 400
    assert field in response.context["activity_form"].errors
    assert not ActivityLog.objects.exists()


def test_it_lists_and_deletes_activity(alice_client, alice):
    activity = make_activity(alice, "practice", note="Mock <b>interview</b>")
    content = alice_client.get(reverse("routine:activity_list")).content.decode()
    assert "Mock &lt;b&gt;interview&lt;/b&gt;" in content
    response = alice_client.post(reverse("routine:activity_delete", args=[activity.pk]))
    assert response.status_code == 302
    assert not ActivityLog.objects.exists()


def test_it_changes_goals_from_this_week_on(alice_client, alice):
    assert alice_client.get(reverse("routine:settings")).status_code == 200
    response = alice_client.post(
        reverse("routine:settings"),
        {
            "week_start": "6",
            "applications": "8",
            "touches": "4",
            "follow_ups": "2",
            "learning_hours": "3",
            "practice": "2",
        },
    )
    assert response.status_code == 302
    assert RoutineSettings.objects.get(user=alice).week_start == 6
    goals = WeeklyGoals.objects.get(user=alice)
    assert goals.starts_on == date(2024, 5, 12)  # the Sunday starting this week
    assert goals.applications == 8


def test_it_refuses_bad_goals(alice_client, alice):
    response = alice_client.post(
        reverse("routine:settings"),
        {"week_start": "9", "applications": "-1", "touches": "x", "follow_ups": "2",
         "learning_hours": "3", "practice": "2"},
    )  # fmt: skip
    assert response.status_code == 400
    assert not WeeklyGoals.objects.exists()


def test_it_plans_and_removes_rest(alice_client, alice):
    response = alice_client.post(
        reverse("routine:rest_add"), {"starts_on": "2024-05-20", "ends_on": "2024-05-26"}
    )
    assert response.status_code == 302
    rest = RestPeriod.objects.get(user=alice)
    assert rest.days == 7
    bad = alice_client.post(
        reverse("routine:rest_add"), {"starts_on": "2024-05-20", "ends_on": "2024-05-10"}
    )
    assert bad.status_code == 400
    alice_client.post(reverse("routine:rest_delete", args=[rest.pk]))
    assert not RestPeriod.objects.exists()


def test_the_reviews_chart_draws_hours_of_learning(alice_client, alice):
    """Hours are Decimals; the chart's data is JSON (a Decimal there was a 500)."""
    make_activity(alice, "learning", on=date(2024, 5, 13), hours="1.5")
    page = alice_client.get(reverse("today:review_week"))
    assert page.status_code == 200
    (data,) = re.findall(r'id="activity-chart"[^>]*data-chart="([^"]*)"', page.content.decode())
    config = json.loads(html.unescape(data))
    learning = next(d for d in config["data"]["datasets"] if d["label"] == "Learning hours")
    assert learning["tooltips"][-1] == "Learning hours: 1.5 of 2"


def test_it_saves_a_review_and_next_weeks_goals(alice_client, alice):
    make_application(alice, when=NOW - timedelta(hours=3))
    page = alice_client.get(reverse("today:review_week"))
    assert page.status_code == 200
    assert 'id="activity-chart"' in page.content.decode()
    assert page.context["summary"]["outcomes"]["application"] == 1
    response = alice_client.post(
        reverse("today:review_week"),
        {
            "week": "2024-05-13",
            "reflection": "Steady week.",
            "focus": "networking",
            "focus_note": "Two coffees",
            "next-applications": "3",
            "next-touches": "5",
            "next-follow_ups": "2",
            "next-learning_hours": "2",
            "next-practice": "1",
        },
    )
    review = WeeklyReview.objects.get(user=alice)
    assert response.status_code == 302 and response.url == reverse(
        "today:review_detail", args=[review.pk]
    )
    assert review.week_starts_on == date(2024, 5, 13)
    assert review.summary["goals"][0] == {
        "key": "applications", "label": "Applications sent", "done": 1.0, "target": 5,
        "met": False,
    }  # fmt: skip
    next_goals = WeeklyGoals.objects.get(user=alice, starts_on=date(2024, 5, 20))
    assert next_goals.touches == 5
    detail = alice_client.get(reverse("today:review_detail", args=[review.pk])).content.decode()
    assert "Two coffees" in detail
    assert "Networking and referrals" in detail


def test_it_reviews_a_past_week_and_keeps_past_reviews(alice_client, alice):
    old = make_review(alice, date(2024, 5, 6), reflection="Hard week")
    page = alice_client.get(reverse("today:review_week") + "?week=2024-05-08")
    assert page.context["week"].starts_on == date(2024, 5, 6)
    assert page.context["existing"] == old
    listing = alice_client.get(reverse("today:review_list")).content.decode()
    assert reverse("today:review_detail", args=[old.pk]) in listing


def test_reviewing_an_old_week_does_not_rewrite_the_goals_of_weeks_since(alice_client, alice):
    three_weeks_ago = "2024-04-22"
    response = alice_client.post(
        reverse("today:review_week") + f"?week={three_weeks_ago}",
        {"reflection": "Looking back", "next-applications": "50"},
    )
    assert response.status_code == 302
    assert WeeklyReview.objects.get(user=alice).week_starts_on == date(2024, 4, 22)
    assert not WeeklyGoals.objects.filter(user=alice, applications=50).exists()
    page = alice_client.get(reverse("today:review_week") + f"?week={three_weeks_ago}")
    assert "keep the goals they had" in page.content.decode()


def test_it_ignores_a_malformed_or_future_week(alice_client):
    for raw in ("nonsense", "2030-01-01"):
        page = alice_client.get(reverse("today:review_week") + f"?week={raw}")
        assert page.status_code == 200
        assert page.context["week"].starts_on == date(2024, 5, 13)


def test_it_refuses_a_bad_review(alice_client, alice):
    response = alice_client.post(
        reverse("today:review_week"), {"focus": "everything", "next-applications": "-3"}
    )
    assert response.status_code == 400
    assert not WeeklyReview.objects.exists()


def test_another_user_gets_404_on_every_object(bob_client, alice):
    activity = make_activity(alice, "practice")
    rest = make_rest(alice, date(2024, 5, 20))
    review = make_review(alice)
    for url in (
        reverse("routine:activity_delete", args=[activity.pk]),
        reverse("routine:rest_delete", args=[rest.pk]),
    ):
        assert bob_client.post(url).status_code == 404
    assert bob_client.get(reverse("today:review_detail", args=[review.pk])).status_code == 404
    assert ActivityLog.objects.count() == 1 and RestPeriod.objects.count() == 1


def test_every_page_needs_a_login(client):
    for name in ("today:today", "routine:activity_list", "routine:settings",
                 "today:review_list", "today:review_week"):  # fmt: skip
        response = client.get(reverse(name))
        assert response.status_code == 302 and "login" in response.url


def test_bad_activity_logged_by_htmx_answers_with_the_progress_panel_and_its_errors(alice_client):
    response = alice_client.post(
        reverse("routine:activity_add"),
        {"kind": "learning", "on": "2024-05-15"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert content.lstrip().startswith('<section class="panel" id="progress">')
    assert "hours" in response.context["activity_form"].errors
    assert not ActivityLog.objects.exists()
