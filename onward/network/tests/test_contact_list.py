from datetime import date

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from onward.network.models import Contact, Tag
from onward.testing import link_contact, make_application, make_contact

LIST = reverse("network:contact_list")


def names(response):
    return [c.name for c in response.context["page"].object_list]


def test_it_filters_by_relationship_tag_company_and_overdue(alice_client, alice):
    with time_machine.travel("2024-01-01 10:00Z", tick=False):
        ada = make_contact(alice, "Ada", relationship="mentor", company_name="Acme, Inc.")
        bea = make_contact(alice, "Bea", relationship="recruiter", company_name="Globex")
        make_contact(alice, "Cy", relationship="friend", company_name="The ACME company")
        ada.tags.set(Tag.objects.named(alice, ["Python"]))
        bea.set_cadence(2)
    with time_machine.travel("2024-02-01 10:00Z", tick=False):
        assert names(alice_client.get(LIST, {"relationship": "mentor"})) == ["Ada"]
        assert names(alice_client.get(LIST, {"tag": "python"})) == ["Ada"]
        assert names(alice_client.get(LIST, {"company": "acme"})) == ["Ada", "Cy"]
        assert names(alice_client.get(LIST, {"overdue": "on"})) == ["Bea"]
        assert names(alice_client.get(LIST, {"overdue": "on", "company": "acme"})) == []
        response = alice_client.get(LIST, {"relationship": "nonsense", "page": "x"})
        assert response.status_code == 200
        assert "Nobody matches" in alice_client.get(LIST, {"tag": "zzz"}).content.decode()


def test_the_list_shows_last_contacted_and_next_follow_up(alice_client, alice):
    with time_machine.travel("2024-01-10 10:00Z", tick=False):
        ada = make_contact(alice, "Ada")
        ada.log_interaction(happened_on=date(2024, 1, 9), channel="call")
        ada.set_cadence(4)
        row = alice_client.get(LIST).context["page"].object_list[0]
        assert row.last_contacted_on == date(2024, 1, 9)
        assert row.next_follow_up_at.date() == date(2024, 2, 7)
        assert "9 Jan 2024" in alice_client.get(LIST).content.decode()


def test_pages_keep_the_filters(alice_client, alice, settings):
    settings.ONWARD_PAGE_SIZE = 2
    for name in ("A", "B", "C"):
        make_contact(alice, name, relationship="peer")
    content = alice_client.get(LIST, {"relationship": "peer"}).content.decode()
    assert "relationship=peer&amp;page=2" in content


def fill(user, count: int):
    tags = Tag.objects.named(user, ["alumni", "berlin"])
    application = make_application(user, "Applied")
    Contact.objects.bulk_create(
        [
            Contact(user=user, name=f"Person {i:04}", company_name=f"Co {i % 7}")
            for i in range(count)
        ]
    )
    for i, contact in enumerate(Contact.objects.for_user(user)):
        contact.tags.set(tags[: i % 3])
        if i % 2:
            contact.log_interaction(happened_on=date(2023, 5, 1), channel="email")
        if i % 3 == 0:
            contact.set_cadence(2)
        if i % 5 == 0:
            link_contact(application, contact)


def count_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LIST).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_the_number_of_contacts(alice_client, alice, bob):
    fill(alice, 10)
    small = count_queries(alice_client)
    fill(alice, 190)
    assert Contact.objects.for_user(alice).count() == 200
    assert count_queries(alice_client) == small
