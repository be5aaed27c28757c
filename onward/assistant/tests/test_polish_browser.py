"""Polishing a draft in a real browser: the request shows first, the model answers only after
"Send to my model", and the suggestion replaces the draft only when the user says so."""

import pytest
from django.urls import reverse

from onward.testing import make_debrief, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_preview_send_and_use_a_polished_draft(page, log_in, fake_model):
    user = make_user("alice")
    debrief = make_debrief(user, title="Data Engineer")
    fake_model.reply = "Dear Ada, thank you for Tuesday. It was a pleasure."
    log_in(user)

    page.goto(reverse("debrief:debrief_draft", args=[debrief.pk, "thank_you"]))
    page.fill("#id_to", "ada@acorn.example")
    page.fill("#id_body", "Hi Ada, thanks for the interview.")
    page.locator("#polish summary").click()
    page.select_option("#polish select[name=tone]", "warmer")
    page.get_by_role("button", name="Show what would be sent").click()
    page.locator("#polish-result pre").wait_for()

    assert "Hi Ada, thanks for the interview." in page.locator("#polish-result pre").inner_text()
    assert fake_model.requests == []
    page.get_by_role("button", name="Send to my model").click()
    page.locator("#polish-suggestion").wait_for()
    page.get_by_role("button", name="Use this text in the draft").click()

    assert page.input_value("#id_body") == "Dear Ada, thank you for Tuesday. It was a pleasure."
    assert len(fake_model.requests) == 1
    assert page.url.endswith(reverse("debrief:debrief_draft", args=[debrief.pk, "thank_you"]))
