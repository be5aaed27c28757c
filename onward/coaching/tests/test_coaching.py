"""Sharing the strategy report with a coach: by consent, read-only, the report and nothing
else, until the job seeker stops it."""

import pytest
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse

from onward.coaching.models import CoachAccess
from onward.testing import make_application


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def shared(alice, coach):
    return CoachAccess.objects.create(seeker=alice, coach=coach)


def report_url(seeker) -> str:
    return reverse("coaching:report", args=[seeker.pk])


def test_a_job_seeker_shares_the_report_by_username(alice_client, alice, coach):
    response = alice_client.post(reverse("coaching:index"), {"username": " carol "})
    assert response.status_code == 302
    assert CoachAccess.objects.get().coach == coach
    page = alice_client.get(reverse("coaching:index")).content.decode()
    assert "carol can now read your strategy report." in page
    assert "Carol Coach" in page and "Stop sharing" in page


@pytest.mark.parametrize(
    ("username", "error"),
    [
        ("nobody", "There is no account with that username here."),
        ("alice", "That is you: a coach is someone else."),
        ("", "This field is required."),
    ],
)
def test_it_refuses_a_coach_it_cannot_share_with(alice_client, alice, username, error):
    response = alice_client.post(reverse("coaching:index"), {"username": username})
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not CoachAccess.objects.exists()


def test_sharing_twice_with_one_coach_keeps_one_grant(alice_client, shared):
    response = alice_client.post(reverse("coaching:index"), {"username": "carol"})
    assert "carol can already read your report." in response.content.decode()
    assert CoachAccess.objects.count() == 1
    with pytest.raises(IntegrityError):  # and the database says so too
        CoachAccess.objects.create(seeker=shared.seeker, coach=shared.coach)


def test_the_coach_reads_the_seekers_report_not_their_own(alice, coach, shared, bob):
    make_application(alice, "Screening", title="Staff engineer")
    make_application(coach, "Applied", title="Coach's own application")
    page = client_for(coach).get(report_url(alice))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Job-search strategy report" in html
    assert page.context["report_for"] == alice
    assert page.context["summary"].total == 1  # alice's one application, not carol's
    # No links into pages that would show the coach's own data under the seeker's name.
    assert reverse("insights:applications") not in html
    assert "Back to coaching" in html
    listing = client_for(coach).get(reverse("coaching:index")).content.decode()
    assert report_url(alice) in listing


def test_nobody_else_reads_the_report(alice, bob, coach, shared):
    assert client_for(bob).get(report_url(alice)).status_code == 404
    # Sharing goes one way: alice does not get to read her coach's search.
    assert client_for(alice).get(report_url(coach)).status_code == 404
    assert Client().get(report_url(alice)).status_code == 302  # to the login


def test_stopping_sharing_closes_the_report(alice_client, alice, coach, shared):
    response = alice_client.post(reverse("coaching:revoke", args=[shared.pk]))
    assert response.status_code == 302
    assert not CoachAccess.objects.exists()
    assert client_for(coach).get(report_url(alice)).status_code == 404


def test_a_coach_may_step_back(alice, coach, shared):
    client_for(coach).post(reverse("coaching:revoke", args=[shared.pk]))
    assert not CoachAccess.objects.exists()


def test_nobody_else_stops_a_share(bob_client, shared):
    assert bob_client.post(reverse("coaching:revoke", args=[shared.pk])).status_code == 404
    assert bob_client.get(reverse("coaching:revoke", args=[shared.pk])).status_code == 405
    assert CoachAccess.objects.count() == 1


def test_the_settings_page_leads_to_coaching(alice_client):
    html = alice_client.get(reverse("accounts:settings")).content.decode()
    assert reverse("coaching:index") in html


def test_names_are_escaped(alice, coach, shared):
    alice.first_name = "<script>alert(1)</script>"
    alice.save()
    html = client_for(coach).get(reverse("coaching:index")).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_a_huge_id_is_a_404_not_an_error(coach):
    assert client_for(coach).get(f"/coaching/{10**30}/report/").status_code == 404
    assert client_for(coach).post(f"/coaching/sharing/{10**30}/stop/").status_code == 404


def test_a_deactivated_job_seekers_report_is_closed(alice, coach, shared):
    alice.is_active = False
    alice.save()
    assert client_for(coach).get(report_url(alice)).status_code == 404
