"""The local model's two features on the web: a lesson suggested from a debrief's reflection and
a polished draft. Each shows the request first, sends only on "Send", saves nothing, and never
sends what the user did not choose; with no model set up, nothing of it appears."""

import json

import pytest
from django.urls import reverse

from onward.debrief.models import Lesson
from onward.testing import link_contact, make_contact, make_debrief, make_interview

from .fake_model import previewed

PRIVATE = "PRIVATE: I bluffed the Kafka question and the panel noticed."


@pytest.fixture
def debrief(alice):
    debrief = make_debrief(alice, title="Data Engineer")
    debrief.went_well = "The take-home review went well."
    debrief.to_improve = "Explain trade-offs before jumping into code."
    debrief.reason_given = "Another candidate had more streaming experience."
    debrief.save()
    return debrief


def test_nothing_appears_and_nothing_answers_without_a_model(alice_client, debrief):
    page = alice_client.get(reverse("debrief:debrief_detail", args=[debrief.pk]))
    draft = alice_client.get(reverse("debrief:debrief_draft", args=[debrief.pk, "thank_you"]))
    settings_page = alice_client.get(reverse("assistant:settings"))

    assert "Suggest a lesson from your reflection" not in page.text
    assert "Polish with your local model" not in draft.text
    assert "<strong>Off.</strong>" in settings_page.text
    url = reverse("assistant:lesson_suggestion", args=[debrief.pk])
    assert alice_client.post(url, {"send": "1"}).status_code == 404
    assert alice_client.post(reverse("assistant:polish"), {"body": "Hi"}).status_code == 404


def test_the_settings_page_says_where_requests_go_and_how_to_connect_an_assistant(
    alice_client, fake_model, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        page = alice_client.get(reverse("assistant:settings"))

    assert f"at <code>{fake_model.url}/chat/completions</code>" in page.text
    assert '"args": ["-m", "onward", "mcp", "--user", "alice", "--read-only"]' in page.text
    for button in (
        "Polish with your local model",
        "Suggest a lesson from your reflection",
        "Fill the fields with your local model",
        "Ask your local model what it is",
    ):
        assert f"<strong>{button}</strong>" in page.text


def test_a_lesson_is_previewed_then_suggested_and_never_saved_by_itself(
    alice_client, debrief, fake_model
):
    url = reverse("assistant:lesson_suggestion", args=[debrief.pk])
    fake_model.reply = '"I will explain trade-offs out loud before I write code."'
    page = alice_client.get(reverse("debrief:debrief_detail", args=[debrief.pk]))

    preview = alice_client.post(url, {"send": "0"}, headers={"HX-Request": "true"})
    sent_before_send = list(fake_model.requests)
    answer = alice_client.post(
        url, {"send": "1", "previewed": previewed(preview)}, headers={"HX-Request": "true"}
    )

    assert "Suggest a lesson from your reflection" in page.text
    assert "Explain trade-offs before jumping into code." in preview.text
    assert f"POST {fake_model.url}/chat/completions" in preview.text
    assert sent_before_send == []
    [sent] = fake_model.requests
    assert (
        "What to improve: Explain trade-offs before jumping into code."
        in (sent["json"]["messages"][1]["content"])
    )
    assert "I will explain trade-offs out loud before I write code." in answer.text
    assert reverse("debrief:lesson_add", args=[debrief.pk]) in answer.text
    assert not Lesson.objects.filter(debrief=debrief).exists()


def test_a_lesson_needs_a_reflection_first(alice, alice_client, fake_model):
    bare = make_debrief(alice)

    page = alice_client.post(reverse("assistant:lesson_suggestion", args=[bare.pk]), {"send": "1"})

    assert "Write your reflection" in page.text
    assert fake_model.requests == []


def test_another_users_debrief_is_a_404_and_nothing_is_sent(bob_client, debrief, fake_model):
    url = reverse("assistant:lesson_suggestion", args=[debrief.pk])

    assert bob_client.post(url, {"send": "1"}).status_code == 404
    assert fake_model.requests == []


def test_a_model_error_is_shown_on_the_page(alice_client, debrief, fake_model):
    fake_model.mode = "malformed"
    url = reverse("assistant:lesson_suggestion", args=[debrief.pk])

    page = alice_client.post(url, {"send": "1", "previewed": previewed(alice_client.post(url))})

    assert page.status_code == 200
    assert "not an OpenAI-compatible chat completion" in page.text
    assert not Lesson.objects.exists()


def test_polishing_a_draft_sends_only_its_text_and_the_point_the_user_added(
    alice, alice_client, debrief, fake_model
):
    interviewer = make_contact(alice, "Jonas Lindqvist-Moor", email="jonas@acorn.example")
    link_contact(debrief.application, interviewer)
    make_interview(debrief.application, notes=PRIVATE, questions=PRIVATE)
    draft_url = reverse("debrief:debrief_draft", args=[debrief.pk, "thank_you"])
    draft = alice_client.get(draft_url)
    # The text as the user left it in the draft's form (the generated draft is #11's business).
    body = "Hi Jonas,\n\nThank you for your time on Tuesday.\n\nAll the best,\nAlice\n"
    fake_model.reply = "Dear Jonas, thank you for your time on Tuesday."
    fields = {
        "to": "jonas@acorn.example",
        "subject": "Thank you",
        "body": body,
        "tone": "warmer",
        "length": "shorter",
        "extra": "I enjoyed the pairing exercise.",
    }

    preview = alice_client.post(reverse("assistant:polish"), {**fields, "send": "0"})
    answer = alice_client.post(
        reverse("assistant:polish"),
        {**fields, "send": "1", "previewed": previewed(preview)},
        headers={"HX-Request": "true"},
    )

    assert "Polish with your local model" in draft.text
    assert "Show what would be sent" in draft.text
    assert "I enjoyed the pairing exercise." in preview.text
    [sent] = fake_model.requests
    request = json.dumps(sent["json"])
    assert PRIVATE not in request
    assert debrief.to_improve not in request
    assert sent["json"]["messages"][1]["content"] == body.strip()
    assert "warmer" in sent["json"]["messages"][0]["content"]
    assert "Dear Jonas, thank you for your time on Tuesday." in answer.text
    assert "<html" not in answer.text  # the fragment, for htmx


def test_a_polish_request_without_text_is_refused(alice_client, fake_model):
    page = alice_client.post(reverse("assistant:polish"), {"body": "", "send": "1"})

    assert page.status_code == 400
    assert fake_model.requests == []


def test_a_request_is_sent_only_as_it_was_shown(alice_client, fake_model):
    fields = {"body": "Hi Ada, thanks.", "tone": "same", "length": "same"}
    preview = alice_client.post(reverse("assistant:polish"), {**fields, "send": "0"})

    # The draft was edited after the preview: the new text is shown, not sent.
    edited = alice_client.post(
        reverse("assistant:polish"),
        {**fields, "body": "Hi Ada, thanks a lot.", "send": "1", "previewed": previewed(preview)},
    )
    unseen = alice_client.post(reverse("assistant:polish"), {**fields, "send": "1"})

    assert fake_model.requests == []
    for page in (edited, unseen):
        assert "is not what was shown" in page.text
        assert "Send to my model" in page.text
    assert "Hi Ada, thanks a lot." in edited.text
