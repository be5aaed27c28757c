"""Reminders that start right: a rejection recorded late asks for the thank-you as soon as
possible instead of showing it days overdue; LinkedIn reminders only for people not yet
connected; one reminder per person, however many roles they had."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from onward.core.reminders.models import Reminder, ReminderKind
from onward.pipeline.models import ApplicationContact
from onward.testing import link_contact, make_application, make_contact, make_interview, move

pytestmark = pytest.mark.django_db
NOW = datetime(2025, 3, 10, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def thank_you(debrief):
    return Reminder.objects.for_target(debrief).get(kind=ReminderKind.THANK_YOU)


def test_a_rejection_recorded_a_week_late_is_due_now_not_overdue(alice_client, alice):
    application = make_application(alice, "Interviewing", when=NOW - timedelta(days=20))
    move(application, "Rejected", when=NOW - timedelta(days=7))
    debrief = application.debrief
    reminder = thank_you(debrief)
    assert reminder.due_at == NOW  # as soon as you can: due now, 0 days overdue
    assert "as soon as you can" in reminder.title
    page = alice_client.get(debrief.get_absolute_url()).content.decode()
    assert "as soon as you can" in page
    assert debrief.ended_at == NOW - timedelta(days=7)  # the news keeps its own date


def test_a_rejection_recorded_on_time_is_due_a_day_after_the_news(alice):
    application = make_application(alice, "Interviewing", when=NOW - timedelta(days=20))
    move(application, "Rejected", when=NOW - timedelta(hours=3))
    reminder = thank_you(application.debrief)
    assert reminder.due_at == NOW + timedelta(hours=21)
    assert "as soon as you can" not in reminder.title


def test_linkedin_reminders_only_for_people_not_yet_connected(alice):
    application = make_application(alice, "Interviewing")
    connected = make_contact(alice, "Ana Costa", connected_on=date(2024, 1, 5))
    stranger = make_contact(alice, "Ben Ode")
    make_interview(application, interviewers=[connected, stranger])
    move(application, "Rejected")
    application.debrief.complete()
    titles = list(
        Reminder.objects.filter(kind=ReminderKind.CONNECT_LINKEDIN).values_list("title", flat=True)
    )
    assert titles == ["Connect with Ben Ode on LinkedIn"]
    application.debrief.stay_in_touch([connected], cadence_weeks=None, connect_linkedin=True)
    assert Reminder.objects.filter(kind=ReminderKind.CONNECT_LINKEDIN).count() == 1


def test_someone_typed_in_twice_in_two_roles_is_one_person(alice):
    application = make_application(alice, "Interviewing")
    for role in ("hiring_manager", "interviewer"):
        ApplicationContact.link(application, role, name="Jonas Weber", email="jonas@x.example")
    links = ApplicationContact.objects.filter(application=application)
    assert links.count() == 2 and len({link.contact_id for link in links}) == 1
    move(application, "Rejected")
    application.debrief.complete()
    assert Reminder.objects.filter(kind=ReminderKind.CONNECT_LINKEDIN).count() == 1


def test_the_same_role_twice_is_still_refused(alice):
    application = make_application(alice, "Interviewing")
    jonas = make_contact(alice, "Jonas Weber")
    link_contact(application, jonas, "interviewer")
    with pytest.raises(ValidationError, match="already linked"):
        ApplicationContact.link(application, "interviewer", name="jonas  weber")
