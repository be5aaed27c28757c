from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from onward.pipeline.history import furthest_position
from onward.pipeline.models import Application, StageChange
from onward.testing import make_application, make_user, stage


def test_it_records_the_first_stage_when_an_application_is_created(alice):
    application = make_application(alice, "Applied")
    history = list(application.stage_changes.all())
    assert len(history) == 1
    assert history[0].from_stage is None
    assert history[0].to_stage.name == "Applied"


def test_it_records_every_move_with_from_to_and_note(alice):
    application = make_application(alice, "Applied")
    application.move_to(stage(alice, "Screening"), note="Recruiter called")
    application.move_to(stage(alice, "Interviewing"))
    moves = [(c.from_stage and c.from_stage.name, c.to_stage.name, c.note)
             for c in application.stage_changes.all()]  # fmt: skip
    assert moves == [
        (None, "Applied", ""),
        ("Applied", "Screening", "Recruiter called"),
        ("Screening", "Interviewing", ""),
    ]
    application.refresh_from_db()
    assert application.stage.name == "Interviewing"


def test_it_does_not_record_a_move_to_the_current_stage(alice):
    application = make_application(alice, "Applied")
    assert application.move_to(stage(alice, "Applied")) is None
    assert application.stage_changes.count() == 1


def test_it_accepts_a_back_dated_move_and_keeps_the_date(alice):
    start = timezone.now() - timedelta(days=30)
    application = make_application(alice, "Applied", when=start)
    when = timezone.now() - timedelta(days=10)
    change = application.move_to(stage(alice, "Screening"), when=when)
    assert change.changed_at == when
    application.refresh_from_db()
    assert application.stage_changed_at == when


def test_it_refuses_a_move_dated_before_the_previous_one(alice):
    application = make_application(alice, "Applied", when=timezone.now() - timedelta(days=5))
    with pytest.raises(ValidationError, match="before the previous one"):
        application.move_to(stage(alice, "Screening"), when=timezone.now() - timedelta(days=6))
    assert application.stage_changes.count() == 1


def test_it_refuses_a_move_dated_in_the_future(alice):
    application = make_application(alice, "Applied")
    with pytest.raises(ValidationError, match="future"):
        application.move_to(stage(alice, "Screening"), when=timezone.now() + timedelta(days=2))


def test_it_refuses_another_users_stage(alice):
    bob = make_user("bob")
    application = make_application(alice, "Applied")
    with pytest.raises(ValidationError):
        application.move_to(stage(bob, "Screening"))


def test_the_history_changes_only_through_a_recorded_correction(alice):
    application = make_application(alice, "Applied")
    change = application.stage_changes.get()
    change.note = "rewritten"
    with pytest.raises(ValidationError, match="pipeline.corrections"):
        change.save()
    assert StageChange.objects.get(pk=change.pk).note == ""


def test_it_annotates_the_furthest_stage_reached_even_after_moving_back_or_losing(alice):
    application = make_application(alice, "Applied")
    application.move_to(stage(alice, "Final round"))
    application.move_to(stage(alice, "Interviewing"))  # moved back
    application.move_to(stage(alice, "Rejected"))
    annotated = Application.objects.with_furthest_position(alice).get(pk=application.pk)
    assert annotated.furthest_position == stage(alice, "Final round").position


def test_the_furthest_position_maps_only_the_stages_it_is_given(alice):
    application = make_application(alice, "Applied")
    application.move_to(stage(alice, "Rejected"))
    applications = Application.objects.filter(pk=application.pk)
    only_rejected = {stage(alice, "Rejected").pk: 99}
    assert applications.annotate(f=furthest_position(only_rejected)).get().f == 99
    assert applications.annotate(f=furthest_position({})).get().f is None
