"""The optional language model: a small client for an OpenAI-compatible chat endpoint that the
user runs themselves (Ollama, llama.cpp's server, vLLM...).

Off unless ``ONWARD_LLM_URL`` is set. It talks to that address only: no redirects are
followed and no proxy settings from the environment are used, so a request cannot end up
anywhere else. It is only called when the user presses a button, after the page has shown the
exact request (``preview``); what comes back is a suggestion the user edits, never saved here.
"""

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings

# A suggestion is short: this bounds the model's answer and the time it takes.
MAX_TOKENS = 600


class ModelError(Exception):
    """Something went wrong with the request; the message is for the user."""


@dataclass(frozen=True)
class Prompt:
    """What one feature asks the model: an instruction and the user's text."""

    instruction: str
    text: str
    # Ask for a JSON object (OpenAI's JSON mode, which Ollama, llama.cpp and vLLM accept).
    json_answer: bool = False

    def request(self) -> dict:
        """The request body, exactly as it is sent."""
        body: dict[str, Any] = {
            "model": settings.ONWARD_LLM_MODEL,
            "messages": [
                {"role": "system", "content": self.instruction},
                {"role": "user", "content": self.text},
            ],
            "temperature": 0 if self.json_answer else 0.3,
            "max_tokens": MAX_TOKENS,
            "stream": False,
        }
        if self.json_answer:
            body["response_format"] = {"type": "json_object"}
        return body


def is_configured() -> bool:
    return bool(settings.ONWARD_LLM_URL and settings.ONWARD_LLM_MODEL)


def endpoint() -> str:
    """Where requests go: the chat completions route under the configured base address
    (``http://127.0.0.1:11434/v1`` for Ollama)."""
    return f"{settings.ONWARD_LLM_URL}/chat/completions"


def preview(prompt: Prompt) -> str:
    """The request as the user sees it before sending: the address, the key's header (not the
    key itself) when there is one, and the body."""
    key = (
        "\nAuthorization: Bearer (your key from ONWARD_LLM_KEY_FILE)"
        if settings.ONWARD_LLM_KEY
        else ""
    )
    body = json.dumps(prompt.request(), indent=2, ensure_ascii=False)
    return f"POST {endpoint()}{key}\n\n{body}"


def fingerprint(prompt: Prompt) -> str:
    """A digest of the preview: the page sends it back with "Send", and a request that no
    longer matches what the user saw (the text changed meanwhile) is shown again, not sent."""
    return hashlib.sha256(preview(prompt).encode()).hexdigest()


def complete(prompt: Prompt) -> str:
    """The model's answer to ``prompt``, as text. Raises ModelError with a clear reason."""
    if not is_configured():
        raise ModelError("No language model is set up (ONWARD_LLM_URL and ONWARD_LLM_MODEL).")
    headers = {"Accept": "application/json"}
    if settings.ONWARD_LLM_KEY:
        headers["Authorization"] = f"Bearer {settings.ONWARD_LLM_KEY}"
    seconds = settings.ONWARD_LLM_TIMEOUT
    # Imported here: httpx (with what it pulls in) is a large import every server worker
    # would pay at start-up, and most installations set up no model.
    import httpx

    try:
        with httpx.Client(timeout=seconds, follow_redirects=False, trust_env=False) as client:
            response = client.post(endpoint(), json=prompt.request(), headers=headers)
    except httpx.TimeoutException as exc:
        raise ModelError(
            f"The model at {settings.ONWARD_LLM_URL} did not answer within {seconds} seconds "
            "(ONWARD_LLM_TIMEOUT). A small model on a slow machine may need longer."
        ) from exc
    except httpx.HTTPError as exc:
        raise ModelError(
            f"Could not reach the model at {settings.ONWARD_LLM_URL}: {exc}. Is it running?"
        ) from exc
    if response.status_code != 200:
        detail = " ".join(response.text.split())[:200]
        raise ModelError(
            f"The model's server answered HTTP {response.status_code}"
            + (f": {detail}" if detail else ".")
        )
    try:
        text = response.json()["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise ModelError(
            "The model's answer was not an OpenAI-compatible chat completion "
            "(is ONWARD_LLM_URL the address ending in /v1?)."
        ) from exc
    if not isinstance(text, str) or not text.strip():
        raise ModelError("The model answered with no text.")
    return text.strip()
