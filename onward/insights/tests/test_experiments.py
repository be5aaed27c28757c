from datetime import date

from onward.insights.experiments import compare
from onward.testing import bulk_applications

from .conftest import at


def replied(month, day):
    return [("Applied", at(month, day)), ("Screening", at(month, day + 3))]


def ghosted(month, day):
    return [("Applied", at(month, day)), ("Ghosted", at(3, 5))]


def test_it_splits_applications_on_the_start_date(alice, frozen):
    bulk_applications(alice, [replied(1, 5)] * 2 + [ghosted(1, 5)] * 8)
    bulk_applications(alice, [replied(2, 5)] * 8 + [ghosted(2, 5)] * 2)
    on_the_day = compare(alice, date(2026, 2, 5))
    assert (on_the_day.before.sent, on_the_day.after.sent) == (10, 10)
    day_after = compare(alice, date(2026, 2, 6))
    assert (day_after.before.sent, day_after.after.sent) == (20, 0)


def test_it_says_better_when_the_difference_clears_noise(alice, frozen):
    bulk_applications(alice, [replied(1, 5)] * 2 + [ghosted(1, 5)] * 8)
    bulk_applications(alice, [replied(2, 5)] * 8 + [ghosted(2, 5)] * 2)
    comparison = compare(alice, date(2026, 2, 1))
    label, headline = comparison.rows[0]
    assert label == "Got a reply"
    assert (headline.before.k, headline.before.n, headline.after.k, headline.after.n) == (
        2, 10, 8, 10,
    )  # fmt: skip
    assert comparison.verdict == "better"


def test_it_says_within_noise_when_it_is(alice, frozen):
    bulk_applications(alice, [replied(1, 5)] * 4 + [ghosted(1, 5)] * 6)
    bulk_applications(alice, [replied(2, 5)] * 6 + [ghosted(2, 5)] * 4)
    comparison = compare(alice, date(2026, 2, 1))
    assert comparison.verdict == "within noise"
    assert comparison.verdict_text == "The difference is still within noise."


def test_it_needs_enough_on_both_sides(alice, frozen):
    bulk_applications(alice, [replied(1, 5)] * 2 + [ghosted(1, 5)] * 8)
    bulk_applications(alice, [replied(2, 5)] * 3)
    assert compare(alice, date(2026, 2, 1)).verdict == "too little data"


def test_it_sets_aside_applications_too_recent_for_a_reply(alice, frozen):
    bulk_applications(alice, [replied(2, 5)] * 5)
    bulk_applications(alice, [[("Applied", at(3, 25))]] * 3)
    comparison = compare(alice, date(2026, 2, 1))
    assert comparison.after.sent == 5
    assert comparison.set_aside == 3


def test_it_stops_at_the_end_date(alice, frozen):
    bulk_applications(alice, [replied(2, 5)] * 5 + [replied(2, 20)] * 4)
    comparison = compare(alice, date(2026, 2, 1), date(2026, 2, 10))
    assert comparison.after.sent == 5
