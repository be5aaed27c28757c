"""A whole debrief in a real browser: reject on the board, reflect, learn, copy the thank-you,
mark it sent, find the lesson on the lessons page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from onward.debrief.models import Debrief
from onward.testing import (
    link_contact,
    make_application,
    make_company,
    make_contact,
    make_interview,
    make_user,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_rejection_on_the_board_becomes_a_finished_debrief_and_a_lesson(page, log_in):
    user = make_user("alice")
    company = make_company(user, "Harbor Analytics")
    application = make_application(
        user, "Final round", company=company, title="Data engineer",
        when=timezone.now() - timedelta(days=10),
    )  # fmt: skip
    ana = make_contact(
        user, "Ana Ruiz", email="ana@harbor.example", company_name="Harbor Analytics"
    )
    link_contact(application, ana, "hiring_manager")
    make_interview(
        application, round_name="Final panel", kind="final", interviewers=[ana],
        notes="We talked about their move to streaming pipelines.",
        starts_at=timezone.now() - timedelta(days=3),
    )  # fmt: skip
    log_in(user)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])

    # Reject it on the board: the card offers the debrief.
    page.goto("/board/")
    rejected = page.locator(".column", has=page.locator("h2", has_text="Rejected"))
    rejected.scroll_into_view_if_needed()
    page.locator(f"#card-{application.pk}").drag_to(rejected)
    prompt = rejected.get_by_role("link", name="open the debrief")
    prompt.click()
    page.wait_for_url("**/debriefs/**")
    debrief = Debrief.objects.get(application=application)

    # Reflect, with what Onward knows shown beside the prompts.
    assert "Final panel" in page.locator("#reflect").inner_text()
    page.fill("#reflect textarea[name=went_well]", "My pipeline story landed well.")
    page.fill("#reflect textarea[name=to_improve]", "Sharper answers on cost trade-offs.")
    page.locator("#reflect button[type=submit]").click()
    page.wait_for_load_state()

    # Learn: one lesson.
    page.fill(
        "#lessons textarea[name=text], #lessons input[name=text]", "Cost questions caught me out."
    )
    page.locator("#lessons select[name=category]").select_option(index=1)
    page.locator("#lessons button", has_text="Add lesson").click()
    page.locator("#lessons", has_text="Cost questions caught me out.").wait_for()

    # The thank-you: copy it, then say it was sent.
    page.goto(f"/debriefs/{debrief.pk}/drafts/thank_you/")
    body = page.locator("#id_body").input_value()
    assert "Ana" in body and "Harbor Analytics" in body
    page.get_by_role("button", name="Copy text").click()
    assert page.evaluate("navigator.clipboard.readText()") == body
    page.get_by_role("button", name="I sent it myself").click()
    page.wait_for_load_state()
    debrief.refresh_from_db()
    assert debrief.thank_you_sent_at is not None

    # Finish the debrief, then see the lesson gathered with the others.
    page.goto(debrief.get_absolute_url())
    page.get_by_role("button", name="Complete the debrief").click()
    page.wait_for_load_state()
    debrief.refresh_from_db()
    assert debrief.status == "completed"
    page.goto(reverse("debrief:lessons"))
    assert "Cost questions caught me out." in page.locator("main").inner_text()
