"""The bookmarklet in chromium: run on a job posting served from another origin, it opens
Onward's new-application form filled in, in a new tab; nothing is saved until the user adds it.

ONWARD_SCREENSHOT_DIR=docs makes it save the README's picture of the bookmarklet in use."""

import os
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

import pytest

from onward.pipeline.models import Application

from .test_posting_parser import CORPUS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def job_board():
    """The corpus served by a second local server: the job board's origin."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(CORPUS)))
    threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_the_bookmarklet_opens_the_form_filled_in_and_saving_is_the_users_call(
    page, log_in, alice, job_board
):
    log_in(alice)
    page.goto("/applications/import/")
    href = page.get_attribute("#bookmarklet", "href")
    assert href and href.startswith("javascript:")

    page.goto(f"{job_board}/remote_only.html")
    with page.context.expect_page() as opened:
        # What a click on the bookmark does: run its code on the posting's page.
        page.evaluate(unquote(href.removeprefix("javascript:")))
    tab = opened.value
    tab.wait_for_url("**/applications/new/?posting=0")

    assert tab.input_value("input[name=title]") == "Staff Engineer, Payments"
    assert tab.input_value("input[name=new_company]") == "Ledgerly"
    assert tab.input_value("input[name=job_url]") == f"{job_board}/remote_only.html"
    assert tab.input_value("select[name=work_mode]") == "remote"
    assert tab.input_value("input[name=salary_min]") == "190000"
    assert "Own the ledger service." in tab.input_value("textarea[name=description]")
    assert not Application.objects.exists()
    if folder := os.environ.get("ONWARD_SCREENSHOT_DIR"):
        tab.set_viewport_size({"width": 1100, "height": 900})
        tab.screenshot(path=str(Path(folder) / "bookmarklet.png"))

    tab.get_by_role("button", name="Add application").click()
    tab.get_by_role("heading", name="Staff Engineer, Payments").wait_for()
    application = Application.objects.get(user=alice)
    assert application.board == "127.0.0.1"
    assert application.location == "Remote (USA, Canada)"


def test_the_import_page_reads_a_pasted_page_with_htmx(page, log_in, alice):
    log_in(alice)
    page.goto("/applications/import/")
    page.fill("textarea[name=pasted]", (CORPUS / "microdata.html").read_text())
    page.get_by_role("button", name="Read the posting").click()
    page.wait_for_url("**/applications/new/?posting=0")
    assert page.input_value("input[name=title]") == "Mobile Developer (iOS)"
    assert page.input_value("input[name=deadline]") == "2026-10-01"
