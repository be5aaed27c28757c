"""Nothing a user types produces a 500: every route of the URL configuration, requested by the
owner of its objects with nonsense in the query string and in the form, answers below 500."""

import json

import pytest

from onward import testing
from tests.test_access_matrix import all_routes, build_url

# Values that have broken forms elsewhere: wrong types, impossible dates, huge and hostile text.
NONSENSE = {
    "title": "x" * 5000,
    "name": "<script>alert(1)</script>",
    "stage": "not-a-number",
    "company": "99999999999999999999",
    "new_company": "\x00",
    "when": "2024-02-30T25:61",
    "on": "31/31/31",
    "applied_on": "0000-00-00",
    "starts_at": "yesterday",
    "salary_min": "-5",
    "salary_max": "1e400",
    "salary_currency": "€€€€",
    "excitement": "11",
    "email": "not-an-email",
    "job_url": "javascript:alert(1)",
    "linkedin_url": "ftp://example.org",
    "url": "http://",
    "days": "99999",
    "hours": "-1",
    "mood": "0",
    "energy": "six",
    "state": "teleported",
    "category": "nonsense",
    "kind": "nonsense",
    "cadence": "-3",
    "custom_weeks": "0",
    "action": "launch",
    "contact": "abc",
    "role": "emperor",
    "direction": "sideways",
    "position": "-1",
    "next": "https://evil.example/",
    "file": "",
}
QUERY = {
    "page": "-1",
    "sort": "'; DROP TABLE pipeline_application; --",
    "stage": "x",
    "start": "2024-13-45",
    "end": "tomorrow",
    "q": "\x00%",
    "by": "nonsense",
    "section": "nonsense",
    "contact": "x",
    "overdue": "maybe",
}


@pytest.mark.parametrize("route", all_routes())
def test_nonsense_never_causes_a_server_error(route, client, alice):
    url = build_url(route, alice)
    if route.startswith("api/"):
        headers = {"Authorization": f"Bearer {testing.make_api_token(alice)[1]}"}
        for method in ("get", "post", "put", "patch", "delete"):
            kwargs = {"headers": headers}
            if method != "get":
                kwargs.update(data=json.dumps(NONSENSE), content_type="application/json")
            response = getattr(client, method)(url, **kwargs)
            assert response.status_code < 500, f"{method.upper()} {url}: {response.status_code}"
        return
    for method, data in (("get", QUERY), ("post", NONSENSE)):
        client.force_login(alice)
        response = getattr(client, method)(url, data)
        assert response.status_code < 500, f"{method.upper()} {url}: {response.status_code}"


@pytest.mark.parametrize(
    "name",
    [
        "pipeline:application_list",
        "pipeline:company_list",
        "network:contact_list",
        "inbox:signal_list",
        "insights:applications",
    ],
)
def test_a_page_number_beyond_any_list_shows_the_last_page(alice_client, alice, name):
    """The API's lists refuse ?page=2**63 with a 422; the pages show their last page."""
    from django.urls import reverse

    testing.make_application(alice)

    response = alice_client.get(reverse(name), {"page": 2**63})

    assert response.status_code == 200


def test_an_id_no_database_can_hold_is_an_unknown_choice(alice_client, alice):
    """Several ids at once (interviewers) went to the database in one ``IN (...)``: an id above
    2**63 overflowed SQLite's driver, a 500."""
    from django.urls import reverse

    application = testing.make_application(alice)
    ours = testing.make_contact(alice)
    url = reverse("pipeline:interview_create", args=[application.pk])
    form = {"round_name": "Tech", "kind": "technical", "starts_at": "2024-05-01T10:00"}

    response = alice_client.post(
        url, {**form, "duration_minutes": 60, "interviewers": [ours.pk, 2**64]}
    )

    assert response.status_code == 200  # the form again, with the error
    assert "interviewers" in response.context["form"].errors
    assert not application.interviews.exists()
