import pytest
from django.urls import reverse

from onward.core.reminders.models import Reminder, ReminderKind
from onward.debrief.models import CompetencyRating, Lesson
from onward.testing import make_application, make_debrief, make_lesson
from onward.wellbeing.models import MoodCheckIn

pytestmark = pytest.mark.django_db


def test_it_renders_the_debrief_pages(alice_client, alice):
    debrief = make_debrief(alice)
    for url in (
        reverse("debrief:debrief_list"),
        reverse("debrief:lessons"),
        debrief.get_absolute_url(),
        reverse("debrief:debrief_draft", args=[debrief.pk, "thank_you"]),
        reverse("debrief:debrief_draft", args=[debrief.pk, "feedback_request"]),
        reverse("debrief:template_list"),
        reverse("debrief:template_edit", args=["status_check"]),
    ):
        assert alice_client.get(url).status_code == 200, url


def test_it_requires_login(client, alice):
    debrief = make_debrief(alice)
    response = client.get(debrief.get_absolute_url())
    assert response.status_code == 302 and "login" in response.url


def test_it_saves_the_reflection_and_ratings(alice_client, alice):
    debrief = make_debrief(alice)
    url = reverse("debrief:debrief_reflect", args=[debrief.pk])
    response = alice_client.post(
        url,
        {
            "stage_reached": "technical",
            "went_well": "Clear intro",
            "to_improve": "Slow on the coding task",
            "stumped_by": "Consistent hashing",
            "rating_communication": "4",
            "rating_role_skills": "2",
            "rating_preparation": "",
        },
    )
    assert response.status_code == 302
    debrief.refresh_from_db()
    assert debrief.stage_reached == "technical"
    assert debrief.stumped_by == "Consistent hashing"
    assert dict(CompetencyRating.objects.values_list("competency", "rating")) == {
        "communication": 4,
        "role_skills": 2,
    }
    assert debrief.step("reflect").state == "done"
    # Clearing a rating removes it.
    alice_client.post(url, {"stage_reached": "technical", "rating_communication": "4"})
    assert CompetencyRating.objects.count() == 1


def test_it_refuses_a_rating_out_of_range(alice_client, alice):
    debrief = make_debrief(alice)
    url = reverse("debrief:debrief_reflect", args=[debrief.pk])
    response = alice_client.post(url, {"stage_reached": "technical", "rating_communication": "9"})
    assert response.status_code == 400
    assert "rating_communication" in response.context["reflect_form"].errors
    assert not CompetencyRating.objects.exists()


def test_it_saves_the_reason_verbatim(alice_client, alice):
    debrief = make_debrief(alice)
    url = reverse("debrief:debrief_reason", args=[debrief.pk])
    reason = "  We decided to move forward with a candidate\nwhose experience more closely matches."
    response = alice_client.post(url, {"reason_given": reason, "reason_category": "experience"})
    assert response.status_code == 302
    debrief.refresh_from_db()
    assert debrief.reason_category == "experience"
    assert "more closely matches" in debrief.reason_given
    response = alice_client.post(url, {"reason_given": "x", "reason_category": "made-up"})
    assert response.status_code == 400


def test_it_updates_a_step_by_htmx_and_by_plain_post(alice_client, alice):
    debrief = make_debrief(alice)
    url = reverse("debrief:debrief_step", args=[debrief.pk, "upskill"])
    response = alice_client.post(
        url,
        {"upskill-state": "done", "upskill-notes": "Booked a <course>"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "<html" not in response.text and 'id="steps"' in response.text
    assert "Booked a &lt;course&gt;" in response.text
    step = debrief.step("upskill")
    assert step.state == "done" and step.state_changed_on is not None

    url = reverse("debrief:debrief_step", args=[debrief.pk, "keep_searching"])
    response = alice_client.post(
        url, {"keep_searching-state": "todo", "keep_searching-remind_on": "2999-01-01"}
    )
    assert response.status_code == 302 and response.url.endswith("#step-keep_searching")
    reminder = Reminder.objects.get(kind=ReminderKind.DEBRIEF_STEP)
    assert reminder.due_at.year == 2999
    # Ticking the step settles its reminder.
    alice_client.post(url, {"keep_searching-state": "skipped"})
    reminder.refresh_from_db()
    assert reminder.done_at is not None
    assert debrief.step("keep_searching").state == "skipped"


def test_it_refuses_bad_step_input(alice_client, alice):
    debrief = make_debrief(alice)
    bad_state = reverse("debrief:debrief_step", args=[debrief.pk, "upskill"])
    assert alice_client.post(bad_state, {"upskill-state": "maybe"}).status_code == 400
    past = alice_client.post(
        bad_state, {"upskill-state": "todo", "upskill-remind_on": "2000-01-01"}
    )
    assert past.status_code == 400
    unknown = reverse("debrief:debrief_step", args=[debrief.pk, "juggling"])
    assert alice_client.post(unknown, {"juggling-state": "done"}).status_code == 404


def test_it_adds_and_removes_lessons(alice_client, alice):
    debrief = make_debrief(alice)
    url = reverse("debrief:lesson_add", args=[debrief.pk])
    data = {
        "text": "Practise system design out loud",
        "category": "problem_solving",
        "stage": "technical",
        "next_time": "Two mock interviews the week before.",
    }
    response = alice_client.post(url, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and 'id="lessons"' in response.text
    lesson = Lesson.objects.get()
    assert (lesson.user, lesson.debrief, lesson.category) == (alice, debrief, "problem_solving")
    assert debrief.step("learn").state == "done"
    assert alice_client.post(url, {**data, "category": "nonsense"}).status_code == 400

    response = alice_client.post(reverse("debrief:lesson_delete", args=[lesson.pk]))
    assert response.status_code == 302
    assert not Lesson.objects.exists()


def test_it_stores_a_mood_check_in(alice_client, alice):
    debrief = make_debrief(alice)
    url = reverse("wellbeing:debrief_mood_add", args=[debrief.pk])
    response = alice_client.post(url, {"mood": "2", "energy": "", "note": "Tired, but okay"})
    assert response.status_code == 302
    check_in = MoodCheckIn.objects.get()
    assert (check_in.user, check_in.debrief, check_in.mood, check_in.energy) == (
        alice,
        debrief,
        2,
        None,
    )
    assert debrief.step("stay_positive").state == "done"
    assert alice_client.post(url, {"mood": "6"}).status_code == 400
    assert alice_client.post(url, {"mood": "3", "energy": "0"}).status_code == 400


def test_it_refuses_get_on_changes(alice_client, alice):
    debrief = make_debrief(alice)
    assert (
        alice_client.get(reverse("debrief:debrief_complete", args=[debrief.pk])).status_code == 405
    )


def object_routes(alice):
    debrief = make_debrief(alice)
    lesson = make_lesson(debrief)
    application = make_application(alice, "Withdrawn")
    return [
        ("get", reverse("debrief:debrief_detail", args=[debrief.pk])),
        ("post", reverse("debrief:debrief_reflect", args=[debrief.pk])),
        ("post", reverse("debrief:debrief_reason", args=[debrief.pk])),
        ("post", reverse("debrief:debrief_feedback", args=[debrief.pk])),
        ("post", reverse("debrief:debrief_step", args=[debrief.pk, "reflect"])),
        ("post", reverse("debrief:lesson_add", args=[debrief.pk])),
        ("post", reverse("wellbeing:debrief_mood_add", args=[debrief.pk])),
        ("post", reverse("debrief:debrief_complete", args=[debrief.pk])),
        ("post", reverse("debrief:debrief_dismiss", args=[debrief.pk])),
        ("post", reverse("debrief:debrief_reopen", args=[debrief.pk])),
        ("get", reverse("debrief:debrief_draft", args=[debrief.pk, "thank_you"])),
        ("post", reverse("debrief:debrief_draft", args=[debrief.pk, "thank_you"])),
        ("post", reverse("debrief:lesson_delete", args=[lesson.pk])),
        ("post", reverse("debrief:debrief_start", args=[application.pk])),
    ]


def test_it_gives_another_user_a_404_on_every_object_route(bob_client, alice):
    for method, url in object_routes(alice):
        response = getattr(bob_client, method)(
            url, {"action": "mark_sent"} if method == "post" else {}
        )
        assert response.status_code == 404, url
    assert Lesson.objects.count() == 1
    assert not MoodCheckIn.objects.exists()
    assert not Reminder.objects.exclude(kind=ReminderKind.THANK_YOU).exists()
