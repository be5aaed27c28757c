"""The insights page on the demo account in a real browser: the Sankey draws, the date filter
narrows it."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The Sankey diagram Chart.js drew: one node per step and exit.
DRAWN_NODES = """n => {
    const chart = window.Chart && Chart.getChart(document.querySelector('#sankey canvas'));
    return chart && chart.getDatasetMeta(0).controller._nodes.size === n;
}"""


def flow_table(page) -> list[tuple[str, str, int]]:
    rows = page.locator("#sankey-table tbody tr").all()
    return [
        (cells[0], cells[1], int(cells[2]))
        for cells in (row.locator("td").all_inner_texts() for row in rows)
    ]


def test_the_sankey_draws_one_node_per_step_and_the_date_filter_narrows_it(page, log_in):
    call_command("demo", password="a long demo passphrase 42", stdout=StringIO())
    log_in(get_user_model().objects.get(username="demo"))

    page.goto("/insights/")
    flows = flow_table(page)
    assert flows, "the demo account should have flows to draw"
    steps = {name for source, target, _ in flows for name in (source, target)}
    page.locator("#sankey").scroll_into_view_if_needed()  # charts draw when they near the screen
    page.wait_for_function(DRAWN_NODES, arg=len(steps))
    total = sum(value for source, _, value in flows if source == "Applied")
    for section in ("#findings", "#breakdown", "#timing", "#reasons"):  # loaded by htmx
        page.locator(section).wait_for()
    # The demo's story: referrals get replies far more often than the rest.
    assert "Referral gets replies far more often" in page.locator("#findings").inner_text()
    page.locator("#breakdown-chart").scroll_into_view_if_needed()
    page.locator("#breakdown-chart[data-drawn]").wait_for()

    start = (timezone.localdate() - timedelta(days=30)).isoformat()
    page.fill("#insights-filters input[name=start]", start)
    page.locator("#insights-filters button[type=submit]").click()
    page.wait_for_url(f"**start={start}**")
    narrowed = flow_table(page)
    assert sum(value for source, _, value in narrowed if source == "Applied") < total
