"""Streaks: consecutive weeks meeting the goals; planned rest neither counts nor breaks them."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from onward.routine.progress import routine_for, scaled_goal
from onward.testing import make_activity, make_goals, make_rest

pytestmark = pytest.mark.django_db

NOW = datetime(2024, 5, 15, 12, tzinfo=UTC)  # Wednesday; this week began Monday 13 May
THIS_WEEK = date(2024, 5, 13)


def week(n: int) -> date:
    """The Monday ``n`` weeks before this week."""
    return THIS_WEEK - timedelta(weeks=n)


@pytest.fixture
def two_practices(alice):
    """Only one goal, to keep the fixtures small: two practice sessions a week."""
    zero = dict(applications=0, touches=0, follow_ups=0, learning_hours=0)
    make_goals(alice, date(2024, 1, 1), practice=2, **zero)
    return alice


def meet(user, monday: date, sessions: int = 2):
    for n in range(sessions):
        make_activity(user, "practice", on=monday + timedelta(days=n))


def streak(user) -> int:
    with time_machine.travel(NOW, tick=False):
        return routine_for(user).streak


def test_it_counts_consecutive_weeks_and_an_unfinished_week_does_not_break_it(two_practices):
    for n in (1, 2, 3):
        meet(two_practices, week(n))
    meet(two_practices, week(5))  # before the gap at week 4
    meet(two_practices, THIS_WEEK, sessions=1)  # this week is still going
    assert streak(two_practices) == 3


def test_it_counts_this_week_once_met(two_practices):
    meet(two_practices, week(1))
    meet(two_practices, THIS_WEEK)
    assert streak(two_practices) == 2


def test_a_missed_week_breaks_it(two_practices):
    meet(two_practices, week(1))
    meet(two_practices, week(2), sessions=1)
    meet(two_practices, week(3))
    assert streak(two_practices) == 1


def test_a_planned_rest_week_neither_breaks_nor_counts(two_practices):
    meet(two_practices, week(1))
    make_rest(two_practices, week(2), week(2) + timedelta(days=6), note="Holiday")
    meet(two_practices, week(3))
    meet(two_practices, week(4))
    assert streak(two_practices) == 3


def test_rest_days_lower_that_weeks_goal(two_practices):
    make_rest(two_practices, week(1) + timedelta(days=2), week(1) + timedelta(days=5))
    meet(two_practices, week(1), sessions=1)  # 1 of 2, but 4 of 7 days were rest
    with time_machine.travel(NOW, tick=False):
        last = routine_for(two_practices, weeks=1).weeks[0]
    assert last.rest_days == 4
    assert last.goal("practice").target == 1
    assert last.met
    assert streak(two_practices) == 1


def test_without_any_goal_no_week_is_met(alice):
    make_goals(
        alice,
        date(2024, 1, 1),
        **dict.fromkeys(["applications", "touches", "follow_ups", "learning_hours", "practice"], 0),
    )
    meet(alice, week(1))
    assert streak(alice) == 0


@pytest.mark.parametrize(
    ("goal", "active_days", "target"),
    [(5, 7, 5), (5, 6, 4), (5, 5, 4), (2, 3, 1), (1, 3, 0), (3, 0, 0)],
)
def test_it_scales_goals_by_the_days_not_at_rest(goal, active_days, target):
    assert scaled_goal(goal, active_days) == target


def test_a_broken_streak_counts_only_the_recent_weeks(alice):
    """The year-long count is the costliest on Today: it runs only for a streak that reaches
    back past the first weeks looked at."""
    from onward.routine.progress import STREAK_FIRST_LOOK_WEEKS

    routine = routine_for(alice)
    assert routine.streak == 0
    assert len(routine.weeks) == STREAK_FIRST_LOOK_WEEKS + 1


def test_a_streak_longer_than_the_first_look_is_counted_in_full(two_practices):
    for n in range(1, 10):
        meet(two_practices, week(n))
    assert streak(two_practices) == 9
