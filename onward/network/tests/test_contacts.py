import pytest
from django.test import override_settings
from django.urls import reverse

from onward.network.models import Contact
from onward.testing import link_contact, make_application, make_contact, make_interview

LIST = reverse("network:contact_list")
CREATE = reverse("network:contact_create")


def test_the_list_explains_what_to_do_first_when_empty(alice_client):
    assert "No contacts yet" in alice_client.get(LIST).content.decode()


def test_the_list_searches_by_name_company_or_title(alice_client, alice):
    make_contact(alice, "Ada Lovelace", company_name="Analytical Engines")
    make_contact(alice, "Grace Hopper", title="Rear admiral")
    names = lambda r: [c.name for c in r.context["page"].object_list]  # noqa: E731
    assert names(alice_client.get(LIST, {"q": "engines"})) == ["Ada Lovelace"]
    assert names(alice_client.get(LIST, {"q": "admiral"})) == ["Grace Hopper"]
    assert "Nobody matches" in alice_client.get(LIST, {"q": "zzz"}).content.decode()
    assert alice_client.get(LIST, {"q": "x" * 5000, "page": "nope"}).status_code == 200


@override_settings(ONWARD_PAGE_SIZE=2)
def test_the_list_paginates(alice_client, alice):
    for name in ("A", "B", "C"):
        make_contact(alice, name)
    assert [c.name for c in alice_client.get(LIST, {"page": 2}).context["page"]] == ["C"]


def test_it_adds_a_contact(alice_client, alice):
    response = alice_client.post(
        CREATE,
        {
            "name": "Ada Lovelace",
            "email": "ada@example.org",
            "linkedin_url": "https://www.linkedin.com/in/ada",
            "company_name": "Acme Inc.",
            "title": "Engineering manager",
        },
    )
    contact = Contact.objects.get(user=alice)
    assert response["Location"] == contact.get_absolute_url()
    assert contact.company_key == "acme"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": ""}, "name", "required"),
        ({"name": "Ada", "email": "not-an-email"}, "email", "valid email"),
        ({"name": "Ada", "linkedin_url": "nope"}, "linkedin_url", "Enter a valid URL"),
        ({"name": "Ada", "linkedin_url": "https://evil.example/in/ada"}, "linkedin_url",
         "Enter a LinkedIn address"),
        ({"name": "Ada", "linkedin_url": "https://linkedin.com.evil.example/"}, "linkedin_url",
         "Enter a LinkedIn address"),
    ],
)  # fmt: skip
def test_it_refuses_bad_values(alice_client, alice, data, field, message):
    response = alice_client.post(CREATE, data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Contact.objects.filter(user=alice).exists()


def test_the_page_shows_applications_and_interviews(alice_client, alice):
    ada = make_contact(alice, "Ada", email="ada@example.org")
    application = make_application(alice, "Interviewing", title="Backend engineer")
    link_contact(application, ada, role="hiring_manager")
    make_interview(application, round_name="Culture chat", interviewers=[ada])
    content = alice_client.get(ada.get_absolute_url()).content.decode()
    assert "Backend engineer" in content and "Hiring manager" in content
    assert "Culture chat" in content
    assert "mailto:ada@example.org" in content


def test_html_in_notes_renders_inert(alice_client, alice):
    ada = make_contact(alice, "<img src=x onerror=alert(1)>", notes="<script>x()</script>")
    content = alice_client.get(ada.get_absolute_url()).content.decode()
    assert "<img src=x" not in content and "<script>x()" not in content
    assert "&lt;script&gt;" in content


def test_it_edits_and_deletes_a_contact(alice_client, alice):
    ada = make_contact(alice, "Ada")
    alice_client.post(reverse("network:contact_edit", args=[ada.pk]), {"name": "Ada L."})
    ada.refresh_from_db()
    assert ada.name == "Ada L."
    delete = reverse("network:contact_delete", args=[ada.pk])
    assert "Delete Ada L.?" in alice_client.get(delete).content.decode()
    assert alice_client.post(delete)["Location"] == LIST
    assert not Contact.objects.filter(pk=ada.pk).exists()


def test_bob_gets_404_for_alices_contacts(bob_client, alice):
    ada = make_contact(alice, "Ada")
    assert bob_client.get(ada.get_absolute_url()).status_code == 404
    for name in ("contact_edit", "contact_delete"):
        url = reverse(f"network:{name}", args=[ada.pk])
        assert bob_client.get(url).status_code == 404
        assert bob_client.post(url, {"name": "Hijacked"}).status_code == 404
    assert "Ada" not in bob_client.get(LIST).content.decode()
    ada.refresh_from_db()
    assert ada.name == "Ada"
