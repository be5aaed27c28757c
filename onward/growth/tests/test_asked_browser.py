"""The Skills page in a real browser: a skill the saved postings ask for becomes a skill gap in
one click, swapped in place by htmx (with the CSRF token from the page)."""

import pytest

from onward.growth.models import SkillGap
from onward.testing import PASSWORD, make_application, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SQL = "598de5b0-5b58-4ea7-8058-a4bc4d18c742"


def test_make_an_asked_skill_a_gap_in_one_click(page):
    user = make_user("alice")
    make_application(user, description="Query our warehouse in SQL and Python.")
    make_application(user, description="Reporting in SQL.")

    page.goto("/login/")
    page.fill("input[name=username]", "alice")
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto("/growth/")

    row = page.locator(f"#asked-{SQL}")
    assert "asked for in 2 of 2 postings" in row.text_content()
    row.get_by_role("button", name="Make it a skill gap").click()
    page.locator(f"#asked-{SQL} a", has_text="On your skill gaps").wait_for()
    assert page.url.endswith("/growth/")  # no page load: the row was swapped in place
    assert list(SkillGap.objects.values_list("name", flat=True)) == ["SQL"]
