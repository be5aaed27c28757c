"""Progress toward each goal is counted from what the user already records."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from onward.routine.progress import routine_for
from onward.testing import (
    make_activity,
    make_application,
    make_contact,
    make_interaction,
    make_reminder,
    move,
)

pytestmark = pytest.mark.django_db

NOW = datetime(2024, 5, 15, 12, tzinfo=UTC)  # Wednesday; the week (from Monday) began 13 May
MONDAY = datetime(2024, 5, 13, 9, tzinfo=UTC)


def done(user) -> dict:
    with time_machine.travel(NOW, tick=False):
        week = routine_for(user, weeks=0).this_week
    return {g.key: g.done_display for g in week.goals}


def test_it_counts_applications_sent_from_the_stage_history(alice):
    make_application(alice, "Applied", when=MONDAY)  # created straight into the first active stage
    make_application(alice, "Interviewing", when=MONDAY)  # created directly in an active stage
    from_wishlist = make_application(alice, "Wishlist", when=MONDAY)
    move(from_wishlist, "Applied", when=MONDAY + timedelta(hours=1))
    skipped_ahead = make_application(alice, "Wishlist", when=MONDAY)
    move(skipped_ahead, "Screening", when=MONDAY + timedelta(hours=1))
    # Not sends: a wishlist entry, progress between active stages, and last week's send.
    make_application(alice, "Wishlist", when=MONDAY)
    older = make_application(alice, "Applied", when=MONDAY - timedelta(days=3))
    move(older, "Screening", when=MONDAY + timedelta(hours=2))
    assert done(alice)["applications"] == 4


def test_it_counts_an_application_sent_once_even_when_moved_back_and_forth(alice):
    bounced = make_application(alice, "Applied", when=MONDAY)
    move(bounced, "Screening", when=MONDAY + timedelta(hours=1))
    move(bounced, "Applied", when=MONDAY + timedelta(hours=2))  # moved back by mistake
    move(bounced, "Wishlist", when=MONDAY + timedelta(hours=3))
    move(bounced, "Applied", when=MONDAY + timedelta(hours=4))
    assert done(alice)["applications"] == 1


def test_it_counts_interactions_and_logged_events_as_touches(alice):
    contact = make_contact(alice)
    make_interaction(contact, happened_on=date(2024, 5, 13))
    make_interaction(contact, happened_on=date(2024, 5, 15))
    make_interaction(contact, happened_on=date(2024, 5, 12))  # last week
    make_activity(alice, "event", on=date(2024, 5, 14))
    assert done(alice)["touches"] == 3


def test_it_counts_reminders_marked_done_as_follow_ups(alice):
    make_reminder(alice, done_at=MONDAY + timedelta(hours=3))
    make_reminder(alice, done_at=MONDAY - timedelta(days=1))  # last week
    make_reminder(alice, due_at=MONDAY)  # still open
    # A debrief checklist step is the debrief's progress, not a follow-up.
    make_reminder(alice, kind="debrief_step", done_at=MONDAY + timedelta(hours=3))
    # Neither is reaching a learning target.
    make_reminder(alice, kind="learning_target", done_at=MONDAY + timedelta(hours=3))
    assert done(alice)["follow_ups"] == 1


def test_it_sums_learning_hours_and_counts_practice_sessions(alice):
    make_activity(alice, "learning", on=date(2024, 5, 13), hours="1.5")
    make_activity(alice, "learning", on=date(2024, 5, 14), hours=2)
    make_activity(alice, "practice", on=date(2024, 5, 14))
    make_activity(alice, "practice", on=date(2024, 5, 15))
    make_activity(alice, "other", on=date(2024, 5, 15))
    counts = done(alice)
    assert counts["learning_hours"] == 3.5
    assert counts["practice"] == 2


def test_it_counts_only_the_users_own_records(alice, bob):
    make_application(bob, when=MONDAY)
    make_interaction(make_contact(bob), happened_on=date(2024, 5, 14))
    make_reminder(bob, done_at=MONDAY)
    make_activity(bob, "practice", on=date(2024, 5, 14))
    assert set(done(alice).values()) == {0}


def test_it_uses_the_goals_in_force_that_week(alice):
    from onward.testing import make_goals

    make_goals(alice, date(2024, 5, 6), applications=3)
    make_goals(alice, date(2024, 5, 13), applications=8)
    with time_machine.travel(NOW, tick=False):
        weeks = routine_for(alice, weeks=2).weeks
    assert [w.goal("applications").target for w in weeks] == [5, 3, 8]  # defaults, then set
