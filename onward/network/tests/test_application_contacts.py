import pytest
from django.urls import reverse

from onward.network.models import Contact
from onward.pipeline.models import ApplicationContact
from onward.testing import link_contact, make_application, make_contact


def link_url(application):
    return reverse("pipeline:application_contact_create", args=[application.pk])


def test_it_links_a_contact_with_a_role(alice_client, alice):
    application = make_application(alice, "Applied")
    ada = make_contact(alice, "Ada")
    response = alice_client.post(link_url(application), {"contact": ada.pk, "role": "recruiter"})
    assert response["Location"].endswith("#contacts")
    link = application.contact_links.get()
    assert (link.contact, link.role) == (ada, "recruiter")


def test_it_creates_a_new_contact_inline_at_the_applications_company(alice_client, alice):
    application = make_application(alice, "Applied")
    alice_client.post(
        link_url(application),
        {"new_name": "Grace", "new_email": "grace@example.org", "role": "hiring_manager"},
    )
    grace = Contact.objects.get(user=alice, name="Grace")
    assert grace.company_name == application.company.name
    assert application.contact_links.get().contact == grace


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"role": "recruiter"}, "contact", "Choose a contact, or type the name"),
        ({"new_name": "Grace", "role": "spy"}, "role", "Select a valid choice"),
        ({"new_name": "Grace", "new_email": "nope", "role": "recruiter"}, "new_email", "email"),
        ({"contact": "999999", "role": "recruiter"}, "contact", "Select a valid choice"),
        ({"new_name": "x" * 201, "role": "recruiter"}, "new_name", "at most 200"),
    ],
)
def test_it_refuses_bad_values_on_the_application_page(alice_client, alice, data, field, message):
    application = make_application(alice, "Applied")
    response = alice_client.post(link_url(application), data)
    assert response.status_code == 200
    assert message in " ".join(response.context["contact_form"].errors[field])
    assert not application.contact_links.exists()


def test_a_contact_and_a_new_name_together_are_refused(alice_client, alice):
    application = make_application(alice, "Applied")
    data = {"contact": make_contact(alice).pk, "new_name": "Grace", "role": "recruiter"}
    response = alice_client.post(link_url(application), data)
    assert "not both" in " ".join(response.context["contact_form"].errors["new_name"])


def test_the_same_person_in_the_same_role_twice_is_refused(alice_client, alice):
    application = make_application(alice, "Applied")
    ada = make_contact(alice, "Ada")
    link_contact(application, ada, role="recruiter")
    response = alice_client.post(link_url(application), {"contact": ada.pk, "role": "recruiter"})
    assert "already linked" in " ".join(response.context["contact_form"].errors["contact"])
    assert application.contact_links.count() == 1


def test_it_unlinks_without_deleting_the_contact(alice_client, alice):
    application = make_application(alice, "Applied")
    link = link_contact(application, make_contact(alice, "Ada"))
    url = reverse("pipeline:application_contact_delete", args=[link.pk])
    assert alice_client.get(url).status_code == 405
    alice_client.post(url)
    assert not ApplicationContact.objects.filter(pk=link.pk).exists()
    assert Contact.objects.filter(name="Ada").exists()


def test_bob_cannot_link_to_alices_application_or_use_her_contacts(bob_client, alice, bob):
    application = make_application(alice, "Applied")
    ada = make_contact(alice, "Ada")
    response = bob_client.post(link_url(application), {"contact": ada.pk, "role": "recruiter"})
    assert response.status_code == 404
    bobs_application = make_application(bob, "Applied")
    response = bob_client.post(link_url(bobs_application), {"contact": ada.pk, "role": "recruiter"})
    assert "contact" in response.context["contact_form"].errors
    link = link_contact(application, ada)
    delete = reverse("pipeline:application_contact_delete", args=[link.pk])
    assert bob_client.post(delete).status_code == 404
    assert ApplicationContact.objects.filter(pk=link.pk).exists()
