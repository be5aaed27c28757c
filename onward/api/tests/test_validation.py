"""Bad input is a 422 naming the problem, never a 500 and never a traceback."""

import pytest

from onward.pipeline.models import Application, Company
from onward.testing import make_application, make_company, make_contact, stage


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"salary_min": 90000, "salary_max": 60000, "salary_currency": "EUR"},
            "salary_max",
            "at least the minimum",
        ),
        ({"job_url": "not a url"}, "job_url", "valid URL"),
        ({"salary_min": 50000}, "salary_currency", "currency"),
        ({"excitement": 9}, "excitement", "less than or equal to 5"),
        ({"work_mode": "moon"}, "work_mode", "not a valid choice"),
        ({"applied_on": "2999-01-01"}, "applied_on", "future"),
    ],
)
def test_it_refuses_an_invalid_application(alice, alice_api, fields, field, message):
    body = {"title": "Engineer", "company_name": "Acme", **fields}

    response = alice_api.post("/api/applications", body)

    assert response.status_code == 422
    detail = response.json()["detail"]
    assert any(e["loc"] == [field] and message in e["msg"] for e in detail), detail
    assert not Application.objects.exists()
    assert not Company.objects.exists()  # the new company went with the failed create


def test_it_refuses_an_invalid_change(alice, alice_api):
    application = make_application(alice, salary_min=50000, salary_currency="EUR")

    response = alice_api.patch(f"/api/applications/{application.pk}", {"salary_max": 1000})

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["salary_max"]
    application.refresh_from_db()
    assert application.salary_max is None


def test_it_refuses_another_users_stage_when_creating(alice, bob, alice_api):
    response = alice_api.post(
        "/api/applications",
        {"title": "Engineer", "company_name": "Acme", "stage_id": stage(bob, "Applied").pk},
    )

    assert response.status_code == 422
    assert response.json()["detail"] == [{"loc": ["stage_id"], "msg": "No such stage."}]
    assert not Application.objects.exists()


def test_it_refuses_another_users_company(alice, bob, alice_api):
    company = make_company(bob)

    created = alice_api.post("/api/applications", {"title": "E", "company_id": company.pk})
    application = make_application(alice)
    moved = alice_api.patch(f"/api/applications/{application.pk}", {"company_id": company.pk})

    assert created.status_code == 422
    assert moved.status_code == 422
    assert created.json()["detail"] == [{"loc": ["company_id"], "msg": "No such company."}]


def test_it_needs_a_company(alice, alice_api):
    response = alice_api.post("/api/applications", {"title": "Engineer"})

    assert response.status_code == 422


def test_it_refuses_unknown_fields(alice, alice_api):
    response = alice_api.post(
        "/api/applications", {"title": "Engineer", "company_name": "Acme", "salry_min": 1}
    )

    assert response.status_code == 422


def test_it_refuses_a_malformed_body(alice, alice_api):
    response = alice_api.client.post(
        "/api/applications", "{not json", content_type="application/json"
    )

    assert response.status_code in (400, 422)


def test_it_refuses_another_users_contact_as_interviewer(alice, bob, alice_api):
    application = make_application(alice)
    theirs = make_contact(bob)

    response = alice_api.post(
        f"/api/applications/{application.pk}/interviews",
        {
            "round_name": "Tech",
            "kind": "technical",
            "starts_at": "2024-05-01T10:00:00Z",
            "interviewer_ids": [theirs.pk],
        },
    )

    assert response.status_code == 422
    assert response.json()["detail"] == [{"loc": ["interviewer_ids"], "msg": "No such contact."}]
    assert not application.interviews.exists()


@pytest.mark.parametrize(
    "fields",
    [{"kind": "chat"}, {"duration_minutes": 1}, {"self_rating": 0}],
)
def test_it_refuses_an_invalid_interview(alice, alice_api, fields):
    application = make_application(alice)
    body = {"round_name": "Tech", "kind": "technical", "starts_at": "2024-05-01T10:00Z", **fields}

    response = alice_api.post(f"/api/applications/{application.pk}/interviews", body)

    assert response.status_code == 422
    assert not application.interviews.exists()


def test_it_refuses_an_invalid_company_or_contact(alice, alice_api):
    make_company(alice, "Acme")

    duplicate = alice_api.post("/api/companies", {"name": "ACME Inc."})
    bad_site = alice_api.post("/api/companies", {"name": "Initech", "website": "nope"})
    bad_email = alice_api.post("/api/contacts", {"name": "Sam", "email": "not-an-email"})

    assert duplicate.status_code == 422
    assert bad_site.status_code == 422
    assert bad_site.json()["detail"][0]["loc"] == ["website"]
    assert bad_email.status_code == 422


def test_it_refuses_absurd_dates_and_survives_huge_ids(alice, alice_api):
    application = make_application(alice, "Applied")
    response = alice_api.post(
        f"/api/applications/{application.pk}/interviews",
        {"round_name": "Call", "kind": "phone_screen", "starts_at": "9999-12-31T23:00:00Z"},
    )
    assert response.status_code == 422
    response = alice_api.post(
        "/api/applications",
        {"title": "Role", "company_name": "Acme", "when": "0001-01-01T00:00:00Z"},
    )
    assert response.status_code == 422
    for name in ("stage", "company"):
        response = alice_api.get(f"/api/applications?{name}=99999999999999999999")
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["query", name]
        response = alice_api.get(f"/api/applications?{name}=999999")
        assert response.status_code == 200
        assert response.json()["items"] == []


LISTS = [
    "/api/applications",
    "/api/companies",
    "/api/contacts",
    "/api/debriefs",
    "/api/lessons",
    "/api/mood",
    "/api/reminders",
    "/api/activities",
    "/api/wins",
    "/api/wins/suggestions",
    "/api/experiments",
    "/api/skill-gaps",
    "/api/learning",
    "/api/mail/sent",
]


@pytest.mark.parametrize("path", LISTS)
def test_every_list_refuses_a_page_beyond_any_list(alice, alice_api, path):
    """?page=2**63 overflowed the database's OFFSET: a 500 on every list, on both databases."""
    make_application(alice)

    huge = alice_api.get(path, {"page": 2**63})
    past_the_end = alice_api.get(path, {"page": 1000})

    assert huge.status_code == 422
    assert huge.json()["detail"][0]["loc"] == ["query", "page"]
    assert "less than or equal to 1000000" in huge.json()["detail"][0]["msg"]
    assert past_the_end.status_code == 200 and past_the_end.json()["items"] == []


def test_every_paginated_list_is_tested_above():
    from onward.api.api import api

    paginated = {
        path
        for path, operations in api.get_openapi_schema()["paths"].items()
        for operation in operations.values()
        if any(parameter["name"] == "page" for parameter in operation.get("parameters", []))
    }
    assert paginated == set(LISTS)


@pytest.mark.parametrize("ids", [[2**63], [2**64 + 1], [-(2**63) - 5]])
def test_it_refuses_interviewer_ids_no_database_can_hold(alice, alice_api, ids):
    """An id above 2**63 in interviewer_ids overflowed SQLite's driver (a 500)."""
    application = make_application(alice)

    response = alice_api.post(
        f"/api/applications/{application.pk}/interviews",
        {"round_name": "Tech", "kind": "technical", "starts_at": "2024-05-01T10:00Z",
         "interviewer_ids": ids},
    )  # fmt: skip

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] in ("interviewer_ids", 0)
    assert not application.interviews.exists()


def test_it_refuses_any_integer_no_database_can_hold(alice, alice_api):
    response = alice_api.post(
        "/api/applications", {"title": "E", "company_name": "Acme", "salary_min": 2**70}
    )

    assert response.status_code == 422
    assert "salary_min" in response.json()["detail"][0]["loc"]


def test_a_huge_id_in_the_path_is_a_404(alice_api):
    response = alice_api.get(f"/api/applications/{2**64}")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/api/applications", {"title": "Engi\u0000neer", "company_name": "Acme"}, "title"),
        ("/api/wins", {"title": "a\u0000b"}, "title"),
        ("/api/experiments", {"title": "a\u0000b", "started_on": "2024-01-01"}, "title"),
        ("/api/activities", {"kind": "practice", "note": "a\u0000b"}, "note"),
        ("/api/skill-gaps", {"name": "a\u0000b"}, "name"),
        ("/api/learning", {"title": "a\u0000b"}, "title"),
    ],
)
def test_it_refuses_text_with_a_null_character(alice_api, path, body, field):
    """As Django's forms do: PostgreSQL cannot store it (a 500 there before)."""
    response = alice_api.post(path, body)
    assert response.status_code == 422
    assert field in str(response.json()["detail"]) and "Null characters" in response.text


def test_it_refuses_hours_beyond_a_day_however_many(alice_api):
    """Schemathesis sent 4.6e184 hours: the quarter-hour check could not divide it (a 500)."""
    response = alice_api.post("/api/activities", {"kind": "learning", "hours": 4.6e184})

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["hours"]
    assert "less than or equal to 24" in response.json()["detail"][0]["msg"]
