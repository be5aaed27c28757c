"""The finish line: moving an application to Accepted opens a close-out with polite
withdrawal drafts for the other open applications, thanks for the support circle and the
referrers, and a wrap-up that pauses the weekly goals and keeps the win."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from onward.routine.models import RestPeriod
from onward.routine.progress import routine_for
from onward.testing import (
    link_contact,
    make_application,
    make_contact,
    make_reminder,
    move,
)
from onward.wellbeing.models import Win

pytestmark = pytest.mark.django_db


@pytest.fixture
def search(alice):
    won = make_application(alice, "Offer", title="Product designer")
    other = make_application(alice, "Interviewing", title="UX lead")
    recruiter = make_contact(alice, "Lea Brandt", email="lea@example.org")
    link_contact(other, recruiter, "recruiter")
    silent = make_application(alice, "Applied", title="Design engineer")
    lost = make_application(alice, "Rejected", title="Old role")
    mentor = make_contact(alice, "Mia Mentor", email="mia@example.org", support_circle=True)
    referrer = make_contact(alice, "Rui Ref", email="rui@example.org")
    link_contact(won, referrer, "referrer")
    return won, other, silent, lost, recruiter, mentor, referrer


def test_accepting_opens_the_closeout(alice_client, alice, search):
    won, other, silent, lost, recruiter, mentor, referrer = search
    change = move(won, "Accepted")
    assert change.next_url == reverse("pipeline:closeout", args=[won.pk])
    page = alice_client.get(change.next_url)
    assert page.status_code == 200
    shown = [w.application for w in page.context["withdrawals"]]
    assert shown == sorted([other, silent], key=lambda a: (a.company.name, a.pk))
    assert lost not in shown
    [with_contact] = [w for w in page.context["withdrawals"] if w.application == other]
    assert with_contact.contact == recruiter
    assert [p.name for p in page.context["thanks"]] == ["Mia Mentor", "Rui Ref"]


def test_the_withdrawal_and_thanks_drafts(alice_client, alice, search):
    won, other, _, _, recruiter, mentor, _ = search
    move(won, "Accepted")
    url = reverse("pipeline:contact_draft", args=[recruiter.pk, "withdraw"])
    body = alice_client.get(url, {"application": other.pk}).context["form"]["body"].value()
    assert "withdraw my application" in body and "UX lead" in body and body.startswith("Hi Lea,")
    url = reverse("pipeline:contact_draft", args=[mentor.pk, "share_news"])
    body = alice_client.get(url, {"application": won.pk}).context["form"]["body"].value()
    assert "accepted the Product designer role" in body


def test_wrapping_up_pauses_the_goals_and_keeps_the_win_once(alice_client, alice, search):
    won, other = search[0], search[1]
    move(won, "Accepted")
    about_other = make_reminder(alice, application=other, title="Prepare the UX lead round")
    general = make_reminder(alice, title="Update the portfolio")
    url = reverse("pipeline:closeout", args=[won.pk])
    assert routine_for(alice).this_week.goal("applications").target > 0
    for _ in range(2):
        assert alice_client.post(url).status_code == 302
    assert RestPeriod.objects.filter(user=alice).count() == 1
    assert Win.objects.filter(user=alice, key=f"accepted:{won.pk}").count() == 1
    about_other.refresh_from_db()
    general.refresh_from_db()
    assert about_other.snoozed_until >= timezone.now() + timedelta(days=59)  # resting
    assert general.snoozed_until is None
    # From the next week on, no goal asks for applications (this week's counts the days before).
    next_week = timezone.localdate() + timedelta(days=7)
    assert routine_for(alice, today=next_week).this_week.goal("applications").target == 0


def test_the_closeout_waits_for_a_won_stage_and_is_private(alice_client, alice, bob, search):
    won = search[0]
    url = reverse("pipeline:closeout", args=[won.pk])
    assert alice_client.get(url).status_code == 302  # still an offer
    move(won, "Accepted")
    alice_client.force_login(bob)
    assert alice_client.get(url).status_code == 404
    assert alice_client.post(url).status_code == 404
