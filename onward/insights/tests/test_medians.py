from onward.insights.metrics import (
    Filters,
    applications,
    days_in_stage,
    days_to_first_reply,
    funnel_steps,
)


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
