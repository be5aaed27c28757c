from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from onward.pipeline.models import ApplicationContact, Interview
from onward.testing import link_contact, make_application, make_contact, make_interview


def create_url(application):
    return reverse("pipeline:interview_create", args=[application.pk])


def data(**overrides):
    values = {
        "round_name": "System design",
        "kind": "technical",
        "starts_at": "2024-03-05T14:30",
        "duration_minutes": "45",
        "questions": "Design a URL shortener",
        "notes": "Went well",
        "self_rating": "4",
    }
    values.update(overrides)
    return values


@time_machine.travel(datetime(2024, 3, 10, 12, tzinfo=UTC), tick=False)
def test_it_adds_an_interview_in_the_users_time_zone(alice_client, alice, paris):
    application = make_application(alice, "Interviewing")
    response = alice_client.post(create_url(application), data())
    interview = application.interviews.get()
    assert response["Location"].endswith(f"#interview-{interview.pk}")
    assert interview.starts_at == datetime(2024, 3, 5, 13, 30, tzinfo=UTC)  # 14:30 in Paris
    assert (interview.duration_minutes, interview.self_rating) == (45, 4)
    # …and shows it in the user's zone again.
    content = alice_client.get(application.get_absolute_url()).content.decode()
    assert "14:30" in content


def test_interviewers_are_linked_to_the_application_as_interviewers(alice_client, alice):
    application = make_application(alice, "Interviewing")
    ada, grace = make_contact(alice, "Ada"), make_contact(alice, "Grace")
    link_contact(application, grace, role="interviewer")
    alice_client.post(create_url(application), data(interviewers=[ada.pk, grace.pk]))
    interview = application.interviews.get()
    assert set(interview.interviewers.all()) == {ada, grace}
    links = ApplicationContact.objects.filter(application=application, role="interviewer")
    assert sorted(link.contact.name for link in links) == ["Ada", "Grace"]


def test_it_can_be_edited_and_new_interviewers_are_linked(alice_client, alice):
    application = make_application(alice, "Interviewing")
    interview = make_interview(application, round_name="Chat")
    ada = make_contact(alice, "Ada")
    url = reverse("pipeline:interview_edit", args=[interview.pk])
    assert alice_client.get(url).status_code == 200
    alice_client.post(url, data(round_name="Hiring manager chat", interviewers=[ada.pk]))
    interview.refresh_from_db()
    assert interview.round_name == "Hiring manager chat"
    assert application.contact_links.get().contact == ada


def test_it_can_be_deleted(alice_client, alice):
    interview = make_interview(make_application(alice, "Interviewing"))
    url = reverse("pipeline:interview_delete", args=[interview.pk])
    assert alice_client.get(url).status_code == 405
    alice_client.post(url)
    assert not Interview.objects.filter(pk=interview.pk).exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"round_name": ""}, "round_name", "required"),
        ({"kind": "karaoke"}, "kind", "Select a valid choice"),
        ({"starts_at": ""}, "starts_at", "required"),
        ({"starts_at": "next tuesday"}, "starts_at", "Enter a valid date/time"),
        ({"starts_at": "1970-01-01T10:00"}, "starts_at", "too far in the past"),
        ({"starts_at": "2999-01-01T10:00"}, "starts_at", "too far in the future"),
        ({"duration_minutes": "0"}, "duration_minutes", "greater than or equal to 5"),
        ({"duration_minutes": "100000"}, "duration_minutes", "less than or equal to 720"),
        ({"duration_minutes": "1.5"}, "duration_minutes", "whole number"),
        ({"self_rating": "6"}, "self_rating", "less than or equal to 5"),
        ({"self_rating": "0"}, "self_rating", "greater than or equal to 1"),
        ({"interviewers": ["999999"]}, "interviewers", "Select a valid choice"),
        ({"interviewers": ["abc"]}, "interviewers", "is not a valid value"),
    ],
)
def test_it_refuses_bad_values(alice_client, alice, overrides, field, message):
    application = make_application(alice, "Interviewing")
    response = alice_client.post(create_url(application), data(**overrides))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not application.interviews.exists()


def test_bobs_contacts_cannot_be_interviewers_on_alices_interview(alice_client, alice, bob):
    application = make_application(alice, "Interviewing")
    response = alice_client.post(create_url(application), data(interviewers=[make_contact(bob).pk]))
    assert "interviewers" in response.context["form"].errors


def test_bob_cannot_reach_alices_interviews(bob_client, alice):
    application = make_application(alice, "Interviewing")
    interview = make_interview(application)
    assert bob_client.get(create_url(application)).status_code == 404
    assert bob_client.post(create_url(application), data()).status_code == 404
    edit = reverse("pipeline:interview_edit", args=[interview.pk])
    assert bob_client.get(edit).status_code == 404
    assert bob_client.post(edit, data(round_name="Hijacked")).status_code == 404
    delete = reverse("pipeline:interview_delete", args=[interview.pk])
    assert bob_client.post(delete).status_code == 404
    interview.refresh_from_db()
    assert interview.round_name != "Hijacked"
