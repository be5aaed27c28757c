"""The demo account shows the inbox checks at work (it has no mailbox to read)."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from onward.inbox.models import InboxSignal, SignalKind
from onward.pipeline.models import StageKind


def demo_signals() -> dict[str, InboxSignal]:
    return {signal.kind: signal for signal in InboxSignal.objects.select_related("application")}


def test_the_demo_has_an_invitation_and_a_rejection_to_act_on(db):
    call_command("demo", password="a long demo passphrase 42", stdout=StringIO())
    signals = demo_signals()
    assert set(signals) == {SignalKind.INTERVIEW, SignalKind.REJECTION}
    invitation, rejection = signals[SignalKind.INTERVIEW], signals[SignalKind.REJECTION]
    assert invitation.contact is not None and invitation.from_address == invitation.contact.email
    assert rejection.application.stage.kind == StageKind.ACTIVE  # still open: one click to close
    assert rejection.from_address.endswith(rejection.company.website.split("//")[1].strip("/"))

    client = Client()
    client.force_login(get_user_model().objects.get(username="demo"))
    html = client.get(reverse("inbox:signal_list")).content.decode()
    assert f"Mark “{rejection.application.title}”" in html

    call_command("demo", stdout=StringIO())  # again: replaced, not duplicated
    assert InboxSignal.objects.count() == 2
