import pytest
from django.urls import reverse

from onward.debrief.lessons import lessons_summary
from onward.debrief.models import Debrief
from onward.testing import make_debrief, make_lesson

pytestmark = pytest.mark.django_db


def debrief_at(user, stage_reached: str, **fields) -> Debrief:
    debrief = make_debrief(user)
    Debrief.objects.filter(pk=debrief.pk).update(stage_reached=stage_reached, **fields)
    debrief.refresh_from_db()
    return debrief


@pytest.fixture
def history(alice):
    """Four debriefs after technical rounds, one after a screen, one dismissed."""
    technical = [debrief_at(alice, "technical") for _ in range(4)]
    make_lesson(technical[0], category="role_skills", text="System design needs practice")
    make_lesson(technical[0], category="role_skills", text="Revise caching")
    make_lesson(technical[1], category="role_skills", text="System design again")
    make_lesson(technical[2], category="role_skills", text="Sketch before coding")
    make_lesson(technical[3], category="communication", text="Think out loud")
    screen = debrief_at(alice, "screen")
    make_lesson(screen, category="role_skills", text="Know the stack")
    dismissed = debrief_at(alice, "technical", status="dismissed")
    make_lesson(dismissed, category="communication", text="Not counted")
    Debrief.objects.filter(pk__in=[technical[0].pk, technical[1].pk]).update(
        reason_category="skills_gap"
    )
    Debrief.objects.filter(pk=screen.pk).update(feedback_category="skills_gap")
    Debrief.objects.filter(pk=technical[3].pk).update(reason_category="compensation")
    return technical, screen


def test_it_counts_lessons_and_states_patterns_with_their_numbers(alice, history):
    summary = lessons_summary(alice)
    assert summary["debrief_count"] == 5
    assert summary["lesson_count"] == 6
    assert summary["by_category"] == [("Role skills", 5), ("Communication", 1)]
    assert dict(summary["by_stage"]) == {
        "On the application": 0,
        "After a screen": 1,
        "After technical rounds": 5,
        "After the final round": 0,
    }
    assert dict(summary["debriefs_by_stage"])["After technical rounds"] == 4
    assert [p.text for p in summary["patterns"]] == [
        "Role skills came up in 3 of your 4 debriefs that ended after technical rounds.",
        "Skills gap was the reason, given or in feedback, in 3 of your 5 debriefs.",
    ]
    assert [lesson.text for lesson in summary["latest"]][0] == "Know the stack"


def test_it_states_no_pattern_below_three_debriefs(alice_client, alice):
    first, second = debrief_at(alice, "technical"), debrief_at(alice, "technical")
    for debrief in (first, second):
        make_lesson(debrief, category="role_skills")
        Debrief.objects.filter(pk=debrief.pk).update(reason_category="skills_gap")
    summary = lessons_summary(alice)
    assert not summary["enough_data"] and summary["patterns"] == []
    page = alice_client.get(reverse("debrief:lessons")).text
    assert "Not enough data yet" in page

    third = debrief_at(alice, "technical")
    make_lesson(third, category="problem_solving")
    summary = lessons_summary(alice)
    assert [p.text for p in summary["patterns"]] == [
        "Role skills came up in 2 of your 3 debriefs that ended after technical rounds.",
        "Skills gap was the reason, given or in feedback, in 2 of your 3 debriefs.",
    ]
    page = alice_client.get(reverse("debrief:lessons")).text
    assert "Not enough data yet" not in page
    assert "Role skills came up in 2 of your 3 debriefs" in page


def test_it_needs_three_debriefs_at_the_same_stage_for_a_stage_pattern(alice):
    for stage_reached in ("technical", "technical", "screen"):
        make_lesson(debrief_at(alice, stage_reached), category="role_skills")
    summary = lessons_summary(alice)
    assert summary["enough_data"]
    assert not [p for p in summary["patterns"] if "came up" in p.text]


def test_it_shows_only_the_users_own_lessons(alice_client, alice, bob, history):
    make_lesson(debrief_at(bob, "final"), text="Bob's private lesson")
    page = alice_client.get(reverse("debrief:lessons")).text
    assert "Bob&#x27;s private lesson" not in page and "Bob's private lesson" not in page
    assert "Sketch before coding" in page
