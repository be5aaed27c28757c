"""Correctable history: a move recorded "now" (a drag) can be given its real date, any move
can be re-dated or removed, the order rule holds, every correction is recorded (who, when,
old value), and the insights measure time in stage from the corrected dates."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from onward.core.reminders.models import Reminder, ReminderKind
from onward.insights.durations import days_in_stage
from onward.insights.metrics import Filters, applications, funnel_steps
from onward.pipeline.corrections import redate_move, remove_move
from onward.pipeline.models import StageChangeCorrection
from onward.testing import make_application, move, stage

pytestmark = pytest.mark.django_db
NOW = datetime(2025, 3, 10, 10, 0, tzinfo=UTC)
DAY = timedelta(days=1)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def history(application):
    return [
        (c.from_stage.name if c.from_stage else None, c.to_stage.name, c.changed_at)
        for c in application.stage_changes.select_related("from_stage", "to_stage")
    ]


def test_a_drag_recorded_now_can_be_redated_so_a_later_backdated_move_fits(alice):
    """The reported trap: the drag dates Screening today, so Interviewing (really on the 5th)
    was refused. Re-dating the drag first makes room for it."""
    application = make_application(alice, "Applied", when=NOW - 20 * DAY)
    dragged = move(application, "Screening")  # recorded now
    with pytest.raises(ValidationError):
        move(application, "Interviewing", when=NOW - 5 * DAY)
    redate_move(dragged, NOW - 8 * DAY, by=alice)
    move(application, "Interviewing", when=NOW - 5 * DAY)
    assert [h[2] for h in history(application)] == [NOW - 20 * DAY, NOW - 8 * DAY, NOW - 5 * DAY]
    application.refresh_from_db()
    assert application.stage_changed_at == NOW - 5 * DAY
    [correction] = StageChangeCorrection.objects.all()
    assert (correction.action, correction.move) == ("redated", "Applied → Screening")
    assert (correction.old_changed_at, correction.new_changed_at) == (NOW, NOW - 8 * DAY)
    assert correction.corrected_by == alice and correction.corrected_at == NOW


@pytest.mark.parametrize(
    ("when", "message"),
    [
        (NOW - 25 * DAY, "before the move before it"),
        (NOW - 2 * DAY, "after the move after it"),
        (NOW + 2 * DAY, "in the future"),
        (datetime(1970, 1, 1, tzinfo=UTC), "too far in the past"),
    ],
)
def test_a_redate_keeps_the_order(alice, when, message):
    application = make_application(alice, "Applied", when=NOW - 20 * DAY)
    middle = move(application, "Screening", when=NOW - 10 * DAY)
    move(application, "Interviewing", when=NOW - 3 * DAY)
    with pytest.raises(ValidationError, match=message):
        redate_move(middle, when, by=alice)
    assert not StageChangeCorrection.objects.exists()


def test_removing_a_move_mends_the_history_and_records_it(alice):
    application = make_application(alice, "Applied", when=NOW - 20 * DAY)
    mistake = move(application, "Screening", when=NOW - 10 * DAY)
    move(application, "Interviewing", when=NOW - 3 * DAY)
    remove_move(mistake, by=alice)
    assert [h[:2] for h in history(application)] == [(None, "Applied"), ("Applied", "Interviewing")]
    [correction] = StageChangeCorrection.objects.all()
    assert (correction.action, correction.old_changed_at) == ("removed", NOW - 10 * DAY)
    last = move(application, "Rejected", when=NOW - 1 * DAY)
    remove_move(last, by=alice)
    application.refresh_from_db()
    assert application.stage == stage(alice, "Interviewing")
    assert application.stage_changed_at == NOW - 3 * DAY


def test_the_first_move_cannot_be_removed(alice):
    application = make_application(alice, "Applied", when=NOW - 20 * DAY)
    with pytest.raises(ValidationError, match="started"):
        remove_move(application.stage_changes.get(), by=alice)


def test_insights_measure_time_in_stage_from_the_corrected_dates(alice):
    application = make_application(alice, "Applied", when=NOW - 20 * DAY)
    screening = move(application, "Screening")  # dragged today: 20 days in Applied
    steps = funnel_steps(alice)
    applied = next(i for i, s in enumerate(steps) if s.name == "Applied")

    def days_in_applied():
        return days_in_stage(applications(alice, Filters()), steps)[applied].days

    assert days_in_applied() == 20
    redate_move(screening, NOW - 14 * DAY, by=alice)
    assert days_in_applied() == 6


def test_a_redated_rejection_moves_the_thank_you(alice):
    application = make_application(alice, "Interviewing", when=NOW - 20 * DAY)
    rejection = move(application, "Rejected", when=NOW - 2 * DAY)
    redate_move(rejection, NOW - timedelta(hours=6), by=alice)
    application.debrief.refresh_from_db()
    assert application.debrief.ended_at == NOW - timedelta(hours=6)
    reminder = Reminder.objects.get(kind=ReminderKind.THANK_YOU)
    assert reminder.due_at == NOW + timedelta(hours=18)


def test_the_pages_correct_and_remove_and_keep_others_out(alice_client, alice, bob):
    bob_client = Client()
    bob_client.force_login(bob)
    application = make_application(alice, "Applied", when=NOW - 20 * DAY)
    change = move(application, "Screening")
    url = reverse("pipeline:move_edit", args=[change.pk])
    page = alice_client.get(application.get_absolute_url()).content.decode()
    assert url in page  # "Correct" beside each move in the timeline
    assert bob_client.get(url).status_code == 404
    assert bob_client.post(url, {"when": "2025-03-01T09:00"}).status_code == 404
    refused = alice_client.post(url, {"when": "2025-02-01T09:00"})
    assert refused.status_code == 400 and "before the move before it" in refused.content.decode()
    response = alice_client.post(url, {"when": "2025-03-01T09:00"})
    assert response.status_code == 302
    change.refresh_from_db()
    assert change.changed_at.date().isoformat() == "2025-03-01"
    assert "Re-dated" in alice_client.get(url).content.decode()
    remove = reverse("pipeline:move_remove", args=[change.pk])
    assert bob_client.post(remove).status_code == 404
    assert alice_client.post(remove).status_code == 302
    assert application.stage_changes.count() == 1


def test_the_board_offers_to_date_a_drag_right_after(alice_client, alice):
    application = make_application(alice, "Applied", when=NOW - 20 * DAY)
    response = alice_client.post(
        reverse("pipeline:application_move", args=[application.pk]),
        {"stage": stage(alice, "Screening").pk},
        headers={"HX-Request": "true"},
    )
    change = application.stage_changes.order_by("-pk").first()
    assert reverse("pipeline:move_edit", args=[change.pk]) in response.content.decode()
