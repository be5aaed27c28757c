"""Advice and referral drafts read the pipeline: no application, applied, interviewing, an
offer and an ended application each get their own wording, and a referral is not offered for
an application that has ended (the page says why)."""

import pytest
from django.urls import reverse

from onward.network.models import Interaction
from onward.pipeline.support_drafts import Standing, application_for, make_draft, standing
from onward.testing import make_application, make_company, make_contact, make_interview, move

pytestmark = pytest.mark.django_db


@pytest.fixture
def sam(alice):
    """A friend who works at Nordlicht Studio."""
    return make_contact(
        alice, "Sam Okafor", email="sam@nordlicht.example", company_name="Nordlicht Studio GmbH"
    )


def at_nordlicht(alice, stage_name, interviewed=False):
    company = make_company(alice, "Nordlicht Studio")
    application = make_application(alice, stage_name, company=company, title="Product designer")
    if interviewed:
        make_interview(application)
    return application


def referral(alice_client, sam, **params):
    return alice_client.get(
        reverse("pipeline:contact_draft", args=[sam.pk, "ask_referral"]), params
    )


@pytest.mark.parametrize(
    ("stage_name", "interviewed", "expected", "never"),
    [
        (None, False, "I'd love to work at Nordlicht Studio GmbH", "I've applied"),
        ("Wishlist", False, "I'd love to apply", "I've applied"),
        ("Applied", False, "I've applied for the Product designer role", "I'd love to apply"),
        ("Interviewing", True, "I'm in the interview process", "I'd love to apply"),
        ("Offer", False, "has offered me the Product designer role", "I'd love to apply"),
    ],
)
def test_the_referral_draft_says_where_things_stand(
    alice_client, alice, sam, stage_name, interviewed, expected, never
):
    if stage_name:
        at_nordlicht(alice, stage_name, interviewed)
    response = referral(alice_client, sam)
    assert response.status_code == 200
    body = response.context["form"]["body"].value()
    assert expected in body and never not in body
    assert "Hi Sam," in body


def test_an_applied_application_with_an_interview_counts_as_interviewing(alice):
    application = at_nordlicht(alice, "Applied", interviewed=True)
    assert standing(application) == Standing.INTERVIEWING


def test_a_referral_after_a_rejection_is_not_offered_and_says_why(alice_client, alice, sam):
    application = at_nordlicht(alice, "Interviewing", interviewed=True)
    move(application, "Rejected")
    assert application_for(sam, "ask_referral") == application
    response = referral(alice_client, sam)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="not-offered"' in page and "has ended (Rejected)" in page
    assert "I&#x27;d love to apply" not in page and 'id="draft-form"' not in page
    # Posting it anyway is refused, and nothing is logged.
    url = reverse("pipeline:contact_draft", args=[sam.pk, "ask_referral"])
    posted = alice_client.post(
        url, {"to": sam.email, "subject": "x", "body": "x", "action": "mark_sent"}
    )
    assert posted.status_code == 400
    assert not Interaction.objects.exists()


def test_a_new_role_at_a_company_that_said_no_can_have_its_referral(alice_client, alice, sam):
    old = at_nordlicht(alice, "Applied")
    move(old, "Rejected")
    new = make_application(alice, "Wishlist", company=old.company, title="Design lead")
    response = referral(alice_client, sam, application=new.pk)
    assert "I'd love to apply" in response.context["form"]["body"].value()


@pytest.mark.parametrize(
    ("stage_name", "expected"),
    [
        (None, "in the middle of a job search"),
        ("Interviewing", "I'm interviewing with Nordlicht Studio"),
        ("Offer", "has offered me the Product designer role"),
        ("Rejected", "I've just had a no from Nordlicht Studio"),
    ],
)
def test_the_advice_draft_says_where_things_stand(alice, sam, stage_name, expected):
    application = None
    if stage_name == "Rejected":
        application = at_nordlicht(alice, "Applied")
        move(application, "Rejected")
    elif stage_name:
        application = at_nordlicht(alice, stage_name, interviewed=True)
    body = make_draft(sam, "ask_advice", application).body
    assert expected in body
    if stage_name != "Rejected":
        assert "had a no" not in body


@pytest.mark.parametrize(
    ("stage_name", "expected"),
    [
        (None, "It's been a while since we last spoke"),
        ("Applied", "I've applied to Nordlicht Studio again"),
        ("Interviewing", "I'm interviewing with Nordlicht Studio again"),
        ("Rejected", "since the Product designer process at Nordlicht Studio"),
    ],
)
def test_the_reconnect_draft_says_where_things_stand(
    alice_client, alice, sam, stage_name, expected
):
    if stage_name == "Rejected":
        move(at_nordlicht(alice, "Applied"), "Rejected")
    elif stage_name:
        at_nordlicht(alice, stage_name, interviewed=stage_name == "Interviewing")
    url = reverse("pipeline:contact_draft", args=[sam.pk, "reconnect"])
    body = alice_client.get(url).context["form"]["body"].value()
    assert expected in body
    assert "Hi Sam," in body
