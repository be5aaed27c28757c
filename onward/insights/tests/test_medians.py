from datetime import date

from onward.insights.durations import (
    Median,
    days_in_stage,
    days_to_first_reply,
    days_to_first_reply_by_group,
)
from onward.insights.metrics import Filters, applications, dimension, funnel_steps

from .conftest import at, build_history


def setup(user):
    steps = funnel_steps(user)
    return applications(user, Filters()), steps


def test_it_takes_the_median_days_to_a_first_reply(alice, search):
    qs, steps = setup(alice)
    median = days_to_first_reply(qs, steps)
    # a1 4, a5 7, a6 2, a7 4, a8 1, a9 10 days; a11 has no "applied" move to measure from.
    assert (median.days, median.n) == (4, 6)


def test_it_takes_the_median_days_in_each_step_over_finished_stays(alice, search):
    qs, steps = setup(alice)
    medians = days_in_stage(qs, steps)
    by_name = {steps[i].name: (m.days, m.n) for i, m in medians.items()}
    assert by_name["Applied"] == (4, 7)  # 1, 2, 4, 4, 7, 10, 28 (a3 and a4 still there)
    assert by_name["Screening"] == (3, 5)  # 2, 2, 3, 4, 7: a7 twice, after moving back
    assert by_name["Interviewing"] == (6, 3)  # 3, 6, 10
    assert by_name["Final round"] == (7.5, 2)  # 5, 10
    assert by_name["Accepted"] == (None, 0)


def test_it_flags_a_median_from_a_small_sample(alice, search):
    qs, steps = setup(alice)
    medians = days_in_stage(qs, steps)
    assert medians[0].too_small is False
    assert medians[3].too_small is True


def replied_after(user, source, days: int, month: int = 2):
    """An application sent on the 1st of ``month`` that got a reply ``days`` days later."""
    build_history(user, source, [("Applied", at(month, 1)), ("Screening", at(month, 1 + days))])


def test_it_takes_the_middle_wait_of_an_odd_count_and_averages_the_two_of_an_even_one(
    alice, frozen
):
    for days in (10, 1, 2):
        replied_after(alice, "referral", days)
    for days in (4, 1, 10, 2):
        replied_after(alice, "job_board", days)
    qs, steps = setup(alice)
    overall, by_source = days_to_first_reply_by_group(qs, steps, dimension(alice, "source"))
    assert (by_source["referral"].days, by_source["referral"].n) == (2, 3)
    assert (by_source["job_board"].days, by_source["job_board"].n) == (3, 4)  # (2 + 4) / 2
    assert (overall.days, overall.n) == (2, 7)  # 1, 1, 2, 2, 4, 10, 10
    assert days_to_first_reply(qs, steps) == overall


def test_it_leaves_out_groups_and_steps_with_nothing_to_measure(alice, frozen):
    replied_after(alice, "referral", 3)
    build_history(alice, "linkedin", [("Applied", at(2, 1))])  # no reply yet
    qs, steps = setup(alice)
    _, by_source = days_to_first_reply_by_group(qs, steps, dimension(alice, "source"))
    assert set(by_source) == {"referral"}
    medians = days_in_stage(qs, steps)
    assert medians[0] == Median(3, 1)  # one finished stay in Applied
    assert all(m == Median(None, 0) for i, m in medians.items() if i)


def test_it_has_no_medians_without_applications(alice, frozen):
    qs, steps = setup(alice)
    assert days_to_first_reply(qs, steps) == Median(None, 0)
    overall, by_source = days_to_first_reply_by_group(qs, steps, dimension(alice, "source"))
    assert (overall, by_source) == (Median(None, 0), {})
    assert set(days_in_stage(qs, steps).values()) == {Median(None, 0)}


def test_it_keys_group_medians_like_the_groups(alice, frozen):
    replied_after(alice, "referral", 2, month=1)
    replied_after(alice, "referral", 5, month=2)
    qs, steps = setup(alice)
    _, by_month = days_to_first_reply_by_group(qs, steps, dimension(alice, "month"))
    assert by_month == {date(2026, 1, 1): Median(2, 1), date(2026, 2, 1): Median(5, 1)}
