"""The network in a real browser: import Connections.csv, find who you know at a company, keep
in touch."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from onward.network.models import Contact
from onward.testing import make_company, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# LinkedIn's current export layout: three lines of preamble, then the header. Invented people.
CONNECTIONS_CSV = """Notes:
"When exporting your connection data, you may notice that some of the email addresses are missing."

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Zoë,Fairweather,https://www.linkedin.com/in/zoe-f-ex,,"Northwind Labs, Inc.",Engineer,04 Jul 2023
Tomás,Okafor,https://www.linkedin.com/in/tomas-o-ex,tomas@example.org,Harbor,Recruiter,12 Jan 2022
"""


def test_import_know_someone_and_keep_in_touch(page, log_in, tmp_path):
    user = make_user("alice")
    northwind = make_company(user, "Northwind Labs")
    log_in(user)

    csv_file = tmp_path / "Connections.csv"
    csv_file.write_text(CONNECTIONS_CSV, encoding="utf-8")
    page.goto("/contacts/import/")
    page.set_input_files("#linkedin-file", str(csv_file))
    page.get_by_role("button", name="Import connections").click()
    page.wait_for_load_state()
    assert "2" in page.locator("main").inner_text()
    assert Contact.objects.for_user(user).count() == 2

    # "Do I know anyone here?" matches "Northwind Labs, Inc." to the company "Northwind Labs".
    page.goto(northwind.get_absolute_url())
    known = page.locator("#known-contacts")
    assert "Zoë Fairweather" in known.inner_text()
    known.get_by_role("link", name="Zoë Fairweather").click()
    page.locator("#next-follow-up").wait_for()

    # A rhythm of 2 weeks: the first follow-up falls due two weeks from now.
    page.select_option("#stay-in-touch select[name=cadence]", "2")
    page.locator("#stay-in-touch button", has_text="Save rhythm").click()
    page.wait_for_load_state()
    assert shown(timezone.localdate() + timedelta(weeks=2)) in follow_up_text(page)

    # 16 days later (the server's clock travels) it is due; today's call moves it on.
    later = timezone.now() + timedelta(days=16)
    with time_machine.travel(later):
        log_in(user)  # the old session has expired by then
        page.reload()
        assert "A follow-up is due" in follow_up_text(page)
        log_interaction(page, later.date().isoformat(), "Called about the platform team")
        assert "Next follow-up" in follow_up_text(page)
        assert shown(later.date() + timedelta(weeks=2)) in follow_up_text(page)


def shown(day) -> str:
    return f"{day.day} {day:%b %Y}"


def follow_up_text(page) -> str:
    return page.locator("#next-follow-up").inner_text()


def log_interaction(page, day: str, summary: str) -> None:
    details = page.locator("#interactions details")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    page.fill("#interactions input[name=happened_on]", day)
    page.fill("#interactions textarea[name=summary]", summary)
    page.locator("#interactions button", has_text="Log it").click()
    page.wait_for_load_state()
    page.locator("#interactions", has_text=summary).wait_for()
