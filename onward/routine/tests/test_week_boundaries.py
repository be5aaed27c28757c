"""Weeks start at midnight on the user's chosen day, in the user's time zone, DST included."""

from datetime import UTC, date, datetime

import pytest
import time_machine

from onward.routine.progress import routine_for
from onward.testing import make_application

pytestmark = pytest.mark.django_db


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def test_it_starts_the_week_on_the_users_day_in_their_zone(alice, in_zone):
    in_zone(alice, "Europe/Berlin", week_start=6)  # Sunday
    with time_machine.travel(utc(2024, 5, 15, 12), tick=False):  # a Wednesday
        week = routine_for(alice, weeks=0).this_week
    assert week.starts_on == date(2024, 5, 12)
    assert week.ends_on == date(2024, 5, 18)


def test_it_reads_today_in_the_users_zone(alice, in_zone):
    in_zone(alice, "America/New_York", week_start=0)
    # Monday 02:00 UTC is still Sunday evening in New York: last week's last day.
    with time_machine.travel(utc(2024, 5, 13, 2), tick=False):
        routine = routine_for(alice, weeks=0)
    assert routine.today == date(2024, 5, 12)
    assert routine.this_week.starts_on == date(2024, 5, 6)
    assert routine.days_left == 1


def test_it_counts_events_into_the_local_week_across_the_dst_change(alice, in_zone):
    in_zone(alice, "America/New_York", week_start=0)
    # Clocks went forward on Sunday 10 March 2024: the next Monday starts at 04:00 UTC, while
    # the Monday before started at 05:00 UTC.
    make_application(alice, when=utc(2024, 3, 4, 5, 30))  # Mon 4 Mar 00:30 EST: week of 4 Mar
    make_application(alice, when=utc(2024, 3, 4, 4, 30))  # Sun 3 Mar 23:30 EST: week before
    make_application(alice, when=utc(2024, 3, 11, 3, 30))  # Sun 10 Mar 23:30 EDT: week of 4 Mar
    make_application(alice, when=utc(2024, 3, 11, 4, 30))  # Mon 11 Mar 00:30 EDT: week of 11 Mar
    with time_machine.travel(utc(2024, 3, 13, 15), tick=False):
        weeks = routine_for(alice, weeks=2).weeks
    counts = {w.starts_on: w.goal("applications").done for w in weeks}
    assert counts == {date(2024, 2, 26): 1, date(2024, 3, 4): 2, date(2024, 3, 11): 1}


def test_it_counts_across_the_autumn_change_in_europe(alice, in_zone):
    in_zone(alice, "Europe/Berlin", week_start=0)
    # Clocks went back on Sunday 27 October 2024; Monday 28 October starts at 23:00 UTC.
    make_application(alice, when=utc(2024, 10, 27, 22, 30))  # Sun 23:30 CET: week of 21 Oct
    make_application(alice, when=utc(2024, 10, 27, 23, 30))  # Mon 00:30 CET: week of 28 Oct
    with time_machine.travel(utc(2024, 10, 29, 12), tick=False):
        weeks = routine_for(alice, weeks=1).weeks
    assert [w.goal("applications").done for w in weeks] == [1, 1]
