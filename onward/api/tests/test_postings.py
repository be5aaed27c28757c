"""POST /api/postings/parse: what a page holds, in the shape `onward import-posting --json`
prints; it saves nothing."""

from pathlib import Path

import pytest

from onward.pipeline.models import Application
from onward.pipeline.postings import POSTING_KEYS

CORPUS = Path(__file__).parents[2] / "pipeline/tests/postings"


def test_it_reads_pasted_html(alice_api):
    html = (CORPUS / "hybrid_multi_location.html").read_text()
    response = alice_api.post("/api/postings/parse", {"html": html})

    assert response.status_code == 200, response.json()
    body = response.json()
    assert set(body) == {"postings", "prefill", "message"}
    (posting,) = body["postings"]
    assert list(posting) == list(POSTING_KEYS)
    assert posting["locations"][1] == {
        "street": None,
        "locality": "Nuremberg",
        "region": "BY",
        "postal_code": None,
        "country": "DE",
    }
    assert posting["remote"] is True
    assert not Application.objects.exists()


def test_it_keeps_fractional_salaries_and_the_prefill_key(alice_api):
    html = (CORPUS / "cdata_wrapper.html").read_text()
    assert (
        alice_api.post("/api/postings/parse", {"html": html}).json()["postings"][0]["salary_min"]
        == 24.5
    )
    meta = (CORPUS / "unrecoverable.html").read_text()
    prefill = alice_api.post("/api/postings/parse", {"html": meta}).json()["prefill"]
    assert prefill["from"] == "meta tags"


def test_it_reads_pasted_text(alice_api):
    body = alice_api.post("/api/postings/parse", {"text": "Gardener\nKeep it green."}).json()
    assert body["prefill"]["title"] == "Gardener"


@pytest.mark.parametrize(
    "payload, message",
    [
        ({}, "Send exactly one of url, html or text."),
        ({"html": "<p>x</p>", "text": "x"}, "Send exactly one of url, html or text."),
        ({"url": "http://10.0.0.1/job"}, "private or local network"),
        ({"url": "ftp://example.com/job"}, "Only http:// and https://"),
    ],
)
def test_bad_input_is_a_422_with_a_message(alice_api, settings, payload, message):
    settings.ONWARD_FETCH_ALLOW_PRIVATE = False
    response = alice_api.post("/api/postings/parse", payload)

    assert response.status_code == 422
    assert message in str(response.json())


def test_it_needs_a_token(anonymous_api):
    assert anonymous_api.post("/api/postings/parse", {"text": "x"}).status_code == 401


def test_applications_keep_the_posting_fields(alice_api):
    response = alice_api.post(
        "/api/applications",
        {
            "title": "Product Designer",
            "company_name": "Tessellate",
            "deadline": "2030-01-31",
            "board": "jobs.example.com",
            "salary_min": 40,
            "salary_currency": "EUR",
            "salary_period": "HOUR",
        },
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["deadline"], body["board"], body["salary_period"]) == (
        "2030-01-31",
        "jobs.example.com",
        "HOUR",
    )
