"""Skill gaps: named by hand, from a suggested area in one click, or from a debrief lesson."""

import pytest
from django.urls import reverse

from onward.debrief.models import CompetencyRating, DebriefStep
from onward.debrief.taxonomy import Habit
from onward.growth.models import SkillGap
from onward.testing import make_debrief, make_lesson, make_skill_gap

pytestmark = pytest.mark.django_db


def test_it_turns_a_lesson_into_a_skill_gap(alice_client, alice):
    debrief = make_debrief(alice)
    lesson = make_lesson(
        debrief,
        text="I froze on scale questions in system design.",
        category="problem_solving",
        next_time="Two mock design sessions first.",
    )

    response = alice_client.post(reverse("growth:gap_from_lesson", args=[lesson.pk]))

    gap = SkillGap.objects.get(user=alice)
    assert response.status_code == 302 and response.url == gap.get_absolute_url()
    assert gap.name == "I froze on scale questions in system design."
    assert gap.competency == "problem_solving"
    assert (gap.lesson, gap.debrief) == (lesson, debrief)
    assert "Two mock design sessions first." in gap.why
    assert debrief.steps.get(habit=Habit.UPSKILL).state == DebriefStep.State.DONE


def test_it_makes_one_gap_per_lesson_however_often_clicked(alice_client, alice):
    lesson = make_lesson(make_debrief(alice), category="salary_logistics")
    url = reverse("growth:gap_from_lesson", args=[lesson.pk])

    alice_client.post(url)
    alice_client.post(url)

    assert SkillGap.objects.filter(user=alice).count() == 1


def test_it_leaves_the_competency_empty_for_a_lesson_filed_under_a_reason(alice):
    lesson = make_lesson(make_debrief(alice), category="experience")

    gap, created = SkillGap.from_lesson(lesson)

    assert created and gap.competency == ""


def test_it_offers_the_button_on_the_debrief_page(alice_client, alice):
    debrief = make_debrief(alice)
    lesson = make_lesson(debrief)

    content = alice_client.get(debrief.get_absolute_url()).content.decode()

    assert reverse("growth:gap_from_lesson", args=[lesson.pk]) in content
    assert f'href="{reverse("growth:skills")}"' in content  # the Upskill habit's page


def test_it_refuses_a_get(alice_client, alice):
    lesson = make_lesson(make_debrief(alice))

    response = alice_client.get(reverse("growth:gap_from_lesson", args=[lesson.pk]))

    assert response.status_code == 405
    assert not SkillGap.objects.exists()


def test_it_makes_a_gap_from_a_suggested_area_in_one_click(alice_client, alice):
    for rating in (1, 2):
        debrief = make_debrief(alice)
        CompetencyRating.objects.create(debrief=debrief, competency="examples", rating=rating)
    page = alice_client.get(reverse("growth:skills")).content.decode()
    assert 'name="why" value="You rated examples and stories 1.5 on average over 2 debriefs."' in (
        page
    )

    response = alice_client.post(
        reverse("growth:gap_add"),
        {
            "name": "Examples and stories",
            "why": "You rated examples and stories 1.5 on average over 2 debriefs.",
            "competency": "examples",
        },
    )

    gap = SkillGap.objects.get(user=alice)
    assert response.status_code == 302 and response.url == gap.get_absolute_url()
    assert gap.competency == "examples" and gap.status == "open"


def test_it_refuses_a_blank_name_with_a_clear_error(alice_client, alice):
    response = alice_client.post(reverse("growth:gap_add"), {"name": "   ", "why": ""})

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not SkillGap.objects.exists()


def test_it_refuses_someone_elses_debrief_as_the_origin(alice_client, alice, bob):
    bobs = make_debrief(bob)

    response = alice_client.post(
        reverse("growth:gap_add"), {"name": "Role skills", "debrief": str(bobs.pk)}
    )

    assert response.status_code == 400
    assert "That debrief could not be found" in response.content.decode()
    assert not SkillGap.objects.exists()


def test_it_renders_typed_html_inert(alice_client, alice):
    gap = make_skill_gap(alice, name="<script>alert(1)</script>", why="<b>bold</b>")

    for url in (reverse("growth:skills"), gap.get_absolute_url()):
        content = alice_client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in content
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "&lt;b&gt;bold&lt;/b&gt;" in content


def test_it_dates_closing_and_reopening(alice_client, alice):
    gap = make_skill_gap(alice)
    url = reverse("growth:gap_status", args=[gap.pk])

    alice_client.post(url, {"status": "working"})
    gap.refresh_from_db()
    assert gap.status == "working" and gap.closed_at is None

    alice_client.post(url, {"status": "closed"})
    gap.refresh_from_db()
    assert gap.status == "closed" and gap.closed_at is not None

    alice_client.post(url, {"status": "open"})
    gap.refresh_from_db()
    assert gap.status == "open" and gap.closed_at is None


def test_it_refuses_an_unknown_status(alice_client, alice):
    gap = make_skill_gap(alice)

    response = alice_client.post(reverse("growth:gap_status", args=[gap.pk]), {"status": "gone"})

    assert response.status_code == 400
    assert "Choose open, working or closed." in response.content.decode()


def test_it_edits_and_removes_a_gap(alice_client, alice):
    gap = make_skill_gap(alice)

    alice_client.post(
        reverse("growth:gap_edit", args=[gap.pk]), {"name": "SQL", "why": "It came up twice."}
    )
    gap.refresh_from_db()
    assert (gap.name, gap.why) == ("SQL", "It came up twice.")

    response = alice_client.post(reverse("growth:gap_delete", args=[gap.pk]))
    assert response.status_code == 302 and response.url == reverse("growth:skills")
    assert not SkillGap.objects.exists()
