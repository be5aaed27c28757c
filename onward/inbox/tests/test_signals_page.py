"""The list of what the inbox checks found, and acting on each signal once."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from onward.core.reminders.models import Reminder
from onward.debrief.models import Debrief
from onward.inbox.models import InboxSignal, SignalStatus
from onward.network.models import Interaction
from onward.testing import make_application, make_company, make_contact

from .conftest import NOW, make_mailbox, make_signal


@pytest.fixture(autouse=True)
def now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def application(alice):
    acme = make_company(alice, "Acme", website="https://acme.com")
    return make_application(
        alice, "Interviewing", company=acme, title="Data analyst", when=NOW - timedelta(days=5)
    )


def test_it_lists_new_signals_newest_first(alice_client, alice, bob):
    make_signal(alice, subject="Older", received_at=NOW - timedelta(days=2))
    make_signal(alice, subject="Newer", received_at=NOW - timedelta(hours=1))
    make_signal(alice, subject="Dealt with", status=SignalStatus.HANDLED)
    make_signal(bob, subject="Bob's")
    page = alice_client.get(reverse("inbox:signal_list")).content.decode()
    assert page.index("Newer") < page.index("Older")
    assert "Dealt with" not in page and "Bob&#x27;s" not in page


def test_it_suggests_marking_a_rejection(alice_client, alice, application):
    make_signal(alice, kind="rejection", application=application, company=application.company)
    page = alice_client.get(reverse("inbox:signal_list")).content.decode()
    assert "Mark “Data analyst” at Acme as rejected" in page


def test_it_suggests_logging_a_reply_on_the_contact(alice_client, alice, application):
    ana = make_contact(alice, "Ana Ortiz", email="ana@acme.com")
    make_signal(alice, kind="interview", contact=ana, application=application)
    page = alice_client.get(reverse("inbox:signal_list")).content.decode()
    assert "Log it on Ana Ortiz" in page
    assert application.get_absolute_url() in page


def test_senders_text_is_escaped(alice_client, alice):
    make_signal(
        alice,
        subject="<script>alert(1)</script>",
        from_name="<img src=x onerror=alert(2)>",
        snippet="<b>bold</b>",
    )
    page = alice_client.get(reverse("inbox:signal_list")).content.decode()
    assert "<script>alert(1)" not in page and "<img src=x" not in page and "<b>bold" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_marking_as_rejected_moves_the_application_and_opens_the_debrief(
    alice_client, alice, application
):
    signal = make_signal(
        alice,
        kind="rejection",
        subject="Your application",
        application=application,
        received_at=NOW - timedelta(hours=3),
    )
    response = alice_client.post(reverse("inbox:signal_act", args=[signal.pk]))

    application.refresh_from_db()
    assert application.stage.name == "Rejected"
    assert application.stage_changed_at == NOW - timedelta(hours=3)
    change = application.stage_changes.order_by("-pk").first()
    assert change is not None and change.note == "Email: Your application"
    debrief = Debrief.objects.get(application=application)
    assert response.status_code == 302 and response.url == debrief.get_absolute_url()
    signal.refresh_from_db()
    assert signal.status == SignalStatus.HANDLED and signal.handled_at == NOW


def test_a_rejection_dated_before_the_last_move_is_recorded_now(alice_client, alice, application):
    signal = make_signal(
        alice, kind="rejection", application=application, received_at=NOW - timedelta(days=30)
    )
    alice_client.post(reverse("inbox:signal_act", args=[signal.pk]))
    application.refresh_from_db()
    assert application.stage.name == "Rejected"
    assert application.stage_changed_at == NOW - timedelta(days=5)


def test_a_signal_is_acted_on_once(alice_client, alice, application):
    signal = make_signal(alice, kind="rejection", application=application)
    alice_client.post(reverse("inbox:signal_act", args=[signal.pk]))
    changes = application.stage_changes.count()
    response = alice_client.post(reverse("inbox:signal_act", args=[signal.pk]), follow=True)
    assert "already dealt with" in response.content.decode()
    assert application.stage_changes.count() == changes


def test_without_an_open_application_nothing_moves(alice_client, alice):
    signal = make_signal(alice, kind="rejection")
    response = alice_client.post(reverse("inbox:signal_act", args=[signal.pk]), follow=True)
    assert "There is no open application to mark as rejected." in response.content.decode()
    signal.refresh_from_db()
    assert signal.status == SignalStatus.NEW


def test_logging_it_records_an_interaction_and_moves_the_follow_up(
    alice_client, alice, application
):
    ana = make_contact(alice, "Ana Ortiz", email="ana@acme.com")
    ana.set_cadence(4, today=(NOW - timedelta(days=60)).date())
    signal = make_signal(
        alice,
        kind="other",
        contact=ana,
        application=application,
        subject="Re: coffee",
        snippet="Sounds good.",
        received_at=NOW - timedelta(days=1),
    )
    response = alice_client.post(reverse("inbox:signal_log", args=[signal.pk]), follow=True)

    assert "Logged on Ana Ortiz." in response.content.decode()
    interaction = Interaction.objects.get(contact=ana)
    assert interaction.happened_on == (NOW - timedelta(days=1)).date()
    assert interaction.channel == "email" and interaction.application == application
    assert interaction.summary == "Email: Re: coffee\n\nSounds good."
    follow_up = Reminder.objects.for_target(ana).get(done_at__isnull=True)
    assert follow_up.key == f"cadence:{(NOW - timedelta(days=1) + timedelta(weeks=4)).date()}"
    signal.refresh_from_db()
    assert signal.status == SignalStatus.HANDLED


def test_logging_needs_a_contact(alice_client, alice):
    signal = make_signal(alice, kind="other")
    response = alice_client.post(reverse("inbox:signal_log", args=[signal.pk]), follow=True)
    assert "not from one of your contacts" in response.content.decode()
    assert not Interaction.objects.exists()


def test_dismissing(alice_client, alice):
    signal = make_signal(alice, subject="Not relevant")
    alice_client.post(reverse("inbox:signal_dismiss", args=[signal.pk]))
    signal.refresh_from_db()
    assert signal.status == SignalStatus.DISMISSED
    page = alice_client.get(reverse("inbox:signal_list")).content.decode()
    assert f'id="signal-{signal.pk}"' not in page
    # It waits under "Recently dealt with", to be undone.
    assert (
        f'id="recent-{signal.pk}"' in page
        and reverse("inbox:signal_undo", args=[signal.pk]) in page
    )


@pytest.mark.parametrize(
    "action", ["signal_act", "signal_log", "signal_dismiss", "signal_undo", "signal_choose"]
)
def test_another_users_signal_is_a_404(bob_client, alice, application, action):
    ana = make_contact(alice, "Ana", email="ana@acme.com")
    signal = make_signal(alice, kind="rejection", contact=ana, application=application)
    assert bob_client.post(reverse(f"inbox:{action}", args=[signal.pk])).status_code == 404
    signal.refresh_from_db()
    assert signal.status == SignalStatus.NEW
    assert not Interaction.objects.exists()
    application.refresh_from_db()
    assert application.stage.name == "Interviewing"


def test_the_list_shows_the_last_error(alice_client, alice):
    make_mailbox(alice, last_error="The server said: bad password")
    page = alice_client.get(reverse("inbox:signal_list")).content.decode()
    assert "The last inbox check failed: The server said: bad password" in page


def test_a_signal_stays_once_per_message(alice):
    from django.db import IntegrityError, transaction

    make_signal(alice, message_id="<same@acme.com>")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_signal(alice, message_id="<same@acme.com>")
    assert InboxSignal.objects.count() == 1
