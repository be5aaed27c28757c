"""Time logged on a learning item is a routine learning activity: the weekly learning-hours
goal moves, and nothing is entered twice."""

from decimal import Decimal

import pytest
from django.urls import reverse

from onward.growth.models import LearningItem, LearningLog
from onward.routine.models import ActivityLog
from onward.routine.progress import routine_for
from onward.testing import make_learning_item

pytestmark = pytest.mark.django_db


def learning_hours(user):
    return routine_for(user).this_week.goal("learning_hours").done


def log(client, item, **data):
    return client.post(reverse("growth:item_log", args=[item.pk]), data)


def test_it_moves_the_weekly_learning_hours_goal(alice_client, alice):
    item = make_learning_item(alice, title="System design course")
    assert learning_hours(alice) == 0

    response = log(alice_client, item, hours="1.5", on="2024-05-14", note="Module 2")

    assert response.status_code == 302 and response.url == item.get_absolute_url()
    assert learning_hours(alice) == Decimal("1.5")
    activity = ActivityLog.objects.get(user=alice)
    assert (activity.kind, activity.note) == ("learning", "System design course: Module 2")
    assert LearningLog.objects.get().activity == activity


def test_it_totals_the_hours_on_the_item(alice_client, alice):
    item = make_learning_item(alice)
    log(alice_client, item, hours="1.5", on="2024-05-14")
    log(alice_client, item, hours="2", on="2024-05-01")

    item = LearningItem.objects.with_hours().get(pk=item.pk)

    assert item.hours_logged == Decimal("3.5")
    assert learning_hours(alice) == Decimal("1.5")  # the 1 May session was an earlier week
    assert "3.5 h logged" in alice_client.get(item.get_absolute_url()).content.decode()


def test_it_starts_a_planned_item(alice_client, alice):
    item = make_learning_item(alice)

    log(alice_client, item, hours="1", on="2024-05-15")

    item.refresh_from_db()
    assert item.status == "in_progress"


def test_it_takes_the_hours_off_the_item_when_the_activity_is_removed(alice_client, alice):
    item = make_learning_item(alice)
    log(alice_client, item, hours="1", on="2024-05-15")

    alice_client.post(
        reverse("routine:activity_delete", args=[ActivityLog.objects.get(user=alice).pk])
    )

    assert LearningItem.objects.with_hours().get(pk=item.pk).hours_logged == 0


@pytest.mark.parametrize(
    "data, error",
    [
        ({"hours": "0", "on": "2024-05-15"}, "more than 0 hours"),
        ({"hours": "-2", "on": "2024-05-15"}, "more than 0 hours"),
        ({"hours": "25", "on": "2024-05-15"}, "log at most 24 at a time"),
        ({"hours": "lots", "on": "2024-05-15"}, "Enter a number."),
        ({"hours": "1", "on": "2024-05-17"}, "not time you plan to spend"),
        ({"hours": "1", "on": "not a date"}, "Enter a valid date."),
    ],
)
def test_it_refuses_bad_input_with_a_clear_error(alice_client, alice, data, error):
    item = make_learning_item(alice)

    response = log(alice_client, item, **data)

    assert response.status_code == 400
    assert error in response.content.decode()
    assert not ActivityLog.objects.exists()


def browser_accepts(widget_attrs: dict, value: str) -> bool:
    """The HTML rule for <input type=number>: within min..max, and a whole number of steps
    from min (what made 1, 2 and 1.5 invalid when min was 0.1 with a step of 0.5)."""
    low, high = Decimal(widget_attrs["min"]), Decimal(widget_attrs["max"])
    step, number = Decimal(widget_attrs["step"]), Decimal(value)
    return low <= number <= high and (number - low) % step == 0


@pytest.mark.parametrize("hours", ["0.25", "1", "1.5", "2", "2.75", "24"])
def test_it_accepts_whole_half_and_quarter_hours_in_the_browser_and_on_the_server(
    alice_client, alice, hours
):
    from onward.growth.forms import LogTimeForm
    from onward.routine.forms import ActivityForm

    for form in (LogTimeForm(user=alice), ActivityForm()):
        assert browser_accepts(form.fields["hours"].widget.attrs, hours), (form, hours)
    item = make_learning_item(alice)
    response = log(alice_client, item, hours=hours, on="2024-05-14")
    assert response.status_code == 302
    assert ActivityLog.objects.get(user=alice).hours == Decimal(hours)
    assert f"{hours} h logged" in alice_client.get(item.get_absolute_url()).content.decode()


def test_it_shows_a_quarter_hour_as_it_was_logged(alice):
    from onward.routine.progress import MEASURE

    assert MEASURE["learning_hours"].amount(Decimal("1.25")) == "1.25 hours of learning"


def test_it_refuses_time_that_is_not_in_quarter_hours(alice_client, alice):
    item = make_learning_item(alice)
    response = log(alice_client, item, hours="1.3", on="2024-05-14")
    assert response.status_code == 400
    assert "quarter hours" in response.content.decode()
    assert not ActivityLog.objects.exists()
