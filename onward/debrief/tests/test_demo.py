from datetime import timedelta

import pytest
from django.utils import timezone

from onward.core.reminders.models import Reminder
from onward.debrief.demo import add_demo_debriefs
from onward.debrief.models import CompetencyRating, Debrief, Lesson
from onward.testing import make_application, make_contact, make_interview, move
from onward.wellbeing.models import MoodCheckIn

pytestmark = pytest.mark.django_db


def counts():
    return [
        model.objects.count()
        for model in (Debrief, Lesson, MoodCheckIn, CompetencyRating, Reminder)
    ]


def test_it_adds_finished_and_unfinished_debriefs_idempotently(alice):
    start = timezone.now() - timedelta(days=40)
    for index, ending in enumerate(["Rejected", "Rejected", "Ghosted", "Rejected", "Withdrawn"]):
        application = make_application(alice, "Applied", when=start + timedelta(days=index))
        person = make_contact(alice, f"Interviewer {index}")
        make_interview(
            application,
            interviewers=[person],
            starts_at=start + timedelta(days=index + 1),
            notes="They asked about incident reviews.",
        )
        move(application, "Interviewing", when=start + timedelta(days=index + 2))
        move(application, ending, when=start + timedelta(days=index + 10))

    debriefs = add_demo_debriefs(alice)
    assert len(debriefs) == 4  # the withdrawal gets none
    statuses = sorted(Debrief.objects.values_list("status", flat=True))
    assert statuses == ["completed", "completed", "completed", "open"]
    assert Lesson.objects.count() >= 4
    assert Debrief.objects.filter(feedback_state="received").exists()
    assert MoodCheckIn.objects.count() == 4
    before = counts()

    add_demo_debriefs(alice)
    assert counts() == before
