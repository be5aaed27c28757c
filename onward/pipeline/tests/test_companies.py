import pytest
from django.urls import reverse

from onward.pipeline.models import Company
from onward.testing import make_application, make_company, make_contact, stage

LIST = reverse("pipeline:company_list")
CREATE = reverse("pipeline:company_create")


def test_the_list_explains_what_to_do_first_when_empty(alice_client):
    assert "No companies yet" in alice_client.get(LIST).content.decode()


def test_the_list_counts_applications_per_company(alice_client, alice):
    acme = make_company(alice, "Acme")
    make_application(alice, "Applied", company=acme)
    make_application(alice, "Rejected", company=acme)
    (row,) = alice_client.get(LIST).context["page"].object_list
    assert (row.application_count, row.open_count, row.lost_count) == (2, 1, 1)


def test_the_page_shows_every_application_with_its_outcome(alice_client, alice):
    acme = make_company(alice, "Acme")
    lost = make_application(alice, "Applied", company=acme, title="Data engineer")
    lost.move_to(stage(alice, "Final round"))
    lost.move_to(stage(alice, "Rejected"))
    make_application(alice, "Screening", company=acme, title="Backend engineer")
    make_contact(alice, "Ada", company_name="ACME Inc.")
    content = alice_client.get(acme.get_absolute_url()).content.decode()
    assert "Data engineer" in content and "Rejected after Final round" in content
    assert "Backend engineer" in content and "In progress" in content
    assert "Ada" in content  # someone the user knows there
    assert f"{reverse('pipeline:application_create')}?company={acme.pk}" in content


def test_it_adds_a_company(alice_client, alice):
    response = alice_client.post(CREATE, {"name": " Initech ", "website": "initech.example"})
    company = Company.objects.get(user=alice)
    assert response["Location"] == company.get_absolute_url()
    assert company.name == "Initech"
    assert company.website == "https://initech.example"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": ""}, "name", "required"),
        ({"name": "..."}, "name", "at least one letter"),
        ({"name": "acme, inc."}, "name", "already have this company as “Acme”"),
        ({"name": "New", "website": "http://"}, "website", "Enter a valid URL"),
        ({"name": "New", "website": "not a url at all"}, "website", "Enter a valid URL"),
        ({"name": "x" * 201}, "name", "at most 200 characters"),
    ],
)
def test_it_refuses_bad_values(alice_client, alice, data, field, message):
    make_company(alice, "Acme")
    response = alice_client.post(CREATE, data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert Company.objects.for_user(alice).count() == 1


def test_another_users_company_name_is_no_obstacle(alice_client, alice, bob):
    make_company(bob, "Acme")
    alice_client.post(CREATE, {"name": "Acme"})
    assert Company.objects.for_user(alice).get().name == "Acme"


def test_it_edits_a_company_keeping_its_own_name(alice_client, alice):
    acme = make_company(alice, "Acme")
    url = reverse("pipeline:company_edit", args=[acme.pk])
    alice_client.post(url, {"name": "Acme", "notes": "Nice people"})
    acme.refresh_from_db()
    assert acme.notes == "Nice people"


def test_bob_gets_404_for_alices_company(bob_client, alice):
    acme = make_company(alice, "Acme")
    assert bob_client.get(acme.get_absolute_url()).status_code == 404
    url = reverse("pipeline:company_edit", args=[acme.pk])
    assert bob_client.get(url).status_code == 404
    assert bob_client.post(url, {"name": "Hijacked"}).status_code == 404
    acme.refresh_from_db()
    assert acme.name == "Acme"
