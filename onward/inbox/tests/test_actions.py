"""The next step for each kind, in one click, and undoing it."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from onward.core.reminders.models import Reminder
from onward.inbox.models import InboxSignal, SignalStatus
from onward.network.models import Interaction
from onward.pipeline.models import Application, Company, Interview
from onward.testing import make_application, make_company, make_contact

from .conftest import NOW, make_signal


@pytest.fixture(autouse=True)
def now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def acme(alice):
    return make_company(alice, "Acme", website="https://acme.com")


@pytest.fixture
def application(alice, acme):
    return make_application(
        alice, "Screening", company=acme, title="Data analyst", when=NOW - timedelta(days=5)
    )


def act(client, signal, follow=False):
    return client.post(reverse("inbox:signal_act", args=[signal.pk]), follow=follow)


def undo(client, signal):
    return client.post(reverse("inbox:signal_undo", args=[signal.pk]), follow=True)


def test_an_offer_moves_to_the_offer_stage_and_back(alice_client, alice, application):
    signal = make_signal(alice, kind="offer", application=application, subject="Your offer")
    page = alice_client.get(reverse("inbox:signal_list")).content.decode()
    assert "Move “Data analyst” at Acme to the offer stage" in page
    act(alice_client, signal)
    application.refresh_from_db()
    assert application.stage.name == "Offer"
    assert "Undone." in undo(alice_client, signal).content.decode()
    application.refresh_from_db()
    assert application.stage.name == "Screening"
    signal.refresh_from_db()
    assert signal.status == SignalStatus.NEW and signal.done == {}


def test_a_rejection_undone_puts_the_application_back(alice_client, alice, application):
    signal = make_signal(alice, kind="rejection", application=application)
    act(alice_client, signal)
    application.refresh_from_db()
    assert application.stage.name == "Rejected"
    undo(alice_client, signal)
    application.refresh_from_db()
    assert application.stage.name == "Screening"


def test_an_undo_after_the_application_moved_on_changes_nothing(alice_client, alice, application):
    signal = make_signal(alice, kind="offer", application=application)
    act(alice_client, signal)
    application.refresh_from_db()
    application.move_to(make_stage_named(alice, "Accepted"))
    page = undo(alice_client, signal).content.decode()
    assert "has moved since" in page
    application.refresh_from_db()
    assert application.stage.name == "Accepted"


def make_stage_named(user, name):
    from onward.pipeline.models import Stage

    return Stage.objects.get(user=user, name=name)


def test_an_interview_is_added_on_the_date_the_email_names(alice_client, alice, application):
    when = NOW + timedelta(days=3, hours=2)
    signal = make_signal(
        alice,
        kind="interview",
        application=application,
        subject="Technical interview",
        mentioned_at=when,
    )
    page = alice_client.get(reverse("inbox:signal_list")).content.decode()
    assert "Add the interview on" in page
    act(alice_client, signal)
    interview = Interview.objects.get(application=application)
    assert (interview.starts_at, interview.kind) == (when, "technical")
    undo(alice_client, signal)
    assert not Interview.objects.exists()


def test_an_interview_without_a_date_links_to_the_form(alice_client, alice, application):
    signal = make_signal(alice, kind="interview", application=application)
    page = alice_client.get(reverse("inbox:signal_list")).content.decode()
    assert reverse("pipeline:interview_create", args=[application.pk]) in page
    response = act(alice_client, signal, follow=True)
    assert "names no date" in response.content.decode()
    assert not Interview.objects.exists()


def test_an_assessment_gets_a_reminder_on_its_deadline(alice_client, alice, application):
    deadline = NOW + timedelta(days=4)
    signal = make_signal(alice, kind="assessment", application=application, mentioned_at=deadline)
    act(alice_client, signal)
    reminder = Reminder.objects.get(user=alice, key=f"inbox-assessment:{signal.pk}")
    assert reminder.due_at == deadline and reminder.application == application
    undo(alice_client, signal)
    assert not Reminder.objects.filter(key=f"inbox-assessment:{signal.pk}").exists()


def test_an_assessment_without_a_deadline_is_reminded_of_in_a_week(alice, application):
    from onward.inbox.actions import take_next_step

    signal = make_signal(alice, kind="assessment", application=application)
    take_next_step(signal)
    assert Reminder.objects.get(user=alice).due_at == signal.received_at + timedelta(days=7)


def test_an_acknowledgement_marks_a_wishlist_application_applied(alice_client, alice, acme):
    wish = make_application(alice, "Wishlist", company=acme, title="Analyst", when=NOW)
    signal = make_signal(alice, kind="acknowledgement", application=wish)
    act(alice_client, signal)
    wish.refresh_from_db()
    assert wish.stage.name == "Applied"


def test_an_acknowledgement_of_an_untracked_application_adds_it(alice_client, alice):
    signal = make_signal(
        alice,
        kind="acknowledgement",
        company_name="Lumen Robotics",
        role="Backend Engineer",
        received_at=NOW - timedelta(days=1),
    )
    page = alice_client.get(reverse("inbox:signal_list")).content.decode()
    assert "Add “Backend Engineer” at Lumen Robotics as applied" in page
    act(alice_client, signal)
    added = Application.objects.get(user=alice)
    assert (added.title, added.company.name, added.stage.name) == (
        "Backend Engineer", "Lumen Robotics", "Applied",
    )  # fmt: skip
    assert added.applied_on == (NOW - timedelta(days=1)).date()
    undo(alice_client, signal)
    assert not Application.objects.exists()
    assert not Company.objects.filter(user=alice).exists()  # it came with the application


def test_an_untracked_acknowledgement_reuses_a_company_of_the_same_name(alice, acme):
    from onward.inbox.actions import take_next_step, undo

    signal = make_signal(alice, kind="acknowledgement", company_name="ACME Inc.", role="Analyst")
    take_next_step(signal)
    assert Application.objects.get().company == acme
    undo(signal)
    assert Company.objects.filter(pk=acme.pk).exists()  # it was there before: it stays


def test_logging_is_undone_too(alice_client, alice, application):
    ana = make_contact(alice, "Ana", email="ana@acme.com")
    signal = make_signal(alice, kind="other", contact=ana)
    alice_client.post(reverse("inbox:signal_log", args=[signal.pk]))
    assert Interaction.objects.filter(contact=ana).exists()
    undo(alice_client, signal)
    assert not Interaction.objects.exists()


def test_choosing_among_candidates(alice_client, alice, acme):
    first = make_application(alice, "Applied", company=acme, title="Analyst")
    second = make_application(alice, "Applied", company=acme, title="Engineer")
    signal = make_signal(alice, kind="rejection", company=acme)
    signal.candidates.set([first, second])
    page = alice_client.get(reverse("inbox:signal_list")).content.decode()
    assert "Which application is it about?" in page
    alice_client.post(reverse("inbox:signal_choose", args=[signal.pk]), {"application": second.pk})
    signal.refresh_from_db()
    assert signal.application == second and not signal.candidates.exists()
    assert "Mark “Engineer” at Acme as rejected" in (
        alice_client.get(reverse("inbox:signal_list")).content.decode()
    )


def test_only_a_candidate_can_be_chosen(alice_client, alice, bob, acme):
    mine = make_application(alice, "Applied", company=acme, title="Analyst")
    other = make_application(alice, "Applied", company=acme, title="Not a candidate")
    bobs = make_application(bob, "Applied", title="Bob's")
    signal = make_signal(alice, kind="rejection", company=acme)
    signal.candidates.set([mine])
    for wrong in (other.pk, bobs.pk, "x"):
        page = alice_client.post(
            reverse("inbox:signal_choose", args=[signal.pk]), {"application": wrong}, follow=True
        ).content.decode()
        assert "Choose one of the applications listed." in page
    signal.refresh_from_db()
    assert signal.application is None


def test_nothing_to_undo_on_a_new_signal(alice_client, alice):
    signal = make_signal(alice)
    assert "nothing to undo" in undo(alice_client, signal).content.decode()


def test_an_uncertain_kind_is_shown_as_a_guess(alice_client, alice):
    make_signal(alice, kind="rejection", confidence=0.45)
    page = alice_client.get(reverse("inbox:signal_list")).content.decode()
    assert "Rejection?" in page and "a guess" in page


def test_the_list_makes_few_queries(alice_client, alice, acme, django_assert_max_num_queries):
    for i in range(12):
        application = make_application(alice, "Applied", company=acme, title=f"Role {i}")
        signal = make_signal(alice, kind="rejection", application=application, company=acme)
        signal.candidates.set([application])
        make_signal(alice, kind="offer", status=SignalStatus.HANDLED, handled_at=NOW)
    with django_assert_max_num_queries(12):
        assert alice_client.get(reverse("inbox:signal_list")).status_code == 200
    assert InboxSignal.objects.count() == 24


def test_a_message_dealt_with_is_listed_with_its_undo_in_the_page_not_its_title(
    alice_client, alice, application
):
    signal = make_signal(alice, kind="offer", application=application, subject="Your offer")
    act(alice_client, signal)
    page = alice_client.get(reverse("inbox:signal_list")).content.decode()
    title = page.split("<title>")[1].split("</title>")[0]
    assert "Recently dealt with" not in title
    main = page.split("<main")[1]
    assert "Recently dealt with" in main
    assert reverse("inbox:signal_undo", args=[signal.pk]) in main


def test_a_kind_the_user_chose_is_applied_only_with_its_step(alice_client, alice, application):
    # A second opinion the user applied: the signal takes the kind, then its step is taken.
    signal = make_signal(
        alice, kind="other", confidence=0.3, application=application, subject="Next steps"
    )
    url = reverse("inbox:signal_act", args=[signal.pk])

    unknown = alice_client.post(url, {"kind": "ghosting"}, follow=True).content.decode()
    nothing_to_do = alice_client.post(url, {"kind": "other"}, follow=True).content.decode()
    no_date = alice_client.post(url, {"kind": "interview"}, follow=True).content.decode()

    assert "not a kind of message Onward knows" in unknown
    assert "nothing to do for this message" in nothing_to_do
    assert "The email names no date" in no_date
    signal.refresh_from_db()
    # A step that could not be taken leaves the classifier's kind as it was.
    assert (signal.kind, signal.confidence, signal.status) == ("other", 0.3, SignalStatus.NEW)

    alice_client.post(url, {"kind": "offer"})
    signal.refresh_from_db()
    application.refresh_from_db()
    assert (signal.kind, signal.confidence, signal.status) == ("offer", 1.0, SignalStatus.HANDLED)
    assert application.stage.name == "Offer"
