"""Filling a new application from a page without structured data, in a real browser: the
request shows first, the model answers only after "Send to my model", and its suggestion goes
into the form only when the user says so; nothing is saved."""

import pytest
from django.urls import reverse

from onward.pipeline.models import Application
from onward.testing import make_user

from .test_posting_fields import ANSWER, PAGE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_preview_send_and_put_the_suggestion_in_the_form(page, log_in, fake_model):
    user = make_user("alice")
    fake_model.reply = ANSWER
    log_in(user)

    page.goto(reverse("pipeline:posting_import"))
    page.fill("textarea[name=pasted]", PAGE)
    page.get_by_role("button", name="Read the posting").click()
    page.locator("#posting-fields").wait_for()
    page.get_by_role("button", name="Show what would be sent").click()
    page.locator("#posting-fields-result pre").wait_for()

    assert "Apply by 30 September 2026." in page.locator("#posting-fields-result pre").inner_text()
    assert fake_model.requests == []
    page.get_by_role("button", name="Send to my model").click()
    page.get_by_role("button", name="Put these in the form").click()

    assert page.input_value("#id_title") == "Backend Engineer"
    assert page.input_value("#id_new_company") == "Kestrel Labs"
    assert page.input_value("#id_salary_min") == "55000"
    assert page.input_value("#id_salary_currency") == "EUR"
    assert page.input_value("#id_salary_period") == "YEAR"
    assert page.input_value("#id_work_mode") == "hybrid"
    assert page.input_value("#id_deadline") == "2026-09-30"
    assert len(fake_model.requests) == 1
    assert not Application.objects.exists()
