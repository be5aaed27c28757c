import pytest
from django.urls import reverse

from onward.core.naming import company_key
from onward.testing import make_application, make_company, make_contact


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Acme, Inc.", "ACME inc"),
        ("Acme Ltd.", "acme"),
        ("Globex GmbH & Co. KG", "Globex"),
        ("The Acme Company", "Acme"),
        ("Société Générale S.A.", "Societe Generale"),
        ("Harbor & Finch", "Harbor and Finch"),
        ("O'Neil Labs", "ONeil Labs"),
    ],
)
def test_company_names_match_after_normalisation(a, b):
    assert company_key(a) == company_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Acme", "Acme Labs"), ("Marks and Spencer", "Marks"), ("AB", "A B C")],
)
def test_different_companies_stay_apart(a, b):
    assert company_key(a) != company_key(b)


def test_a_name_that_is_only_a_suffix_keeps_it():
    assert company_key("GmbH") == "gmbh"
    assert company_key("The") == "the"


def test_the_company_page_shows_the_people_i_know_there(alice_client, alice, bob):
    acme = make_company(alice, "Acme GmbH")
    make_contact(alice, "Ada Insider", company_name="ACME", relationship="peer")
    make_contact(alice, "Oscar Outsider", company_name="Globex")
    make_contact(bob, "Bob's Acme Friend", company_name="Acme")
    page = alice_client.get(acme.get_absolute_url()).content.decode()
    section = page.split('id="known-contacts"')[1].split("</section>")[0]
    assert "Ada Insider" in section and "Peer" in section
    assert "Oscar" not in section
    assert "Bob" not in page


def test_the_application_page_shows_them_too(alice_client, alice):
    application = make_application(alice, "Applied", company=make_company(alice, "The Acme Co."))
    page = alice_client.get(application.get_absolute_url()).content.decode()
    assert 'id="known-contacts"' in page and "Nobody in your contacts works at" in page
    make_contact(alice, "Ada Insider", company_name="acme, inc")
    page = alice_client.get(application.get_absolute_url()).content.decode()
    assert "Ada Insider" in page


def test_many_people_link_to_the_filtered_list(alice_client, alice):
    acme = make_company(alice, "Acme")
    for i in range(12 + 1):  # the page lists 12
        make_contact(alice, f"Person {i:02}", company_name="Acme")
    page = alice_client.get(acme.get_absolute_url()).content.decode()
    assert f"{reverse('network:contact_list')}?company=Acme" in page
