"""``onward insights --user NAME``: the page's numbers in the terminal."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def run(**options) -> str:
    out = StringIO()
    call_command("insights", stdout=out, **options)
    return out.getvalue()


def test_it_prints_the_funnel_the_rates_and_what_stands_out(alice, search):
    out = run(user="alice")
    assert "Interviewing" in out and "Final round" in out
    assert "Got a reply: 78% 7 of 9" in out  # the page's reply rate, with its interval
    assert "(3 of 4" not in out and "62% 5 of 8" in out  # Applied → Screening, 2 waiting
    assert "How they stand: rejected 4, ghosted 1, withdrawn 1, accepted 1, still open 3" in out
    assert "What stands out" in out


def test_it_breaks_the_funnel_down_when_asked(alice, search):
    out = run(user="alice", by="source")
    assert "By source / channel" in out and "Referral" in out
    assert "Referral" not in run(user="alice")


def test_it_filters_by_the_day_applied(alice, search):
    out = run(user="alice", start="2026-03-01")  # only a4, sent on 25 March: too early to tell
    assert "Got a reply: no data yet" in out
    assert "still open 1" in out


def test_it_says_when_there_is_nothing_to_show(bob):
    assert "No applications match these filters yet." in run(user="bob")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"user": "nobody"}, "There is no user called 'nobody'."),
        ({"user": "alice", "start": "2026-13-01"}, "'2026-13-01' is not a date"),
        ({"user": "alice", "start": "2026-03-01", "end": "2026-02-01"}, "before the start"),
    ],
)
def test_it_refuses_bad_input_with_a_reason(alice, options, message):
    with pytest.raises(CommandError, match=message):
        run(**options)
