from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from onward.testing import make_application, make_company, stage

TABLE = reverse("pipeline:application_list")


def titles(response):
    return [a.title for a in response.context["page"].object_list]


@pytest.fixture
def three(alice):
    acme, globex = make_company(alice, "Acme"), make_company(alice, "Globex")
    make_application(
        alice, "Applied", company=acme, title="Backend", source="referral",
        work_mode="remote", applied_on=date(2024, 1, 10), excitement=3,
    )  # fmt: skip
    make_application(
        alice, "Interviewing", company=globex, title="Data", source="linkedin",
        work_mode="onsite", applied_on=date(2024, 2, 10), excitement=5, location="Oslo",
    )  # fmt: skip
    make_application(
        alice, "Rejected", company=acme, title="Frontend", source="linkedin",
        work_mode="hybrid", applied_on=date(2024, 3, 10), excitement=1,
    )  # fmt: skip
    return acme, globex


def test_it_explains_what_to_do_first_when_empty(alice_client):
    content = alice_client.get(TABLE).content.decode()
    assert "No applications yet: add the first one" in content


def test_it_lists_the_users_applications(alice_client, three):
    assert sorted(titles(alice_client.get(TABLE))) == ["Backend", "Data", "Frontend"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "front"}, ["Frontend"]),
        ({"q": "globex"}, ["Data"]),
        ({"q": "oslo"}, ["Data"]),
        ({"source": "linkedin"}, ["Data", "Frontend"]),
        ({"work_mode": "remote"}, ["Backend"]),
        ({"applied_from": "2024-02-01"}, ["Data", "Frontend"]),
        ({"applied_to": "2024-02-10"}, ["Backend", "Data"]),
        ({"applied_from": "2024-02-01", "applied_to": "2024-02-28"}, ["Data"]),
    ],
)
def test_it_filters(alice_client, three, params, expected):
    assert sorted(titles(alice_client.get(TABLE, params))) == expected


def test_it_filters_by_stage_and_company(alice_client, alice, three):
    acme, _ = three
    by_stage = alice_client.get(TABLE, {"stage": stage(alice, "Interviewing").pk})
    assert titles(by_stage) == ["Data"]
    assert sorted(titles(alice_client.get(TABLE, {"company": acme.pk}))) == ["Backend", "Frontend"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("title", ["Backend", "Data", "Frontend"]),
        ("-title", ["Frontend", "Data", "Backend"]),
        ("company", ["Backend", "Frontend", "Data"]),
        ("applied", ["Backend", "Data", "Frontend"]),
        ("-applied", ["Frontend", "Data", "Backend"]),
        ("excitement", ["Frontend", "Backend", "Data"]),
        ("stage", ["Backend", "Data", "Frontend"]),
    ],
)
def test_it_sorts_by_a_whitelisted_column(alice_client, three, sort, expected):
    assert titles(alice_client.get(TABLE, {"sort": sort})) == expected


def test_a_header_click_sorts_and_a_second_click_reverses(alice_client, three):
    columns = alice_client.get(TABLE, {"sort": "title"}).context["columns"]
    role = next(c for c in columns if c["label"] == "Role")
    assert role["state"] == "ascending"
    assert "sort=-title" in role["query"]


@pytest.mark.parametrize(
    "params",
    [
        {"sort": "password"},
        {"sort": "user__password"},
        {"stage": "abc"},
        {"stage": "999999"},
        {"company": "-1"},
        {"source": "<script>"},
        {"work_mode": "moon"},
        {"applied_from": "not-a-date"},
        {"applied_from": "2024-13-45"},
        {"applied_from": "2024-03-01", "applied_to": "2024-01-01"},
        {"q": "x" * 500},
        {"page": "banana"},
        {"page": "99999"},
        {"page": "-1"},
    ],
)
def test_bad_filter_values_are_ignored_never_fatal(alice_client, three, params):
    response = alice_client.get(TABLE, params)
    assert response.status_code == 200
    if "page" not in params:
        assert "ignored" in response.content.decode()
    assert len(titles(response)) >= 1


def test_a_bad_filter_does_not_drop_the_good_ones(alice_client, three):
    response = alice_client.get(TABLE, {"source": "linkedin", "work_mode": "moon"})
    assert sorted(titles(response)) == ["Data", "Frontend"]


def test_another_users_stage_or_company_is_not_a_filter(alice_client, bob, three):
    response = alice_client.get(TABLE, {"company": make_company(bob).pk})
    assert len(titles(response)) == 3


@override_settings(ONWARD_PAGE_SIZE=2)
def test_it_paginates_and_keeps_the_filters_in_the_page_links(alice_client, alice, three):
    make_application(alice, "Applied", source="linkedin", title="Extra")
    response = alice_client.get(TABLE, {"source": "linkedin", "sort": "title"})
    assert titles(response) == ["Data", "Extra"]
    content = response.content.decode()
    assert "source=linkedin&amp;sort=title&amp;page=2" in content
    second = alice_client.get(TABLE, {"source": "linkedin", "sort": "title", "page": 2})
    assert titles(second) == ["Frontend"]


def test_it_marks_applications_awaiting_a_reply(alice_client, alice):
    make_application(alice, "Applied", when=timezone.now() - timedelta(days=25))
    assert "no reply for 25 days" in alice_client.get(TABLE).content.decode()


def count_table_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(TABLE, {"sort": "company", "source": "linkedin"}).status_code == 200
    return len(queries)


def test_the_table_runs_the_same_queries_for_10_and_200_applications(alice_client, alice):
    old = timezone.now() - timedelta(days=40)
    for i in range(10):
        make_application(alice, "Applied", source="linkedin", when=old if i % 2 else None)
    with_10 = count_table_queries(alice_client)
    for i in range(190):
        make_application(alice, "Screening", source="linkedin", when=old if i % 2 else None)
    assert count_table_queries(alice_client) == with_10


def test_bob_sees_none_of_alices_applications(bob_client, three):
    assert titles(bob_client.get(TABLE)) == []


def test_the_company_filter_is_not_a_select_of_every_company(alice_client, alice, three):
    """A long search names thousands of companies: the table must not render them all."""
    acme, _ = three
    for i in range(30):
        make_company(alice, f"Initech {i}")
    content = alice_client.get(TABLE).content.decode()
    assert "Initech 7" not in content
    filtered = alice_client.get(TABLE, {"company": acme.pk}).content.decode()
    assert f'name="company" value="{acme.pk}"' in filtered  # kept by the filter form
    assert "any company" in filtered


def test_the_no_reply_marks_are_looked_up_for_the_page_only(alice_client, alice):
    old = timezone.now() - timedelta(days=40)
    for _ in range(3):
        make_application(alice, "Applied", when=old)
    with override_settings(ONWARD_PAGE_SIZE=2):
        response = alice_client.get(TABLE)
    # Read with the page's rows: two marks, no query for the third.
    assert [row.is_awaiting_reply for row in response.context["page"].object_list] == [True] * 2
    assert response.content.decode().count("no reply for 40 days") == 2


@override_settings(ONWARD_PAGE_SIZE=2)
def test_each_page_sorted_by_company_holds_its_rows_in_order(alice_client, alice, three):
    acme, globex = three
    make_application(alice, "Applied", company=make_company(alice, "Initech"), title="Ops")
    make_application(alice, "Applied", company=acme, title="Analyst")
    pages = [titles(alice_client.get(TABLE, {"sort": "company", "page": n})) for n in (1, 2, 3)]
    # Acme's three by title, then Globex, then Initech: the order crosses page boundaries.
    assert pages == [["Analyst", "Backend"], ["Frontend", "Data"], ["Ops"]]
    reverse_pages = [
        titles(alice_client.get(TABLE, {"sort": "-company", "page": n})) for n in (1, 2)
    ]
    assert reverse_pages == [["Ops", "Data"], ["Frontend", "Backend"]]
