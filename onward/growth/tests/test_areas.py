"""Where to grow: the suggestions, stated with their numbers, and what is missing when the
data is too thin."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from onward.debrief.models import CompetencyRating, Debrief
from onward.growth.areas import areas_for
from onward.testing import make_debrief, make_learning_item, make_lesson, make_skill_gap

pytestmark = pytest.mark.django_db


def rate(debrief, **ratings):
    for competency, rating in ratings.items():
        CompetencyRating.objects.create(debrief=debrief, competency=competency, rating=rating)


def set_reason(debrief, reason="", feedback=""):
    Debrief.objects.filter(pk=debrief.pk).update(reason_category=reason, feedback_category=feedback)


def test_it_names_the_lowest_rated_competencies_with_their_averages(alice):
    for problem_solving, communication in [(2, 4), (3, 3), (2, 3)]:
        rate(
            make_debrief(alice),
            problem_solving=problem_solving,
            communication=communication,
            preparation=5,
        )

    areas = areas_for(alice)

    # Lowest first; preparation (5.0) is a strength, not an area to work on.
    assert [a.text for a in areas.competencies] == [
        "You rated problem solving 2.3 on average over 3 debriefs.",
        "You rated communication 3.3 on average over 3 debriefs.",
    ]
    assert areas.competencies[0].competency == "problem_solving"
    assert areas.competencies_missing == ""


def test_it_says_what_is_missing_with_ratings_from_one_debrief(alice):
    rate(make_debrief(alice), problem_solving=1)

    areas = areas_for(alice)

    assert areas.competencies == []
    assert "rated yourself in 1 debrief so far" in areas.competencies_missing
    assert "ratings from 2 debriefs" in areas.competencies_missing


def test_it_says_so_when_nothing_is_rated_low(alice):
    for _ in range(2):
        rate(make_debrief(alice), communication=4)

    areas = areas_for(alice)

    assert areas.competencies == []
    assert "none stands out as weak" in areas.competencies_missing


def test_it_leaves_dismissed_debriefs_out(alice):
    first, second = make_debrief(alice), make_debrief(alice)
    rate(first, role_skills=1)
    rate(second, role_skills=2)
    second.dismiss()

    assert areas_for(alice).competencies == []


def test_it_finds_lesson_categories_that_recur_across_debriefs(alice):
    first, second, third = make_debrief(alice), make_debrief(alice), make_debrief(alice)
    make_lesson(first, category="role_skills", text="Brush up on SQL window functions.")
    make_lesson(first, category="role_skills", text="Learn the basics of Kubernetes.")
    make_lesson(second, category="role_skills", text="Practise SQL under time pressure.")
    make_lesson(third, category="salary_logistics", text="Have a range ready.")

    areas = areas_for(alice)

    assert [a.text for a in areas.lessons] == [
        "Role skills came up in 3 lessons from 2 different debriefs."
    ]
    assert areas.lessons[0].competency == "role_skills"


def test_it_says_what_is_missing_when_no_lesson_recurs(alice):
    debrief = make_debrief(alice)
    make_lesson(debrief, category="role_skills")
    make_lesson(debrief, category="role_skills")

    areas = areas_for(alice)

    assert areas.lessons == []
    assert "You have written 2 lessons so far" in areas.lessons_missing


def test_it_counts_debriefs_that_ended_on_a_skills_gap(alice):
    debriefs = [make_debrief(alice) for _ in range(5)]
    set_reason(debriefs[0], reason="skills_gap")
    set_reason(debriefs[1], reason="no_reason", feedback="skills_gap")
    set_reason(debriefs[2], reason="skills_gap", feedback="skills_gap")
    set_reason(debriefs[3], reason="experience")

    areas = areas_for(alice)

    assert areas.skills_gap.text == (
        "A skills gap was the reason, given or in feedback, in 3 of your 5 debriefs."
    )
    assert {d.pk for d in areas.skills_gap_debriefs} == {d.pk for d in debriefs[:3]}


def test_it_waits_for_a_second_skills_gap_before_calling_it_a_pattern(alice):
    first = make_debrief(alice)
    make_debrief(alice)
    set_reason(first, reason="skills_gap")

    areas = areas_for(alice)

    assert areas.skills_gap is None
    assert "in 1 of your 2 debriefs" in areas.skills_gap_missing


def test_it_shows_the_areas_and_what_is_missing_on_the_page(alice_client, alice):
    for rating in (2, 3):
        rate(make_debrief(alice), examples=rating)

    content = alice_client.get(reverse("growth:skills")).content.decode()

    assert "You rated examples and stories 2.5 on average over 2 debriefs." in content
    assert "You have written 0 lessons so far" in content
    assert "in none of your 2 debriefs" in content


def test_it_marks_an_area_already_named_as_a_gap(alice_client, alice):
    for rating in (1, 2):
        rate(make_debrief(alice), examples=rating)
    make_skill_gap(alice, name="Better stories", competency="examples")

    content = alice_client.get(reverse("growth:skills")).content.decode()

    assert "Already one of your skill gaps" in content


def test_it_keeps_other_users_data_out(alice, bob):
    for rating in (1, 2):
        rate(make_debrief(bob), examples=rating)

    assert areas_for(alice).competencies == []


def _fill(user, debriefs: int):
    for n in range(debriefs):
        debrief = make_debrief(user)
        rate(debrief, problem_solving=1 + n % 3, communication=2 + n % 2)
        make_lesson(debrief, category="role_skills")
        set_reason(debrief, reason="skills_gap")
        gap = make_skill_gap(user, name=f"Gap {n}", debrief=debrief)
        item = make_learning_item(user, title=f"Item {n}", skill_gap=gap)
        item.log_time(1, item.created_at.date())
        if n % 2:
            gap.move_to("closed")
            item.move_to("done")


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("growth:skills"))
    assert response.status_code == 200
    return len(captured)


def test_it_computes_the_page_in_the_same_number_of_queries_for_any_amount_of_data(
    alice_client, alice
):
    _fill(alice, 2)
    small = _queries(alice_client)

    _fill(alice, 12)
    large = _queries(alice_client)

    assert small == large
