"""The first run in a real browser: create the account, add an application, drag it, read its
timeline."""

import pytest
from django.contrib.auth import get_user_model

from onward.pipeline.models import Application

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_newcomer_creates_an_account_adds_an_application_and_moves_it(page):
    page.goto("/")
    page.get_by_role("heading", name="Create your account").wait_for()
    page.fill("input[name=username]", "sam")
    page.fill("input[name=password1]", "a long and unusual passphrase 42")
    page.fill("input[name=password2]", "a long and unusual passphrase 42")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url("**/")
    assert get_user_model().objects.filter(username="sam", is_superuser=True).exists()

    page.goto("/applications/new/")
    page.fill("input[name=title]", "Data engineer")
    page.fill("input[name=new_company]", "Brightwater Analytics")
    page.select_option("select[name=source]", label="Referral")
    page.get_by_role("button", name="Add application").click()
    page.get_by_role("heading", name="Data engineer").wait_for()
    application = Application.objects.get(title="Data engineer")

    page.goto("/board/")
    card = page.locator(f"#card-{application.pk}")
    start_stage = application.stage.name
    target = page.locator(".column", has=page.locator("h2", has_text="Screening"))
    target.scroll_into_view_if_needed()
    card.drag_to(target)
    target.locator(f"#card-{application.pk}").wait_for()
    page.wait_for_function(
        "id => !document.getElementById(id).hasAttribute('aria-busy')",
        arg=f"card-{application.pk}",
    )

    page.goto(application.get_absolute_url())
    timeline = page.locator("#timeline").inner_text()
    assert start_stage in timeline
    assert "Screening" in timeline
    application.refresh_from_db()
    assert [c.to_stage.name for c in application.stage_changes.all()] == [start_stage, "Screening"]
