"""A second opinion on an unsure email, in a real browser: asked from the inbox page, shown
first, sent on "Send to my model", and used only through the inbox's one-click step."""

import pytest
from django.urls import reverse

from onward.testing import make_user

from .test_email_kind import SNIPPET, make_signal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_ask_send_and_use_a_second_opinion(page, log_in, fake_model):
    user = make_user("alice")
    signal = make_signal(
        user, subject="Your application", snippet=SNIPPET, kind="acknowledgement", confidence=0.4
    )
    fake_model.reply = '{"kind": "rejection", "reason": "They continue with other profiles."}'
    log_in(user)

    page.goto(reverse("inbox:signal_list"))
    card = page.locator(f"#signal-{signal.pk}")
    card.get_by_role("button", name="Ask your local model what it is").click()
    card.locator("pre").wait_for()

    assert SNIPPET in card.locator("pre").inner_text()
    assert fake_model.requests == []
    card.get_by_role("button", name="Send to my model").click()
    card.get_by_text("They continue with other profiles.").wait_for()
    assert card.get_by_role("button", name="Use “Rejection” and take its next step").is_visible()
    assert len(fake_model.requests) == 1
    signal.refresh_from_db()
    assert signal.kind == "acknowledgement"
