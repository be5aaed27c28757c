from datetime import date

import time_machine
from django.urls import reverse

from onward.core.reminders.models import Reminder, ReminderKind
from onward.network.models import Contact
from onward.testing import make_contact, make_debrief, make_interview


def setup_debrief(user):
    debrief = make_debrief(user)
    ada = make_contact(user, "Ada Interviewer", linkedin_url="https://www.linkedin.com/in/ada-x")
    bea = make_contact(user, "Bea Interviewer")
    make_interview(debrief.application, interviewers=[ada, bea])
    return debrief, ada, bea


@time_machine.travel("2024-06-10 12:00Z", tick=False)
def test_one_post_sets_cadences_and_connect_reminders(alice_client, alice):
    debrief, ada, bea = setup_debrief(alice)
    url = reverse("debrief:stay_in_touch", args=[debrief.pk])
    page = alice_client.get(url)
    assert page.status_code == 200
    assert "Ada Interviewer" in page.content.decode()
    response = alice_client.post(
        url, {"contacts": [ada.pk], "connect_linkedin": "on", "cadence": "8"}
    )
    assert response["Location"] == debrief.get_absolute_url()
    ada.refresh_from_db()
    assert ada.cadence_weeks == 8
    assert ada.next_follow_up().due_at.date() == date(2024, 8, 5)
    assert Contact.objects.get(pk=bea.pk).cadence_weeks is None
    connect = Reminder.objects.get(kind=ReminderKind.CONNECT_LINKEDIN)
    assert connect.title == "Connect with Ada Interviewer on LinkedIn"
    assert connect.url == "https://www.linkedin.com/in/ada-x"
    # Posting again, or completing the debrief, duplicates nothing.
    alice_client.post(url, {"contacts": [ada.pk], "connect_linkedin": "on", "cadence": "8"})
    debrief.complete(connect_linkedin=True)
    assert (
        Reminder.objects.filter(kind=ReminderKind.CONNECT_LINKEDIN, key=f"contact:{ada.pk}").count()
        == 1
    )
    assert Reminder.objects.filter(kind=ReminderKind.FOLLOW_UP).count() == 1


def test_it_refuses_people_who_did_not_interview_and_empty_choices(alice_client, alice):
    debrief, ada, _ = setup_debrief(alice)
    stranger = make_contact(alice, "Stranger")
    url = reverse("debrief:stay_in_touch", args=[debrief.pk])
    response = alice_client.post(url, {"contacts": [stranger.pk], "cadence": "4"})
    assert response.status_code == 400
    response = alice_client.post(url, {"contacts": [ada.pk], "cadence": ""})
    assert response.status_code == 400
    assert "Choose a LinkedIn task" in response.content.decode()
    assert not Reminder.objects.filter(kind=ReminderKind.FOLLOW_UP).exists()


def test_without_interviewers_it_says_what_to_do(alice_client, alice):
    debrief = make_debrief(alice)
    page = alice_client.get(reverse("debrief:stay_in_touch", args=[debrief.pk]))
    assert "No interviewers are recorded" in page.content.decode()


def test_the_completed_debrief_links_to_it(alice_client, alice):
    debrief, _, _ = setup_debrief(alice)
    debrief.complete()
    page = alice_client.get(debrief.get_absolute_url()).content.decode()
    assert reverse("debrief:stay_in_touch", args=[debrief.pk]) in page
