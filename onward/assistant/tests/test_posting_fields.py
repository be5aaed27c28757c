"""Filling the new-application form with the local model when the page read had no structured
data: offered only then and only with a model set up, shows the page's text and the address
before sending, sends nothing else, and saves nothing: the answer is a suggestion."""

import json

import pytest
from django.urls import reverse

from onward.assistant import llm
from onward.assistant.answers import posting_answer
from onward.pipeline.models import Application
from onward.testing import make_application

from .fake_model import previewed

IMPORT = reverse("pipeline:posting_import")
FORM = reverse("pipeline:application_create") + "?posting=0"
FILL = reverse("assistant:posting_fields")
OFFER = "Fill the fields with your local model"

# A careers page as many small companies publish it: no JSON-LD, no microdata.
PAGE = """<html><head><title>Backend Engineer | Kestrel Labs</title>
<meta property="og:title" content="Backend Engineer">
<script>window.analyticsSecret = "do-not-send-this";</script>
<style>body { color: #123456; }</style></head>
<body><nav>Home · Jobs · Blog</nav>
<h1>Backend Engineer</h1>
<p>Kestrel Labs, Lisbon (hybrid, two days a week in the office)</p>
<p>Salary: €55,000 to €70,000 a year.</p>
<p>Apply by 30 September 2026.</p>
</body></html>"""

# A recorded answer from llama3.2:3b to this page (with its habit of fencing JSON).
ANSWER = """```json
{"title": "Backend Engineer", "company": "Kestrel Labs", "location": "Lisbon, Portugal",
 "work_mode": "hybrid", "salary_min": 55000, "salary_max": "70,000", "salary_currency": "EUR",
 "salary_period": "YEAR", "deadline": "2026-09-30", "benefits": ["Remote Fridays"]}
```"""


@pytest.fixture
def read_page_without_data(alice_client):
    response = alice_client.post(
        IMPORT, {"pasted": PAGE, "page_url": "https://kestrel.example/jobs/7"}
    )
    assert response.status_code == 302
    return alice_client


def htmx_post(client, data):
    return client.post(FILL, data, headers={"HX-Request": "true"})


def test_nothing_is_offered_and_nothing_answers_without_a_model(read_page_without_data):
    form = read_page_without_data.get(FORM)

    assert "Filled from the page's own title" in form.text  # how it was filled...
    assert OFFER not in form.text  # ...but offers no model
    assert read_page_without_data.post(FILL, {"send": "0"}).status_code == 404


def test_it_is_offered_only_for_a_page_without_structured_data(alice_client, fake_model):
    structured = (
        '<script type="application/ld+json">{"@type": "JobPosting", "title": "Analyst", '
        '"hiringOrganization": "Acme"}</script>'
    )
    alice_client.post(IMPORT, {"pasted": structured, "page_url": "https://acme.example/j/1"})
    with_data = alice_client.get(FORM)
    alice_client.post(IMPORT, {"pasted": PAGE, "page_url": "https://kestrel.example/jobs/7"})
    without_data = alice_client.get(FORM)

    assert OFFER not in with_data.text
    assert OFFER in without_data.text
    assert fake_model.requests == []


def test_the_page_text_is_shown_then_sent_and_the_answer_saves_nothing(
    read_page_without_data, fake_model
):
    fake_model.reply = ANSWER

    preview = htmx_post(read_page_without_data, {"send": "0"})
    sent_before_send = list(fake_model.requests)
    answer = htmx_post(read_page_without_data, {"send": "1", "previewed": previewed(preview)})

    assert sent_before_send == []
    assert f"POST {fake_model.url}/chat/completions" in preview.text
    assert "Salary: €55,000 to €70,000 a year." in preview.text
    [sent] = fake_model.requests
    text = sent["json"]["messages"][1]["content"]
    assert text.startswith("Page address: https://kestrel.example/jobs/7\n\n")
    assert "Apply by 30 September 2026." in text
    assert "do-not-send-this" not in json.dumps(sent["json"])  # scripts are not visible text
    assert "#123456" not in text
    assert sent["json"]["response_format"] == {"type": "json_object"}
    # The preview is exactly the request: the body shown is the body sent.
    shown = preview.context["preview"]
    assert json.loads(shown.split("\n\n", 1)[1]) == sent["json"]
    assert 'value="Kestrel Labs" data-fills="id_new_company"' in answer.text
    assert 'value="70000" data-fills="id_salary_max"' in answer.text
    assert 'value="2026-09-30" data-fills="id_deadline"' in answer.text
    assert "<dd>Hybrid" in answer.text and "<dd>per year" in answer.text
    assert "Put these in the form" in answer.text
    assert "Remote Fridays" not in answer.text  # a key that was not asked for is ignored
    assert "<html" not in answer.text
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("reply", "mode", "error"),
    [
        ("I could not find a job on this page.", "ok", "did not answer with the JSON object"),
        ('{"pay": "good", "title": null}', "ok", "held none of the fields"),
        ("", "malformed", "not an OpenAI-compatible chat completion"),
    ],
)
def test_an_answer_that_cannot_be_used_is_a_clear_error(
    read_page_without_data, fake_model, reply, mode, error
):
    fake_model.reply, fake_model.mode = reply or "unused", mode
    preview = htmx_post(read_page_without_data, {"send": "0"})

    page = htmx_post(read_page_without_data, {"send": "1", "previewed": previewed(preview)})

    assert page.status_code == 200
    assert error in page.text
    assert "Put these in the form" not in page.text
    assert "Send to my model" in page.text  # the user may try again
    assert not Application.objects.exists()


def test_a_slow_model_is_a_clear_timeout(read_page_without_data, fake_model, settings):
    fake_model.mode = "slow"
    settings.ONWARD_LLM_TIMEOUT = 1
    preview = htmx_post(read_page_without_data, {"send": "0"})

    page = htmx_post(read_page_without_data, {"send": "1", "previewed": previewed(preview)})

    assert "did not answer within 1 seconds" in page.text


def test_another_user_has_no_page_to_send(read_page_without_data, bob_client, fake_model):
    # The text read waits in alice's own session: bob has nothing to send, whatever he posts.
    assert bob_client.post(FILL, {"send": "0"}).status_code == 404
    assert bob_client.post(FILL, {"send": "1", "previewed": "0" * 64}).status_code == 404
    assert fake_model.requests == []


def test_the_new_application_form_stays_lean_with_the_offer(
    alice, read_page_without_data, fake_model, django_assert_max_num_queries
):
    make_application(alice, title="Earlier")
    with django_assert_max_num_queries(12):
        form = read_page_without_data.get(FORM)

    assert OFFER in form.text


def test_answers_are_read_defensively():
    fields, left_out = posting_answer(
        'Here you go: {"title": "  Data   Engineer ", "company": 42, "location": ["Berlin"], '
        '"work_mode": "On-site", "salary_min": "90k-ish", "salary_max": 60000, '
        '"salary_currency": "$", "salary_period": "per year", "deadline": "30/09/2026", '
        '"title_2": "ignored", "salary": "N/A"'
    )

    assert fields == {
        "title": "Data Engineer",
        "company": "42",
        "work_mode": "onsite",
        "salary_max": 60000,
        "salary_currency": "USD",
        "salary_period": "YEAR",
    }
    assert left_out == ["Location", "Salary from", "Deadline"]
    low_high, _ = posting_answer('{"salary_min": 70000, "salary_max": 50000.5}')
    assert low_high == {"salary_min": 50000, "salary_max": 70000}
    with pytest.raises(llm.ModelError, match="held none of the fields"):
        posting_answer('{"title": "unknown", "salary_min": -5, "deadline": null}')
    with pytest.raises(llm.ModelError, match="JSON object"):
        posting_answer('["Backend Engineer", "Kestrel Labs"]')
