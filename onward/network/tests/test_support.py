from datetime import date

import pytest
import time_machine
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from onward.core.drafts import DRAFT_KINDS, DraftTemplate
from onward.network.models import Interaction
from onward.testing import make_application, make_company, make_contact, move

SUPPORT = reverse("network:support")


def draft_url(contact, kind, **params):
    url = reverse("pipeline:contact_draft", args=[contact.pk, kind])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def test_the_support_circle_has_its_own_page(alice_client, alice, bob):
    make_contact(alice, "Mia Mentor", relationship="mentor", support_circle=True)
    make_contact(alice, "Fred Friend", relationship="friend")
    make_contact(alice, "Rita Recruiter", relationship="recruiter")
    make_contact(bob, "Bob's Mentor", support_circle=True)
    response = alice_client.get(SUPPORT)
    assert [c.name for c in response.context["circle"]] == ["Mia Mentor"]
    assert [c.name for c in response.context["suggestions"]] == ["Fred Friend"]
    assert "Bob" not in response.content.decode()


def test_the_debrief_habit_link_resolves_to_it():
    from onward.debrief.panels import habit_page
    from onward.debrief.taxonomy import Habit

    assert habit_page(Habit.LEAN_ON_SUPPORT) == SUPPORT


def test_an_empty_circle_explains_how_to_start(alice_client):
    assert "Nobody here yet" in alice_client.get(SUPPORT).content.decode()


def test_the_new_kinds_use_the_debrief_drafting_mechanism():
    assert {"ask_advice", "ask_referral"} <= set(DRAFT_KINDS)


def test_an_advice_draft_names_the_last_rejection(alice_client, alice):
    mia = make_contact(alice, "Mia Mentor", email="mia@example.org")
    application = make_application(
        alice, "Applied", title="Data engineer", company=make_company(alice, "Globex")
    )
    move(application, "Rejected")
    response = alice_client.get(draft_url(mia, "ask_advice"))
    form = response.context["form"]
    assert form["to"].value() == "mia@example.org"
    assert "Hi Mia," in form["body"].value()
    assert "from Globex for the Data engineer role" in form["body"].value()
    assert "mailto:mia@example.org?subject=" in response.content.decode()


def test_a_referral_draft_is_about_an_application_at_their_company(alice_client, alice):
    rita = make_contact(alice, "Rita Insider", email="rita@example.org", company_name="Acme Inc")
    make_application(
        alice, "Wishlist", title="Platform engineer", company=make_company(alice, "Acme")
    )
    other = make_application(alice, "Applied", title="SRE", company=make_company(alice, "Initech"))
    form = alice_client.get(draft_url(rita, "ask_referral")).context["form"]
    assert form["subject"].value() == "A question about the Platform engineer role at Acme"
    form = alice_client.get(draft_url(rita, "ask_referral", application=other.pk)).context["form"]
    assert "SRE" in form["subject"].value()


def test_a_referral_draft_without_an_application_still_has_a_subject(alice_client, alice):
    rita = make_contact(alice, "Rita", email="rita@example.org")
    form = alice_client.get(draft_url(rita, "ask_referral")).context["form"]
    assert form["subject"].value() == "A quick question"


def test_the_users_own_wording_is_used(alice_client, alice):
    DraftTemplate.objects.create(
        user=alice, kind="ask_advice", subject="Coffee, {recipient_first_name}?", body="Hi!"
    )
    mia = make_contact(alice, "Mia Mentor", email="mia@example.org")
    form = alice_client.get(draft_url(mia, "ask_advice")).context["form"]
    assert form["subject"].value() == "Coffee, Mia?"


@time_machine.travel("2024-06-10 12:00Z", tick=False)
def test_marking_as_sent_logs_an_interaction(alice_client, alice):
    mia = make_contact(alice, "Mia", email="mia@example.org")
    mia.set_cadence(4)
    response = alice_client.post(
        draft_url(mia, "ask_advice"),
        {"to": "mia@example.org", "subject": "Advice?", "body": "Hi", "action": "mark_sent"},
    )
    assert response["Location"] == mia.get_absolute_url()
    interaction = Interaction.objects.get(contact=mia)
    assert (interaction.happened_on, interaction.channel) == (date(2024, 6, 10), "email")
    assert "ask a mentor for advice" in interaction.summary


def test_the_eml_download_is_a_draft(alice_client, alice):
    mia = make_contact(alice, "Mia", email="mia@example.org")
    response = alice_client.post(
        draft_url(mia, "ask_advice"),
        {"to": "mia@example.org", "subject": "Advice?", "body": "Hi", "action": "eml"},
    )
    assert response["Content-Type"] == "message/rfc822"
    assert b"X-Unsent: 1" in response.content
    assert not Interaction.objects.exists()


@override_settings(
    ONWARD_SMTP_ENABLED=True, EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
)
def test_sending_uses_smtp_and_logs_it(alice_client, alice):
    mia = make_contact(alice, "Mia", email="mia@example.org")
    alice_client.post(
        draft_url(mia, "ask_referral"),
        {"to": "mia@example.org", "subject": "Referral?", "body": "Hi", "action": "send"},
    )
    assert [m.to for m in mail.outbox] == [["mia@example.org"]]
    assert Interaction.objects.filter(contact=mia).count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"to": "noreply@example.org"}, "no-reply address"),
        ({"subject": "Hi\r\nBcc: x@example.org"}, "cannot contain a line break"),
        ({"to": "not an address"}, "valid email"),
        ({"action": "send"}, "needs an SMTP server"),
        ({"action": "launch"}, "Choose what to do"),
    ],
)
def test_it_keeps_the_debrief_drafts_safety(alice_client, alice, data, message):
    mia = make_contact(alice, "Mia", email="mia@example.org")
    post = {"to": "mia@example.org", "subject": "Advice?", "body": "Hi", "action": "preview"}
    response = alice_client.post(draft_url(mia, "ask_advice"), {**post, **data})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not mail.outbox


def test_an_unknown_kind_is_a_404(alice_client, alice):
    mia = make_contact(alice, "Mia")
    assert alice_client.get(draft_url(mia, "thank_you")).status_code == 404
    assert alice_client.get(draft_url(mia, "nonsense")).status_code == 404
