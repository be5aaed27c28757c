from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from onward.core.reminders.models import Reminder, ReminderKind
from onward.debrief.models import FeedbackState
from onward.testing import link_contact, make_contact, make_debrief

pytestmark = pytest.mark.django_db

START = datetime(2025, 3, 3, 10, 0, tzinfo=UTC)


def at(days: float) -> datetime:
    return START + timedelta(days=days)


def follow_ups():
    return Reminder.objects.filter(kind=ReminderKind.FEEDBACK_FOLLOW_UP)


def test_it_moves_through_the_feedback_states_with_dates(alice):
    with time_machine.travel(START, tick=False):
        debrief = make_debrief(alice)
        manager = make_contact(alice, "Lee Chen", email="lee@example.org")
        debrief.record_feedback(FeedbackState.ASKED, on=date(2025, 3, 3), contact=manager)
    assert debrief.feedback_state == "asked"
    assert debrief.feedback_asked_on == date(2025, 3, 3)
    assert debrief.feedback_contact == manager
    assert debrief.step("seek_feedback").state == "done"

    with time_machine.travel(at(4), tick=False):
        debrief.record_feedback(
            FeedbackState.RECEIVED,
            on=date(2025, 3, 7),
            text="We went with someone who had run Kafka in production.\n  Verbatim.",
            category="skills_gap",
        )
    debrief.refresh_from_db()
    assert debrief.feedback_state == "received"
    assert debrief.feedback_answered_on == date(2025, 3, 7)
    assert debrief.feedback_text == (
        "We went with someone who had run Kafka in production.\n  Verbatim."
    )
    assert debrief.feedback_category == "skills_gap"


@pytest.mark.parametrize(
    ("steps", "bad"),
    [
        ([], FeedbackState.DECLINED),
        ([], FeedbackState.NO_ANSWER),
        ([FeedbackState.ASKED, FeedbackState.DECLINED], FeedbackState.RECEIVED),
        ([FeedbackState.ASKED, FeedbackState.DECLINED], FeedbackState.ASKED),
    ],
)
def test_it_refuses_impossible_transitions(alice, steps, bad):
    with time_machine.travel(START, tick=False):
        debrief = make_debrief(alice)
        for state in steps:
            debrief.record_feedback(state, on=date(2025, 3, 3))
        with pytest.raises(ValidationError):
            debrief.record_feedback(bad, on=date(2025, 3, 3), text="x")


def test_it_refuses_bad_dates_and_empty_feedback(alice):
    with time_machine.travel(START, tick=False):
        debrief = make_debrief(alice)
        with pytest.raises(ValidationError, match="future"):
            debrief.record_feedback(FeedbackState.ASKED, on=date(2025, 3, 4))
        debrief.record_feedback(FeedbackState.ASKED, on=date(2025, 3, 3))
        with pytest.raises(ValidationError, match="before the request"):
            debrief.record_feedback(FeedbackState.NO_ANSWER, on=date(2025, 3, 2))
        with pytest.raises(ValidationError, match="word for word"):
            debrief.record_feedback(FeedbackState.RECEIVED, on=date(2025, 3, 3), text=" ")


def test_it_refuses_an_unknown_category_whoever_calls(alice):
    """The rule lives in record_feedback, not in the API's view: the web and the API share it."""
    with time_machine.travel(START, tick=False):
        debrief = make_debrief(alice)
        debrief.record_feedback(FeedbackState.ASKED, on=date(2025, 3, 3))
        with pytest.raises(ValidationError) as refused:
            debrief.record_feedback(
                FeedbackState.RECEIVED, on=date(2025, 3, 3), text="Thanks", category="astrology"
            )
    assert refused.value.message_dict == {"category": ["Value 'astrology' is not a valid choice."]}
    debrief.refresh_from_db()
    assert debrief.feedback_state == FeedbackState.ASKED and debrief.feedback_text == ""


def test_it_makes_the_follow_up_due_after_seven_days_and_settles_it_on_an_answer(alice):
    with time_machine.travel(START, tick=False):
        debrief = make_debrief(alice)
        debrief.record_feedback(FeedbackState.ASKED, on=date(2025, 3, 3))
        assert follow_ups().count() == 1
        assert not Reminder.objects.due().filter(kind=ReminderKind.FEEDBACK_FOLLOW_UP).exists()

    with time_machine.travel(at(6.9), tick=False):
        assert not Reminder.objects.due().filter(kind=ReminderKind.FEEDBACK_FOLLOW_UP).exists()

    with time_machine.travel(at(7), tick=False):
        [due] = Reminder.objects.due().filter(kind=ReminderKind.FEEDBACK_FOLLOW_UP)
        assert due.target == debrief
        assert debrief.feedback_follow_up_due_on == date(2025, 3, 10)

    with time_machine.travel(at(8), tick=False):
        debrief.record_feedback(FeedbackState.NO_ANSWER, on=date(2025, 3, 11))
        assert not Reminder.objects.due().filter(kind=ReminderKind.FEEDBACK_FOLLOW_UP).exists()
        assert follow_ups().get().done_at is not None
        # A late answer still counts, and brings no new reminder.
        debrief.record_feedback(FeedbackState.RECEIVED, on=date(2025, 3, 11), text="Thanks!")
        assert follow_ups().count() == 1


def test_it_uses_the_follow_up_setting(alice, settings):
    settings.ONWARD_FEEDBACK_FOLLOWUP_DAYS = 3
    with time_machine.travel(START, tick=False):
        debrief = make_debrief(alice)
        debrief.record_feedback(FeedbackState.ASKED, on=date(2025, 3, 3))
    with time_machine.travel(at(3), tick=False):
        assert Reminder.objects.due().filter(kind=ReminderKind.FEEDBACK_FOLLOW_UP).exists()


def test_it_records_feedback_by_plain_post_and_by_htmx(alice_client, alice):
    with time_machine.travel(START, tick=False):
        debrief = make_debrief(alice)
        manager = make_contact(alice, "Lee Chen", email="lee@example.org")
        link_contact(debrief.application, manager, "hiring_manager")
        url = reverse("debrief:debrief_feedback", args=[debrief.pk])
        response = alice_client.post(
            url, {"state": "asked", "on": "2025-03-03", "contact": manager.pk}
        )
        assert response.status_code == 302
        assert response.url.endswith("#feedback")
        debrief.refresh_from_db()
        assert debrief.feedback_state == "asked"

        response = alice_client.post(
            url,
            {
                "state": "received",
                "on": "2025-03-03",
                "text": "Great <b>culture</b> fit",
                "category": "other",
            },
            HTTP_HX_REQUEST="true",
        )
        assert response.status_code == 200
        assert "<html" not in response.text
        assert 'id="feedback"' in response.text
        assert "Great &lt;b&gt;culture&lt;/b&gt; fit" in response.text


def test_it_shows_a_clear_error_for_a_wrong_transition(alice_client, alice):
    debrief = make_debrief(alice)
    url = reverse("debrief:debrief_feedback", args=[debrief.pk])
    response = alice_client.post(url, {"state": "declined"})
    assert response.status_code == 400
    assert "cannot become" in response.text
    response = alice_client.post(url, {"state": "bogus"})
    assert response.status_code == 400


def test_it_does_not_accept_another_users_contact(alice_client, alice, bob):
    debrief = make_debrief(alice)
    stranger = make_contact(bob, "Bob's friend")
    url = reverse("debrief:debrief_feedback", args=[debrief.pk])
    response = alice_client.post(url, {"state": "asked", "contact": stranger.pk})
    assert response.status_code == 400


def test_it_dates_a_settled_reminder_on_the_day_of_the_answer_not_the_day_it_was_recorded(alice):
    with time_machine.travel(START, tick=False):
        debrief = make_debrief(alice)
        debrief.record_feedback(FeedbackState.ASKED, on=date(2025, 3, 3))
    with time_machine.travel(at(20), tick=False):  # recorded late, about an answer on the 5th
        debrief.record_feedback(FeedbackState.RECEIVED, on=date(2025, 3, 5), text="Thanks!")
    assert follow_ups().get().done_at.date() == date(2025, 3, 5)


def test_it_dates_a_settled_thank_you_reminder_when_the_thank_you_was_sent(alice):
    with time_machine.travel(START, tick=False):
        debrief = make_debrief(alice)
    with time_machine.travel(at(10), tick=False):
        debrief.record_sent("thank_you", when=at(1))
    thank_you = Reminder.objects.get(kind=ReminderKind.THANK_YOU)
    assert thank_you.done_at == at(1)


def test_it_refuses_a_date_from_another_century_without_crashing(alice_client, alice, settings):
    from onward.accounts.models import profile_for

    profile = profile_for(alice)
    profile.time_zone = "Asia/Tokyo"  # east of UTC: day 1 of year 1 would overflow in UTC
    profile.save()
    debrief = make_debrief(alice)
    response = alice_client.post(
        reverse("debrief:debrief_feedback", args=[debrief.pk]),
        {"state": FeedbackState.ASKED, "on": "0001-01-01"},
    )
    assert response.status_code == 400
    assert "too far in the past" in response.content.decode()
    debrief.refresh_from_db()
    assert debrief.feedback_state == FeedbackState.NOT_ASKED
