"""Every page carries a strict Content-Security-Policy and a Permissions-Policy, and no
template holds what that policy would block (inline scripts, handlers, styles, eval)."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

TEMPLATES = sorted(
    path
    for path in Path(__file__).resolve().parent.parent.joinpath("onward").rglob("templates/**/*")
    if path.suffix in {".html", ".txt"} and "tests" not in path.parts
)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", re.I)
HANDLER = re.compile(r"\s(?:on[a-z]+|hx-on[:\w-]*)\s*=", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.I)


def directives(policy: str) -> dict[str, list[str]]:
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {name: values for name, *values in parts}


@pytest.mark.parametrize("name", ["today:today", "accounts:settings", "pipeline:board"])
def test_pages_carry_a_strict_policy(alice_client, name):
    response = alice_client.get(reverse(name))
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]  # no nonce unless a page uses one
    # No inline style at all (Chart.js styles its canvases through the CSS object model).
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert "unsafe" not in response["Content-Security-Policy"]
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions


def test_the_login_page_and_the_api_docs_have_them_too(client, db):
    for path in (reverse("accounts:login"), "/api/docs"):
        response = client.get(path)
        assert "script-src 'self'" in response["Content-Security-Policy"], path
        assert "camera=()" in response["Permissions-Policy"], path


def test_htmx_is_told_not_to_inject_styles_or_eval(alice_client):
    page = alice_client.get(reverse("today:today")).content.decode()
    assert '"includeIndicatorStyles": false' in page and '"allowEval": false' in page


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_no_template_has_inline_scripts_handlers_or_styles(path):
    text = path.read_text()
    assert not INLINE_SCRIPT.search(text)
    assert not HANDLER.search(text)
    assert not INLINE_STYLE.search(text)
    assert "javascript:" not in text
