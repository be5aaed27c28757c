"""Sent means logged (the recipient's "last contacted" moves and the week's networking goal
counts it), and the drafts for an unanswered feedback request and for feedback received."""

import pytest
from django.urls import reverse

from onward.core.reminders.models import Reminder, ReminderKind
from onward.debrief.models import FeedbackState
from onward.network.models import Contact
from onward.routine.progress import routine_for
from onward.testing import link_contact, make_application, make_contact, make_interview, move

pytestmark = pytest.mark.django_db


@pytest.fixture
def rejected(alice):
    application = make_application(alice, "Interviewing", title="Product designer")
    jonas = make_contact(alice, "Dr. Jonas Weber", email="Jonas@Nordlicht.example")
    lea = make_contact(alice, "Lea Brandt", email="lea@nordlicht.example")
    link_contact(application, jonas, "hiring_manager")
    link_contact(application, lea, "recruiter")
    make_interview(application, round_name="Final round", interviewers=[jonas])
    move(application, "Rejected")
    return application.debrief, jonas, lea


def touches(user):
    return routine_for(user).this_week.goal("touches").done


def send_draft(client, debrief, kind, contact, action="mark_sent"):
    url = reverse("debrief:debrief_draft", args=[debrief.pk, kind])
    initial = client.get(url, {"contact": contact.pk}).context["form"].initial
    return client.post(url, {**initial, "action": action})


def test_marking_a_draft_sent_logs_it_on_the_recipient(alice_client, alice, rejected):
    debrief, jonas, lea = rejected
    assert touches(alice) == 0
    response = send_draft(alice_client, debrief, "thank_you", jonas)
    assert response.status_code == 302
    contact = Contact.objects.with_last_contacted().get(pk=jonas.pk)
    assert contact.last_contacted_on is not None
    [interaction] = contact.interactions.all()
    assert interaction.application == debrief.application
    assert "thank-you" in interaction.summary.lower()
    assert not lea.interactions.exists()  # only the person it went to
    assert touches(alice) == 1
    page = alice_client.get(jonas.get_absolute_url()).content.decode()
    assert "Not yet logged" not in page


def test_the_greeting_uses_the_first_name_not_the_title(alice_client, rejected):
    debrief, jonas, _ = rejected
    url = reverse("debrief:debrief_draft", args=[debrief.pk, "thank_you"])
    body = alice_client.get(url, {"contact": jonas.pk}).context["form"]["body"].value()
    assert body.startswith("Hi Jonas,")


def test_the_thank_you_page_shows_where_a_personal_detail_would_help(alice_client, rejected):
    debrief, jonas, _ = rejected
    url = reverse("debrief:debrief_draft", args=[debrief.pk, "thank_you"])
    assert 'id="detail-hint"' in alice_client.get(url).content.decode()
    alice_client.post(
        reverse("debrief:debrief_reflect", args=[debrief.pk]),
        {"stage_reached": debrief.stage_reached,
         "thank_you_detail": "  your plans for the design system.\n"},
    )  # fmt: skip
    debrief.refresh_from_db()
    assert debrief.thank_you_detail == "your plans for the design system"
    response = alice_client.get(url, {"contact": jonas.pk})
    assert 'id="detail-hint"' not in response.content.decode()
    assert "your plans for the design system." in response.context["form"]["body"].value()


def test_a_feedback_follow_up_is_offered_while_the_request_is_unanswered(
    alice_client, alice, rejected
):
    debrief, jonas, _ = rejected
    assert "feedback_follow_up" not in debrief.draft_kinds
    url = reverse("debrief:debrief_draft", args=[debrief.pk, "feedback_follow_up"])
    assert alice_client.get(url).status_code == 404
    debrief.record_feedback(FeedbackState.ASKED, on=debrief.ended_at.date(), contact=jonas)
    assert "feedback_follow_up" in debrief.draft_kinds
    page = alice_client.get(url)
    assert page.context["chosen"].contact == jonas  # to whoever was asked
    assert "following up" in page.context["form"]["body"].value().lower()
    send_draft(alice_client, debrief, "feedback_follow_up", jonas)
    follow_up = Reminder.objects.for_target(debrief).get(kind=ReminderKind.FEEDBACK_FOLLOW_UP)
    assert follow_up.done_at is not None
    assert jonas.interactions.count() == 1


def test_a_thanks_for_feedback_is_offered_once_it_came(alice_client, alice, rejected):
    debrief, jonas, _ = rejected
    debrief.record_feedback(FeedbackState.ASKED, on=debrief.ended_at.date(), contact=jonas)
    debrief.record_feedback(
        FeedbackState.RECEIVED, on=debrief.ended_at.date(), text="Strong craft; less strategy."
    )
    assert debrief.draft_kinds[-1] == "feedback_thanks"
    assert "feedback_follow_up" not in debrief.draft_kinds
    url = reverse("debrief:debrief_draft", args=[debrief.pk, "feedback_thanks"])
    body = alice_client.get(url).context["form"]["body"].value()
    assert "thank you for taking the time to share your feedback" in body.lower()
    assert "less strategy" not in body
