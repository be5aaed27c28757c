"""The demo's growth: two gaps, four items in different states, hours that reach the routine."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Sum

from onward.core.reminders.models import Reminder
from onward.debrief.demo import add_demo_debriefs
from onward.growth.demo import add_demo_growth
from onward.growth.models import LearningItem, LearningLog, SkillGap
from onward.routine.progress import routine_for
from onward.testing import make_debrief

pytestmark = pytest.mark.django_db


def snapshot(user) -> dict:
    return {
        "gaps": sorted(SkillGap.objects.for_user(user).values_list("name", "status")),
        "items": sorted(
            LearningItem.objects.for_user(user).values_list(
                "title", "kind", "status", "target_date", "skill_gap__name"
            )
        ),
        "hours": LearningLog.objects.for_user(user).aggregate(h=Sum("activity__hours"))["h"],
        "reminders": sorted(
            Reminder.objects.for_user(user)
            .filter(learning_item__isnull=False)
            .values_list("title", "due_at", "done_at")
        ),
    }


def test_it_adds_gaps_and_a_plan_in_different_states(alice):
    make_debrief(alice)
    add_demo_debriefs(alice)

    add_demo_growth(alice)

    data = snapshot(alice)
    assert len(data["gaps"]) == 2
    assert len(data["items"]) == 4
    assert {status for _, _, status, _, _ in data["items"]} == {"planned", "in_progress", "done"}
    assert data["hours"] > 0
    assert len(data["reminders"]) == 2
    assert routine_for(alice).this_week.goal("learning_hours").done > 0


def test_it_is_the_same_when_run_again(alice):
    add_demo_growth(alice)
    first = snapshot(alice)

    add_demo_growth(alice)

    assert snapshot(alice) == first


def test_it_keeps_its_hours_through_the_whole_demo(db):
    call_command("demo", password="demo pass phrase 1")

    demo = get_user_model().objects.get(username="demo")
    assert LearningLog.objects.for_user(demo).count() == 6
    assert SkillGap.objects.for_user(demo).filter(lesson__isnull=False).exists()
