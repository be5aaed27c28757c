"""Sharing the strategy report with a coach: by consent, read-only, the report and nothing
else, until the job seeker stops it."""

import threading
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from django.db import IntegrityError, connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from onward.coaching.models import CoachAccess, CoachInvitation, InvitationInvalid
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


def invite(client) -> str:
    """Create an invitation as the logged-in seeker; the link's path, as shown once."""
    response = client.post(reverse("coaching:invite"))
    assert response.status_code == 200
    link = response.context["new_link"]
    assert link in response.content.decode()
    return urlsplit(link).path


def test_a_job_seeker_shares_the_report_by_invitation_link(alice_client, alice, coach):
    path = invite(alice_client)
    invitation = CoachInvitation.objects.get()
    token = path.rstrip("/").rsplit("/", 1)[1]
    assert invitation.digest == CoachInvitation.hash(token) and token not in invitation.digest
    assert not CoachAccess.objects.exists()  # nothing until the coach accepts
    carol = client_for(coach)
    page = carol.get(path)
    assert page.status_code == 200 and "<strong>alice</strong> invites you" in page.content.decode()
    assert carol.post(path).status_code == 302
    assert CoachAccess.objects.get().coach == coach
    html = alice_client.get(reverse("coaching:index")).content.decode()
    assert "Carol Coach" in html and "Stop sharing" in html
    assert "Invitations not yet accepted" not in html


def test_a_link_works_once(alice_client, coach, bob):
    path = invite(alice_client)
    client_for(coach).post(path)
    for client in (client_for(bob), client_for(coach)):
        assert client.get(path).status_code == 404
        assert client.post(path).status_code == 404
    assert list(CoachAccess.objects.values_list("coach__username", flat=True)) == ["carol"]


def test_a_link_expires(alice_client, coach, settings):
    settings.ONWARD_COACH_INVITATION_DAYS = 7
    path = invite(alice_client)
    with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)):
        response = client_for(coach).post(path)
    assert response.status_code == 404 and "expired" in response.content.decode()
    assert not CoachAccess.objects.exists()


def test_the_seeker_withdraws_a_link(alice_client, coach, bob):
    path = invite(alice_client)
    invitation = CoachInvitation.objects.get()
    withdraw = reverse("coaching:withdraw", args=[invitation.pk])
    assert client_for(bob).post(withdraw).status_code == 404  # someone else's invitation
    assert alice_client.post(withdraw).status_code == 302
    assert client_for(coach).post(path).status_code == 404
    assert not CoachAccess.objects.exists()


def test_an_unknown_link_answers_like_a_used_one(coach):
    carol = client_for(coach)
    response = carol.get(reverse("coaching:join", args=["made-up"]))
    assert response.status_code == 404 and "does not work any more" in response.content.decode()


def test_the_seeker_cannot_accept_their_own_link(alice_client):
    path = invite(alice_client)
    assert "your own invitation" in alice_client.get(path).content.decode()
    assert alice_client.post(path).status_code == 400
    assert not CoachAccess.objects.exists()


def test_a_coach_must_be_logged_in_to_accept(alice_client):
    path = invite(alice_client)
    response = Client().get(path)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_accepting_again_keeps_one_grant(alice_client, shared, coach):
    client_for(coach).post(invite(alice_client))
    assert CoachAccess.objects.count() == 1
    with pytest.raises(IntegrityError):  # and the database says so too
        CoachAccess.objects.create(seeker=shared.seeker, coach=shared.coach)


def test_the_sharing_page_asks_for_no_username(alice_client):
    html = alice_client.get(reverse("coaching:index")).content.decode()
    assert 'name="username"' not in html
    # A posted username is not looked up: the page answers the same for any name.
    for name in ("carol", "nobody"):
        assert alice_client.post(reverse("coaching:index"), {"username": name}).status_code == 200
    assert not CoachAccess.objects.exists()


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
    assert client_for(coach).post(f"/coaching/invitations/{10**30}/withdraw/").status_code == 404


def test_a_deactivated_job_seekers_report_is_closed(alice, coach, shared):
    alice.is_active = False
    alice.save()
    assert client_for(coach).get(report_url(alice)).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_two_coaches_accepting_one_link_at_once_make_one_share(monkeypatch):
    """Each checks the link, then pauses before taking it: without the lock both would."""
    from onward.testing import make_user

    alice = make_user("alice")
    coaches = [make_user("carol"), make_user("dan")]
    _, raw = CoachInvitation.issue(alice)
    checked = CoachInvitation.usable.__func__

    def slow_usable(cls, token):
        found = checked(cls, token)
        threading.Event().wait(0.3)  # room for the other coach to check too
        return found

    monkeypatch.setattr(CoachInvitation, "usable", classmethod(slow_usable))
    outcomes: list[str] = []

    def accept(coach):
        try:
            CoachInvitation.accept(raw, coach)
            outcomes.append("accepted")
        except InvitationInvalid:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(coach,)) for coach in coaches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["accepted", "refused"]
    assert CoachAccess.objects.count() == 1
