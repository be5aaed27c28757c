"""A second opinion from the local model on an email the inbox classifier was unsure about:
offered beside unsure messages only and only with a model set up, shows the email exactly as it
will be sent, sends none of the user's notes, and changes nothing until the user applies it with
the inbox's own one-click step (which the undo takes back, kind included)."""

import json
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from onward.assistant.answers import email_kind_answer
from onward.assistant.llm import ModelError
from onward.assistant.prompts import KIND_MEANINGS
from onward.inbox.classify import KINDS
from onward.inbox.models import InboxSignal, SignalStatus
from onward.testing import make_application, make_company, make_contact

from .fake_model import previewed

PRIVATE = "PRIVATE: my second choice; the salary is too low but I need this."
ASK = "Ask your local model what it is"
SNIPPET = (
    "Thank you for the time you gave us. The team has decided to continue with profiles "
    "closer to what this role needs right now."
)


def make_signal(user, **fields) -> InboxSignal:
    fields.setdefault("message_id", f"<{fields.get('subject', 'x')}@mail.test>")
    return InboxSignal.objects.create(
        user=user,
        received_at=datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
        from_address="ana@acme.example",
        **fields,
    )


@pytest.fixture
def unsure(alice):
    acme = make_company(alice, "Acme")
    application = make_application(
        alice, "Screening", company=acme, title="Data analyst", notes=PRIVATE
    )
    contact = make_contact(alice, "Ana Ortiz", email="ana@acme.example", notes=PRIVATE)
    return make_signal(
        alice,
        from_name="Ana Ortiz",
        subject="Your application",
        snippet=SNIPPET,
        kind="other",
        confidence=0.35,
        application=application,
        contact=contact,
        company=acme,
    )


def url(signal) -> str:
    return reverse("assistant:email_kind", args=[signal.pk])


def ask(client, signal, **data):
    return client.post(url(signal), data, headers={"HX-Request": "true"})


def ask_and_send(client, signal):
    preview = ask(client, signal, send="0")
    return preview, ask(client, signal, send="1", previewed=previewed(preview))


def test_nothing_is_offered_and_nothing_answers_without_a_model(alice_client, unsure):
    page = alice_client.get(reverse("inbox:signal_list"))

    assert "a guess: Onward is not sure" in page.text
    assert ASK not in page.text
    assert alice_client.post(url(unsure), {"send": "0"}).status_code == 404


def test_it_is_offered_beside_unsure_emails_only(alice, alice_client, unsure, fake_model):
    sure = make_signal(alice, subject="Interview on Monday", kind="interview", confidence=0.95)

    page = alice_client.get(reverse("inbox:signal_list"))

    assert url(unsure) in page.text
    assert url(sure) not in page.text
    assert fake_model.requests == []


def test_the_email_is_shown_then_sent_and_nothing_private_goes_with_it(
    alice_client, unsure, fake_model
):
    fake_model.reply = '{"kind": "rejection", "reason": "They continue with other profiles."}'

    preview, answer = ask_and_send(alice_client, unsure)

    assert f"POST {fake_model.url}/chat/completions" in preview.text
    # The send form answers into this email's own result box (one per unsure email).
    assert f'hx-target="#email-kind-result-{unsure.pk}"' in preview.text
    assert f'hx-indicator="#email-kind-busy-{unsure.pk}"' in preview.text
    [sent] = fake_model.requests
    assert sent["json"]["messages"][1]["content"] == (
        f"From: Ana Ortiz <ana@acme.example>\nSubject: Your application\n\n{SNIPPET}"
    )
    assert json.loads(preview.context["preview"].split("\n\n", 1)[1]) == sent["json"]
    assert PRIVATE not in json.dumps(sent["json"])
    assert "Your model says: <strong>Rejection</strong>" in answer.text
    assert "They continue with other profiles." in answer.text
    assert 'name="kind" value="rejection"' in answer.text
    assert reverse("inbox:signal_act", args=[unsure.pk]) in answer.text
    unsure.refresh_from_db()
    assert (unsure.kind, unsure.confidence, unsure.status) == ("other", 0.35, SignalStatus.NEW)


def test_applying_the_second_opinion_takes_the_step_and_the_undo_takes_it_all_back(
    alice_client, unsure
):
    act = reverse("inbox:signal_act", args=[unsure.pk])

    done = alice_client.post(act, {"kind": "rejection"}, follow=True)
    unsure.refresh_from_db()
    moved_to = unsure.application.stage.name
    alice_client.post(reverse("inbox:signal_undo", args=[unsure.pk]))

    assert "Moved “Data analyst” to Rejected." in done.text
    assert moved_to == "Rejected"
    unsure.refresh_from_db()
    assert (unsure.kind, unsure.confidence, unsure.status) == ("other", 0.35, SignalStatus.NEW)
    assert unsure.application.stage.name == "Screening"


def test_an_answer_agreeing_or_saying_other_offers_nothing_new(alice_client, unsure, fake_model):
    fake_model.reply = '{"kind": "OTHER", "reason": "A polite note."}'

    _, answer = ask_and_send(alice_client, unsure)

    assert "Your model says: <strong>Other</strong>" in answer.text
    assert 'name="kind"' not in answer.text


@pytest.mark.parametrize(
    ("reply", "error"),
    [
        ('{"kind": "ghosting", "reason": "No reply."}', "“ghosting”, which is not a kind"),
        ("It is probably a rejection.", "did not answer with the JSON object"),
        ('{"reason": "Unclear."}', "named no kind of email"),
    ],
)
def test_an_answer_that_cannot_be_used_is_a_clear_error(
    alice_client, unsure, fake_model, reply, error
):
    fake_model.reply = reply

    _, answer = ask_and_send(alice_client, unsure)

    assert answer.status_code == 200
    assert error in answer.text
    assert 'name="kind"' not in answer.text


def test_a_slow_model_is_a_clear_timeout(alice_client, unsure, fake_model, settings):
    fake_model.mode = "slow"
    settings.ONWARD_LLM_TIMEOUT = 1

    _, answer = ask_and_send(alice_client, unsure)

    assert "did not answer within 1 seconds" in answer.text


def test_another_users_email_is_a_404_and_nothing_is_sent(bob_client, unsure, fake_model):
    assert bob_client.post(url(unsure), {"send": "0"}).status_code == 404
    assert bob_client.post(url(unsure), {"send": "1"}).status_code == 404
    assert fake_model.requests == []


def test_an_email_already_dealt_with_is_not_sent(alice_client, unsure, fake_model):
    unsure.close(SignalStatus.DISMISSED)

    page = ask(alice_client, unsure, send="0")

    assert "already dealt with" in page.text
    assert fake_model.requests == []


def test_the_inbox_page_asks_no_more_queries_with_the_offer(
    alice, alice_client, unsure, fake_model, django_assert_max_num_queries
):
    for n in range(5):
        make_signal(alice, subject=f"Unsure {n}", kind="other", confidence=0.2)

    with django_assert_max_num_queries(12):
        page = alice_client.get(reverse("inbox:signal_list"))

    assert page.text.count(ASK) == 6


def test_the_prompt_explains_every_kind_the_classifier_knows():
    assert tuple(KIND_MEANINGS) == KINDS
    assert email_kind_answer('{"kind": " Offer ", "reason": "An offer.\\nSigned, HR"}') == (
        "offer",
        "An offer. Signed, HR",
    )
    with pytest.raises(ModelError):
        email_kind_answer('{"kind": 3}')
