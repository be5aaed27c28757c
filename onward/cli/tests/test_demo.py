import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from onward.network.models import Contact
from onward.pipeline.models import (
    Application,
    ApplicationContact,
    Company,
    Interview,
    Note,
    Stage,
    StageChange,
)
from onward.testing import make_application, make_user

User = get_user_model()


def demo_user():
    return User.objects.get(username="demo")


def snapshot(user) -> dict:
    """What the demo consists of, by content rather than by id or exact date."""
    applications = Application.objects.for_user(user)
    return {
        "applications": sorted(
            applications.values_list("company__name", "title", "stage__name", "source")
        ),
        "companies": Company.objects.for_user(user).count(),
        "contacts": sorted(Contact.objects.for_user(user).values_list("name", flat=True)),
        "links": ApplicationContact.objects.for_user(user).count(),
        "changes": StageChange.objects.for_user(user).count(),
        "interviews": Interview.objects.for_user(user).count(),
        "notes": Note.objects.for_user(user).count(),
    }


@pytest.fixture(scope="module")
def demo_password(django_db_setup, django_db_blocker):
    """One demo for the module (building it is the slow part): the tests that change it do so
    inside their own transaction, which is rolled back. Returns the printed password."""
    with django_db_blocker.unblock():
        out = io.StringIO()
        with transaction.atomic():  # one commit, not one per row
            call_command("demo", stdout=out)
        yield out.getvalue().split("Password (shown once):")[1].split()[0]
        remove_demo()


def remove_demo():
    user = User.objects.filter(username="demo").first()
    if user is not None:
        Application.objects.for_user(user).delete()  # their stages are protected
        user.delete()


@pytest.fixture
def demo(db, demo_password):
    return demo_password


def test_it_builds_a_job_search_across_every_stage(demo):
    user = demo_user()
    applications = Application.objects.for_user(user)
    assert 35 <= applications.count() <= 45
    assert 20 <= Company.objects.for_user(user).count() <= 30
    # About 20 people met through applications, plus the network app's mentors, friends and peers.
    assert 20 <= Contact.objects.for_user(user).count() <= 40
    stages_used = set(applications.values_list("stage__name", flat=True))
    all_stages = set(Stage.objects.for_user(user).values_list("name", flat=True))
    # The story ends with offers pending: nothing is accepted while applications go on.
    assert stages_used == all_stages - {"Accepted"}
    assert len(stages_used) == 9
    assert Interview.objects.for_user(user).filter(interviewers__isnull=False).exists()
    assert Note.objects.for_user(user).exists()
    assert len(set(applications.values_list("source", flat=True))) > 3
    assert len(set(applications.values_list("work_mode", flat=True))) == 3
    assert len(set(applications.values_list("resume_version", flat=True))) > 2


def test_it_gives_every_application_an_ordered_history_ending_in_its_stage(demo):
    now = timezone.now()
    for application in Application.objects.for_user(demo_user()):
        history = list(application.stage_changes.order_by("changed_at", "pk"))
        assert history[0].from_stage is None
        assert history[-1].to_stage_id == application.stage_id
        assert application.stage_changed_at == history[-1].changed_at
        for before, after in zip(history, history[1:], strict=False):
            assert after.from_stage_id == before.to_stage_id
            assert before.changed_at <= after.changed_at
        assert (now - history[0].changed_at).days <= 93
        assert history[-1].changed_at <= now


def test_a_random_password_is_printed_once_and_a_rerun_keeps_it_and_duplicates_nothing(
    demo, capsys
):
    assert demo_user().check_password(demo)
    first = snapshot(demo_user())

    call_command("demo")

    assert "unchanged" in capsys.readouterr().out
    assert demo_user().check_password(demo)
    assert User.objects.filter(username="demo").count() == 1
    assert snapshot(demo_user()) == first


def test_it_never_uses_a_fixed_password(demo):
    first = demo_user().password
    remove_demo()

    call_command("demo")

    assert demo_user().password != first


def test_it_leaves_other_users_alone(demo):
    alice = make_user("alice")
    make_application(alice)

    call_command("demo", password="demo pass phrase 1")  # replaces the demo's data

    assert Application.objects.for_user(alice).count() == 1
    assert demo_user().check_password("demo pass phrase 1")


def test_it_refuses_to_replace_a_real_user_called_demo(demo):
    remove_demo()
    person = make_user("demo")
    make_application(person)

    with pytest.raises(CommandError, match="not the demo account"):
        call_command("demo")
    assert Application.objects.for_user(person).count() == 1


def test_it_includes_debriefs_a_network_and_a_routine(demo):
    from onward.debrief.models import Debrief, DebriefStatus
    from onward.network.models import Interaction
    from onward.routine.models import ActivityLog, WeeklyReview
    from onward.wellbeing.models import MoodCheckIn

    user = demo_user()
    statuses = set(Debrief.objects.for_user(user).values_list("status", flat=True))
    assert {DebriefStatus.OPEN, DebriefStatus.COMPLETED} <= statuses
    assert Contact.objects.for_user(user).filter(support_circle=True).count() >= 4
    assert Interaction.objects.for_user(user).exists()
    assert ActivityLog.objects.for_user(user).exists()
    assert WeeklyReview.objects.for_user(user).count() >= 2
    assert MoodCheckIn.objects.for_user(user).count() >= 10


def test_it_tells_one_coherent_story(db):
    """Offers pending at the end (nothing accepted while applications go on), lessons that fit
    the stage they came from and never repeat, a strategy experiment, and thank-you lines the
    persona chose to share."""
    from onward.debrief.models import Debrief, Lesson
    from onward.debrief.taxonomy import StageReached
    from onward.pipeline.offers import Offer
    from onward.strategy.models import Experiment

    call_command("demo", password="demo pass phrase 1")
    user = demo_user()
    applications = Application.objects.for_user(user)
    assert not applications.filter(stage__kind="won").exists()
    offers = Offer.objects.for_user(user)
    assert offers.count() == applications.filter(stage__kind="offer").count() >= 2
    lessons = list(Lesson.objects.for_user(user).select_related("debrief"))
    assert len(lessons) >= 15
    assert len({lesson.text for lesson in lessons}) == len(lessons)
    for lesson in lessons:
        assert lesson.stage == lesson.debrief.stage_reached
        if lesson.stage in (StageReached.APPLICATION, StageReached.SCREEN):
            words = lesson.text.lower()
            assert "design" not in words and "interview" not in words, lesson.text
    assert Experiment.objects.filter(user=user).exists()
    assert Debrief.objects.for_user(user).exclude(thank_you_detail="").exists()
