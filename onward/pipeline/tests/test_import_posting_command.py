"""``onward import-posting SOURCE [--user NAME] [--json]``."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from onward.pipeline.models import Application
from onward.pipeline.postings import POSTING_KEYS
from onward.testing import make_application, make_company

from .test_posting_fetch import board, private_allowed  # noqa: F401 (fixtures)
from .test_posting_parser import CORPUS


def run(*args) -> str:
    out = StringIO()
    call_command("import-posting", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_json_prints_one_object_with_the_documented_keys_and_saves_nothing(alice):
    printed = json.loads(run(str(CORPUS / "remote_only.html"), "--json", "--user", "alice"))

    assert set(printed) == {"postings", "prefill", "message"}
    assert printed["prefill"] is None
    assert printed["message"] == "Found a job posting: Staff Engineer, Payments at Ledgerly."
    (posting,) = printed["postings"]
    assert list(posting) == list(POSTING_KEYS)
    assert posting["remote"] is True
    assert posting["applicant_locations"] == ["USA", "Canada"]
    assert posting["valid_through"] is None
    assert not Application.objects.exists()


def test_json_for_a_page_without_a_posting_gives_the_prefill(db):
    printed = json.loads(run(str(CORPUS / "unrecoverable.html"), "--json"))

    assert printed["postings"] == []
    assert printed["prefill"]["title"] == "Senior Accountant"
    assert printed["prefill"]["from"] == "meta tags"


def test_json_for_an_app_shell_finds_nothing(db):
    printed = json.loads(run(str(CORPUS / "next_app_shell.html"), "--json"))
    assert printed == {
        "postings": [],
        "prefill": None,
        "message": "No job posting found on this page.",
    }


def test_with_a_user_it_saves_each_posting_through_application_start(alice):
    output = run(str(CORPUS / "two_blocks.html"), "--user", "alice")

    saved = Application.objects.filter(user=alice).order_by("title")
    assert [a.title for a in saved] == ["Backend Developer", "Frontend Developer"]
    assert {a.stage.name for a in saved} == {"Wishlist"}  # not applied yet
    assert all(a.stage_changes.count() == 1 for a in saved)  # the first move, as start() does
    assert "Saved: Backend Developer at Paperleaf" in output


def test_it_says_a_posting_is_already_tracked_and_saves_the_rest(alice):
    tracked = make_application(
        alice, company=make_company(alice, "Paperleaf"), title="frontend developer"
    )
    output = run(str(CORPUS / "two_blocks.html"), "--user", "alice", "--stage", "applied")

    assert f"Not saved: Frontend Developer: Already tracked: {tracked}" in output
    assert Application.objects.filter(user=alice).count() == 2


def test_it_fetches_an_address(alice, board, private_allowed):  # noqa: F811
    run(board + "/job", "--user", "alice")

    application = Application.objects.get(user=alice)
    assert application.job_url == board + "/job"
    assert application.salary_min == 42000 and application.salary_currency == "EUR"


@pytest.mark.parametrize(
    "args, message",
    [
        (["page.html"], "Give --user NAME to save the posting, or --json to print it."),
        (["/no/such/file.html", "--json"], "is neither a file nor an http(s) address"),
        ([str(CORPUS / "dates.html"), "--user", "nobody"], "There is no user called 'nobody'."),
        ([str(CORPUS / "search_results.html"), "--user", "alice"], "No job posting found"),
        ([str(CORPUS / "dates.html"), "--user", "alice", "--stage", "Nope"], "no stage called"),
        (["http://127.0.0.1:9/", "--json"], "private or local network"),
    ],
)
def test_bad_input_exits_with_a_message(alice, settings, args, message):
    settings.ONWARD_FETCH_ALLOW_PRIVATE = False
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        run(*args)
