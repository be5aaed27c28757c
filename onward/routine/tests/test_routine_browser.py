"""Today in a real browser: log in, log an activity and watch its goal move, then record a
mood and find it on the chart."""

import pytest

from onward.testing import PASSWORD, make_application, make_check_in, make_user
from onward.wellbeing.models import MoodCheckIn

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_log_an_activity_and_a_mood_from_today(page):
    user = make_user("alice")
    make_application(user, "Applied")
    make_check_in(user, mood=2)

    page.goto("/login/")
    page.fill("input[name=username]", "alice")
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Today").wait_for()

    practice = page.locator('[data-goal="practice"]')
    assert practice.get_attribute("data-done") == "0"
    page.locator("#log summary").click()
    page.select_option("#log select[name=kind]", "practice")
    page.fill("#log input[name=note]", "Mock system design with Priya")
    page.locator("#log-activity").click()
    # The progress panel is swapped in by htmx: the goal moves without a page load.
    page.wait_for_function(
        "() => document.querySelector('[data-goal=practice]').dataset.done === '1'"
    )

    page.goto("/wellbeing/")
    chart = page.locator("#mood-chart")
    assert chart.get_attribute("data-check-ins") == "1"
    page.locator("#mood-form input[name=mood][value='4']").check()
    page.fill("#mood-form textarea[name=note]", "Good practice session")
    page.locator("#mood-form button[type=submit]").click()
    page.wait_for_load_state()
    assert MoodCheckIn.objects.for_user(user).count() == 2
    assert page.locator("#mood-chart").get_attribute("data-check-ins") == "2"
    # Chart.js drew both check-ins as points on the mood line.
    page.wait_for_function(
        "() => { const c = document.querySelector('#mood-chart canvas');"
        " const chart = window.Chart && Chart.getChart(c);"
        " return chart && chart.getDatasetMeta(0).data.length === 2; }"
    )
    assert "Good practice session" in page.locator("#mood-table").text_content()
    # The chart fits its column (drawn after layout, not at the width of the whole page).
    chart_width, panel_width = page.evaluate(
        "() => ['#mood-chart canvas', '#mood'].map("
        "s => document.querySelector(s).getBoundingClientRect().width)"
    )
    assert chart_width <= panel_width
