"""Every network route that takes an object id: another user gets a 404, and nothing changes."""

from datetime import date

import pytest
from django.urls import reverse

from onward.network.models import Contact, Interaction
from onward.testing import make_contact, make_debrief


@pytest.fixture
def alices(alice):
    contact = make_contact(alice, "Ada", email="ada@example.org")
    interaction = contact.log_interaction(happened_on=date(2024, 1, 1), channel="email")
    return {"contact": contact, "interaction": interaction, "debrief": make_debrief(alice)}


ROUTES = [
    ("network:contact_detail", "contact", {}),
    ("network:contact_edit", "contact", {"name": "Mallory"}),
    ("network:contact_delete", "contact", {}),
    ("network:contact_cadence", "contact", {"cadence": "2"}),
    ("network:contact_vcard", "contact", {}),
    ("network:interaction_create", "contact", {"happened_on": "2024-01-02", "channel": "call"}),
    ("network:interaction_edit", "interaction", {"happened_on": "2024-01-02", "channel": "call"}),
    ("network:interaction_delete", "interaction", {}),
    ("debrief:stay_in_touch", "debrief", {"cadence": "2"}),
]


@pytest.mark.parametrize(("name", "kind", "data"), ROUTES)
def test_another_user_gets_404(bob_client, alices, name, kind, data):
    url = reverse(name, args=[alices[kind].pk])
    assert bob_client.get(url).status_code in (404, 405)
    assert bob_client.post(url, data).status_code == 404
    assert Contact.objects.get(pk=alices["contact"].pk).name == "Ada"
    assert Contact.objects.get(pk=alices["contact"].pk).cadence_weeks is None
    assert Interaction.objects.count() == 1


@pytest.mark.parametrize("kind", ["ask_advice", "ask_referral"])
def test_another_users_contact_has_no_drafts(bob_client, alices, kind):
    url = reverse("pipeline:contact_draft", args=[alices["contact"].pk, kind])
    assert bob_client.get(url).status_code == 404
    data = {"to": "ada@example.org", "subject": "x", "body": "y", "action": "mark_sent"}
    assert bob_client.post(url, data).status_code == 404
    assert Interaction.objects.count() == 1


def test_pages_need_a_login(client):
    for name in ("contact_list", "support", "import_page", "export_vcards"):
        response = client.get(reverse(f"network:{name}"))
        assert response.status_code == 302, name
    for name in ("import_linkedin", "import_vcard"):
        assert client.post(reverse(f"network:{name}")).status_code == 302


def test_imports_need_a_post(alice_client):
    assert alice_client.get(reverse("network:import_linkedin")).status_code == 405
