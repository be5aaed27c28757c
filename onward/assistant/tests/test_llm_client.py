"""The local-model client against a fake OpenAI-compatible server: off by default, sends what
the preview shows to the configured address only, and says clearly what went wrong."""

import json
import socket

import pytest

from onward.assistant import llm
from onward.settings import env_str

from .fake_model import FakeModel

PROMPT = llm.Prompt("Make it shorter.", "Thank you for the interview on Tuesday.")


def test_it_is_off_by_default_and_refuses_to_send(settings):
    # The settings as a fresh checkout has them: no address, no model.
    assert settings.ONWARD_LLM_URL == "" and settings.ONWARD_LLM_MODEL == ""
    assert not llm.is_configured()
    with pytest.raises(llm.ModelError, match="No language model is set up"):
        llm.complete(PROMPT)


def test_it_sends_exactly_the_previewed_request_and_returns_the_text(fake_model):
    fake_model.reply = "  Thanks for Tuesday's interview.  "

    answer = llm.complete(PROMPT)

    assert answer == "Thanks for Tuesday's interview."
    [sent] = fake_model.requests
    assert sent["path"] == "/v1/chat/completions"
    assert sent["json"] == PROMPT.request()
    assert sent["json"]["model"] == "llama3.2:3b"
    assert sent["json"]["messages"][1]["content"] == "Thank you for the interview on Tuesday."
    preview = llm.preview(PROMPT)
    assert preview.startswith(f"POST {fake_model.url}/chat/completions\n")
    assert json.loads(preview.split("\n\n", 1)[1]) == sent["json"]
    assert "Authorization" not in sent["headers"]


def test_it_sends_the_key_from_its_file(fake_model, settings, tmp_path, monkeypatch):
    key_file = tmp_path / "llm-key"
    key_file.write_text("sk-local-123\n")
    monkeypatch.setenv("ONWARD_LLM_KEY_FILE", str(key_file))
    settings.ONWARD_LLM_KEY = env_str("ONWARD_LLM_KEY")

    llm.complete(PROMPT)

    assert fake_model.requests[0]["headers"]["Authorization"] == "Bearer sk-local-123"
    # The preview says the key goes along, without showing it on the page.
    assert "Authorization: Bearer (your key from ONWARD_LLM_KEY_FILE)" in llm.preview(PROMPT)
    assert "sk-local-123" not in llm.preview(PROMPT)


def test_a_slow_model_is_a_clear_timeout(fake_model, settings):
    fake_model.mode = "slow"
    settings.ONWARD_LLM_TIMEOUT = 1

    with pytest.raises(llm.ModelError, match="did not answer within 1 seconds"):
        llm.complete(PROMPT)


@pytest.mark.parametrize(
    ("mode", "reason"),
    [
        ("malformed", "not an OpenAI-compatible chat completion"),
        ("no_choices", "not an OpenAI-compatible chat completion"),
        ("error", 'HTTP 500: {"error": "model \\"tiny\\" not found'),
    ],
)
def test_a_bad_answer_is_a_clear_error(fake_model, mode, reason):
    fake_model.mode = mode

    with pytest.raises(llm.ModelError) as raised:
        llm.complete(PROMPT)

    assert reason in str(raised.value)


def test_an_empty_answer_is_an_error(fake_model):
    fake_model.reply = "   "

    with pytest.raises(llm.ModelError, match="no text"):
        llm.complete(PROMPT)


def test_it_never_follows_a_redirect_to_another_address(fake_model):
    elsewhere = FakeModel()
    try:
        fake_model.mode = "redirect"
        fake_model.redirect_to = f"{elsewhere.url}/chat/completions"

        with pytest.raises(llm.ModelError, match="HTTP 307"):
            llm.complete(PROMPT)

        assert elsewhere.requests == []
    finally:
        elsewhere.close()


def test_a_model_that_is_not_running_is_a_clear_error(settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.ONWARD_LLM_URL = f"http://127.0.0.1:{port}/v1"
    settings.ONWARD_LLM_MODEL = "llama3.2:3b"

    with pytest.raises(llm.ModelError, match="Could not reach the model .* Is it running"):
        llm.complete(PROMPT)


def test_it_ignores_proxy_settings_from_the_environment(fake_model, monkeypatch):
    # A proxy would see the text: requests go straight to the configured address.
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("ALL_PROXY", "http://127.0.0.1:9")

    assert llm.complete(PROMPT) == "A suggestion."
