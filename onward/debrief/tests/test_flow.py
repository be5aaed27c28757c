from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from onward.core.reminders.models import Reminder, ReminderKind
from onward.debrief.models import Debrief, DebriefStep, StepState
from onward.debrief.taxonomy import Habit, StageReached
from onward.testing import (
    link_contact,
    make_application,
    make_contact,
    make_debrief,
    make_interview,
    move,
    stage,
)

pytestmark = pytest.mark.django_db


def test_it_opens_exactly_one_debrief_when_an_application_is_rejected(alice):
    application = make_application(alice, "Applied")
    change = move(application, "Rejected")
    debrief = Debrief.objects.get(application=application)
    assert change.next_url == reverse("debrief:debrief_detail", args=[debrief.pk])
    assert debrief.flow == "rejected"
    assert debrief.steps.count() == len(Habit.values)

    move(application, "Interviewing")
    again = move(application, "Rejected")
    assert Debrief.objects.filter(application=application).count() == 1
    assert again.next_url == debrief.get_absolute_url()
    assert Reminder.objects.filter(kind=ReminderKind.THANK_YOU).count() == 1


def test_it_opens_no_debrief_for_a_withdrawal(alice):
    application = make_application(alice, "Interviewing")
    change = move(application, "Withdrawn")
    assert change.next_url is None
    assert not Debrief.objects.filter(application=application).exists()


def test_it_opens_no_debrief_for_other_moves(alice):
    application = make_application(alice, "Applied")
    assert move(application, "Screening").next_url is None
    assert not Debrief.objects.exists()


def test_it_uses_the_ghosted_flow_without_a_thank_you(alice):
    debrief = make_debrief(alice, "Ghosted")
    assert debrief.flow == "ghosted"
    assert debrief.draft_kinds == ["status_check", "closing_note"]
    assert not Reminder.objects.filter(kind=ReminderKind.THANK_YOU).exists()
    follow_up = Reminder.objects.get(kind=ReminderKind.FOLLOW_UP)
    assert follow_up.due_at == debrief.ended_at + timedelta(hours=24)
    assert debrief.step(Habit.SEEK_FEEDBACK).state == StepState.SKIPPED


def test_it_switches_a_ghosted_debrief_to_the_rejection_flow_when_they_reply(alice):
    debrief = make_debrief(alice, "Ghosted")
    move(debrief.application, "Rejected")
    debrief.refresh_from_db()
    assert debrief.flow == "rejected"
    assert Debrief.objects.count() == 1
    assert Reminder.objects.filter(kind=ReminderKind.THANK_YOU).count() == 1
    assert debrief.step(Habit.SEEK_FEEDBACK).state == StepState.TODO


def test_it_makes_the_thank_you_due_within_a_day_of_the_rejection(alice):
    debrief = make_debrief(alice)
    reminder = Reminder.objects.get(kind=ReminderKind.THANK_YOU)
    assert reminder.due_at == debrief.ended_at + timedelta(hours=24)
    assert reminder.target == debrief
    assert reminder.application == debrief.application
    assert not Reminder.objects.due(debrief.ended_at + timedelta(hours=23)).exists()
    assert Reminder.objects.due(debrief.ended_at + timedelta(hours=24)).exists()


def test_it_lands_on_the_debrief_page_after_a_rejection(alice_client, alice):
    application = make_application(alice, "Applied")
    move(application, "Rejected")
    response = alice_client.get(application.debrief.get_absolute_url())
    assert response.status_code == 200
    assert "The ten habits" in response.text
    assert "thank-you is due" in response.text


@pytest.mark.parametrize(
    ("through", "interview_kinds", "expected"),
    [
        ((), [], StageReached.APPLICATION),
        (("Screening",), [], StageReached.SCREEN),
        (("Screening", "Interviewing"), [], StageReached.TECHNICAL),
        (("Screening", "Interviewing", "Final round"), [], StageReached.FINAL),
        (("Screening",), ["technical"], StageReached.TECHNICAL),
        ((), ["final"], StageReached.FINAL),
    ],
)
def test_it_knows_how_far_the_application_got(alice, through, interview_kinds, expected):
    application = make_application(alice, "Applied")
    for kind in interview_kinds:
        make_interview(application, kind=kind)
    for name in through:
        move(application, name)
    move(application, "Rejected")
    assert application.debrief.stage_reached == expected


PROMPT_MARKERS = {
    StageReached.APPLICATION: "Read the posting again",
    StageReached.SCREEN: "two-minute introduction",
    StageReached.TECHNICAL: "Go through the questions you were asked",
    StageReached.FINAL: "Getting to the final round",
}


@pytest.mark.parametrize("stage_reached", list(PROMPT_MARKERS))
def test_it_shows_prompts_for_the_stage_reached(alice_client, alice, stage_reached):
    debrief = make_debrief(alice)
    Debrief.objects.filter(pk=debrief.pk).update(stage_reached=stage_reached)
    text = alice_client.get(debrief.get_absolute_url()).text
    assert PROMPT_MARKERS[stage_reached] in text
    for other, marker in PROMPT_MARKERS.items():
        if other != stage_reached:
            assert marker not in text


def test_it_prefills_what_onward_knows_about_the_interviews(alice_client, alice):
    application = make_application(alice, "Interviewing")
    dana = make_contact(alice, "Dana Okafor")
    link_contact(application, dana)
    when = timezone.now().replace(year=2024, month=3, day=12, hour=14, minute=0)
    make_interview(
        application,
        round_name="System design",
        starts_at=when,
        interviewers=[dana],
        questions="Design a rate limiter",
        notes="They are moving to event sourcing <soon>",
    )
    move(application, "Rejected")
    text = alice_client.get(application.debrief.get_absolute_url()).text
    assert "System design" in text
    assert "12 Mar 2024" in text
    assert "Dana Okafor" in text
    assert "Design a rate limiter" in text
    assert "event sourcing &lt;soon&gt;" in text  # user text is escaped
    assert "In the System design on 12 March with Dana Okafor" in text


def test_it_withdrawn_gets_a_debrief_only_when_asked(alice_client, alice):
    application = make_application(alice, "Interviewing")
    move(application, "Withdrawn")
    listing = alice_client.get(reverse("debrief:debrief_list")).text
    assert reverse("debrief:debrief_start", args=[application.pk]) in listing

    response = alice_client.post(reverse("debrief:debrief_start", args=[application.pk]))
    debrief = Debrief.objects.get(application=application)
    assert response.status_code == 302
    assert response.url == debrief.get_absolute_url()
    assert debrief.flow == "withdrawn"
    assert not Reminder.objects.exists()
    # Starting again finds the same debrief.
    alice_client.post(reverse("debrief:debrief_start", args=[application.pk]))
    assert Debrief.objects.count() == 1


def test_it_lists_debriefs_to_finish_until_completed_or_dismissed(alice_client, alice):
    first = make_debrief(alice, company=None, title="Data engineer")
    second = make_debrief(alice, title="Platform engineer")
    third = make_debrief(alice, title="Site reliability engineer")
    first.complete()
    second.dismiss()

    page = alice_client.get(reverse("debrief:debrief_list"))
    to_finish = page.context["to_finish"]
    assert list(to_finish) == [third]
    assert DebriefStep.objects.filter(debrief=third).count() == 10


def test_it_dismisses_and_reopens_by_post(alice_client, alice):
    debrief = make_debrief(alice)
    response = alice_client.post(reverse("debrief:debrief_dismiss", args=[debrief.pk]))
    assert response.status_code == 302
    debrief.refresh_from_db()
    assert debrief.status == "dismissed"
    assert not Reminder.objects.open().exists()
    alice_client.post(reverse("debrief:debrief_reopen", args=[debrief.pk]))
    debrief.refresh_from_db()
    assert debrief.status == "open"


def test_it_stage_of_kind_lost_without_loss_type_counts_as_rejection(alice):
    lost = stage(alice, "Rejected")
    lost.loss_type = ""
    lost.save()
    debrief = make_debrief(alice)
    assert debrief.flow == "rejected"
