from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from onward.core.reminders.models import Reminder, ReminderKind
from onward.testing import (
    link_contact,
    make_application,
    make_contact,
    make_interview,
    move,
)

pytestmark = pytest.mark.django_db
NOW = datetime(2025, 1, 31, 12, 0, tzinfo=UTC)


@pytest.fixture
def debrief(alice):
    application = make_application(alice, "Interviewing")
    dana = make_contact(alice, "Dana", linkedin_url="https://www.linkedin.com/in/dana")
    eli = make_contact(alice, "Eli")
    make_interview(application, interviewers=[dana, eli])
    make_interview(application, round_name="Final", kind="final", interviewers=[dana])
    link_contact(application, eli, "interviewer")
    link_contact(application, make_contact(alice, "Rita"), "recruiter")
    move(application, "Rejected")
    return application.debrief


def test_it_offers_keep_the_door_open_reminders_once(debrief):
    with time_machine.travel(NOW, tick=False):
        debrief.complete()
        debrief.complete()
    reminders = Reminder.objects.filter(application=debrief.application)
    reconnect = reminders.get(kind=ReminderKind.RECONNECT)
    openings = reminders.get(kind=ReminderKind.CHECK_OPENINGS)
    assert reconnect.due_at == datetime(2025, 4, 30, 12, 0, tzinfo=UTC)
    assert openings.due_at == datetime(2025, 7, 31, 12, 0, tzinfo=UTC)
    linkedin = reminders.filter(kind=ReminderKind.CONNECT_LINKEDIN).order_by("title")
    assert [r.title for r in linkedin] == [
        "Connect with Dana on LinkedIn",
        "Connect with Eli on LinkedIn",
    ]
    assert linkedin[0].link == "https://www.linkedin.com/in/dana"
    assert linkedin[1].link == debrief.get_absolute_url()
    debrief.refresh_from_db()
    assert debrief.status == "completed"


def test_it_completes_by_post_with_adjusted_months(alice_client, debrief):
    url = reverse("debrief:debrief_complete", args=[debrief.pk])
    with time_machine.travel(NOW, tick=False):
        response = alice_client.post(
            url, {"reconnect": "on", "reconnect_months": "2", "openings_months": "6"}
        )
        alice_client.post(url, {"reconnect": "on", "reconnect_months": "2", "openings_months": "6"})
    assert response.status_code == 302
    kinds = list(
        Reminder.objects.exclude(kind=ReminderKind.THANK_YOU).values_list("kind", "due_at")
    )
    assert kinds == [(ReminderKind.RECONNECT, datetime(2025, 3, 31, 12, 0, tzinfo=UTC))]


def test_it_refuses_silly_months(alice_client, debrief):
    url = reverse("debrief:debrief_complete", args=[debrief.pk])
    response = alice_client.post(
        url, {"reconnect": "on", "reconnect_months": "0", "openings_months": "x"}
    )
    assert response.status_code == 400
    debrief.refresh_from_db()
    assert debrief.status == "open"
