"""Offers carry the terms people compare, and two or more are shown side by side."""

import pytest
from django.urls import reverse

from onward.pipeline.offers import Offer
from onward.testing import make_application

pytestmark = pytest.mark.django_db

TERMS = {
    "base_salary": "72000",
    "currency": "eur",
    "bonus": "10% target",
    "equity": "2,000 options over 4 years",
    "benefits": "30 days off\n2 remote days",
    "start_date": "2025-05-01",
    "decision_deadline": "2025-04-04",
}


def test_it_records_the_terms_and_compares_two_offers(alice_client, alice):
    first = make_application(alice, "Offer", title="Product designer")
    second = make_application(alice, "Offer", title="UX lead")
    response = alice_client.post(reverse("pipeline:offer_edit", args=[first.pk]), TERMS)
    assert response.status_code == 302
    offer = Offer.objects.get(application=first)
    assert (offer.base_salary, offer.currency, offer.equity) == (72000, "EUR", TERMS["equity"])
    alice_client.post(
        reverse("pipeline:offer_edit", args=[second.pk]),
        {**TERMS, "base_salary": "68000", "bonus": "none"},
    )
    page = alice_client.get(reverse("pipeline:offer_compare"))
    assert [o.application for o in page.context["offers"]] == [first, second]
    html = page.content.decode()
    assert "72000 EUR" in html and "68000 EUR" in html and "30 days off" in html
    assert (
        reverse("pipeline:offer_edit", args=[first.pk])
        in alice_client.get(first.get_absolute_url()).content.decode()
    )


def test_it_refuses_terms_that_do_not_add_up(alice_client, alice):
    application = make_application(alice, "Offer")
    url = reverse("pipeline:offer_edit", args=[application.pk])
    response = alice_client.post(url, {**TERMS, "currency": ""})
    assert response.status_code == 400 and "currency" in response.context["form"].errors
    response = alice_client.post(url, {**TERMS, "start_date": "2025-03-01"})
    assert response.status_code == 400 and "start_date" in response.context["form"].errors
    assert not Offer.objects.exists()


def test_another_users_offer_is_not_shown(alice_client, bob):
    theirs = make_application(bob, "Offer")
    Offer.objects.create(application=theirs, bonus="secret bonus")
    assert alice_client.get(reverse("pipeline:offer_edit", args=[theirs.pk])).status_code == 404
    assert (
        "secret bonus" not in alice_client.get(reverse("pipeline:offer_compare")).content.decode()
    )
