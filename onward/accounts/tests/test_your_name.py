"""Your own name: given on the first-run page or in settings, with an email signature, and
used to sign every draft (never the username)."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from onward.accounts.models import Profile
from onward.debrief.personalise import make_draft
from onward.pipeline import support_drafts
from onward.testing import make_application, make_contact, move

STRONG = "a long and unusual passphrase 42"


def test_the_first_run_page_asks_for_your_name(client, db):
    page = client.get(reverse("accounts:setup")).content.decode()
    assert 'name="first_name"' in page and 'name="last_name"' in page
    response = client.post(
        reverse("accounts:setup"),
        {"username": "maya", "first_name": " Maya ", "last_name": "Lindqvist",
         "password1": STRONG, "password2": STRONG},
    )  # fmt: skip
    assert response.status_code == 302
    user = get_user_model().objects.get(username="maya")
    assert (user.first_name, user.last_name) == ("Maya", "Lindqvist")


def test_settings_save_your_name_and_signature(alice_client, alice):
    response = alice_client.post(
        reverse("accounts:settings"),
        {"profile-first_name": "Alice", "profile-last_name": "Moreau  Durand",
         "profile-signature": "Alice Moreau\nProduct designer · +33 6 12 34 56 78",
         "profile-time_zone": "UTC", "profile-ghost_after_days": "21",
             "profile-theme": "system"},
    )  # fmt: skip
    assert response.status_code == 302
    alice.refresh_from_db()
    assert (alice.first_name, alice.last_name) == ("Alice", "Moreau Durand")
    assert Profile.objects.get(user=alice).signature.startswith("Alice Moreau\n")
    page = alice_client.get(reverse("accounts:settings")).content.decode()
    assert 'value="Moreau Durand"' in page


@pytest.fixture
def rejected(alice):
    application = make_application(alice, "Interviewing", title="Product designer")
    move(application, "Rejected")
    return application.debrief


def test_drafts_sign_with_your_name_not_your_username(db, alice, rejected):
    assert make_draft(rejected, "thank_you", None).body.rstrip().endswith("\nalice")
    alice.first_name, alice.last_name = "Alice", "Moreau"
    alice.save()
    for kind in rejected.draft_kinds:
        assert make_draft(rejected, kind, None).body.rstrip().endswith("\nAlice Moreau")


def test_drafts_sign_with_your_signature_when_you_have_one(db, alice, rejected):
    alice.first_name = "Alice"
    alice.save()
    Profile.objects.filter(user=alice).update(signature="Alice M.\nalice.example.org")
    rejected = type(rejected).objects.get(pk=rejected.pk)  # its user reads the profile afresh
    alice.refresh_from_db()
    body = make_draft(rejected, "thank_you", None).body
    assert body.rstrip().endswith("All the best,\nAlice M.\nalice.example.org")
    friend = make_contact(alice, "Sam Okafor", email="sam@example.org")
    advice = support_drafts.make_draft(friend, "ask_advice", None).body
    assert advice.rstrip().endswith("Alice M.\nalice.example.org")
