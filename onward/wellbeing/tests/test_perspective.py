"""Perspective statements: true, from the user's own numbers, and silent without enough data."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from onward.routine.progress import routine_for
from onward.testing import bulk_applications, make_activity, make_company, make_goals
from onward.wellbeing.perspective import perspective_for

pytestmark = pytest.mark.django_db

NOW = datetime(2024, 5, 20, 12, tzinfo=UTC)  # a Monday in May
APRIL = datetime(2024, 4, 10, 9, tzinfo=UTC)
MAY = datetime(2024, 5, 6, 9, tzinfo=UTC)


def statements(user) -> dict[str, str]:
    with time_machine.travel(NOW, tick=False):
        return {s.key: s.text for s in perspective_for(user)}


def sent(user, when, n: int, then: str | None = None, **fields):
    """n applications sent at ``when``; each moved on to ``then`` two days later, if given."""
    history = [("Applied", when)] + ([(then, when + timedelta(days=2))] if then else [])
    return bulk_applications(user, [history] * n, **fields)


def test_it_says_nothing_with_too_little_data(alice):
    sent(alice, APRIL, 1, "Rejected")
    assert statements(alice) == {}


def test_it_compares_the_interview_rate_with_last_month(alice):
    sent(alice, APRIL, 2, "Screening")
    sent(alice, APRIL, 3, "Rejected")
    sent(alice, MAY, 3, "Interviewing")
    sent(alice, MAY, 3)
    found = statements(alice)
    assert found["interview_rate"] == (
        "This month 3 of your 6 applications have led to an interview so far (50%), "
        "against 2 of 5 last month (40%)."
    )


def test_it_adds_context_when_this_months_rate_is_lower(alice):
    sent(alice, APRIL, 3, "Screening")
    sent(alice, APRIL, 2)
    sent(alice, MAY, 1, "Screening")
    sent(alice, MAY, 4)
    text = statements(alice)["interview_rate"]
    assert text.startswith("This month 1 of your 5 applications have led to an interview so far")
    assert text.endswith("Answers to recent applications often take a few weeks to come.")


def test_it_stays_silent_on_the_rate_below_the_minimum(alice):
    sent(alice, APRIL, 6, "Screening")
    sent(alice, MAY, 4, "Screening")  # one short of the minimum of five
    assert "interview_rate" not in statements(alice)


def test_it_counts_the_rejections_before_the_first_offer(alice):
    acme = make_company(alice, "Acme")
    sent(alice, datetime(2024, 3, 1, tzinfo=UTC), 3, "Rejected")
    bulk_applications(
        alice,
        [[("Applied", datetime(2024, 3, 20, tzinfo=UTC)), ("Offer", APRIL)]],
        company=acme,
    )
    sent(alice, MAY, 1, "Rejected")  # after the offer: not counted
    assert statements(alice)["before_offer"] == (
        "Before your first offer (Acme, April 2024) you had 3 rejections."
    )


def test_it_says_nothing_about_offers_before_the_first(alice):
    sent(alice, APRIL, 8, "Rejected")
    assert "before_offer" not in statements(alice)


def test_it_counts_the_applications_still_in_progress(alice):
    sent(alice, APRIL, 1, "Rejected")
    sent(alice, APRIL, 2, "Screening")
    assert statements(alice)["in_progress"] == (
        "This was one application: 2 other applications are in progress."
    )


def test_it_names_the_goals_met_and_the_streak(alice):
    zero = dict(applications=0, touches=0, follow_ups=0, learning_hours=0)
    make_goals(alice, date(2024, 1, 1), practice=1, **zero)
    for day in (date(2024, 5, 20), date(2024, 5, 14), date(2024, 5, 7)):
        make_activity(alice, "practice", on=day)
    found = statements(alice)
    assert found["goals_met"] == (
        "This week you have already met your goal for practice sessions (1 of 1)."
    )
    assert found["streak"] == "You have met your weekly goals 3 weeks in a row."


def test_a_single_week_is_not_called_a_streak(alice):
    zero = dict(applications=0, touches=0, follow_ups=0, learning_hours=0)
    make_goals(alice, date(2024, 1, 1), practice=1, **zero)
    make_activity(alice, "practice", on=date(2024, 5, 14))
    with time_machine.travel(NOW, tick=False):
        assert routine_for(alice).streak == 1
    assert "streak" not in statements(alice)
