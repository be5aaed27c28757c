"""Mail is written by strangers, and users disconnect when they like: one odd message or a
mailbox removed mid-check never stops the inbox checks."""

import pytest

from onward.inbox import jobs
from onward.inbox.classify import Verdict
from onward.inbox.jobs import check_inboxes
from onward.inbox.models import InboxSignal, Mailbox
from onward.testing import make_company

from .conftest import NOW, make_mailbox


@pytest.fixture
def acme(alice):
    return make_company(alice, "Acme", website="https://www.acme.com/careers")


def deliver_raw(server, raw: bytes) -> None:
    uid = max((u for u, _, _ in server.messages), default=0) + 1
    server.messages.append((uid, NOW.date(), raw))


def test_a_sender_name_in_raw_utf8_is_stored_readably(server, alice, acme):
    make_mailbox(alice)
    deliver_raw(
        server,
        "From: José Pérez <jose@acme.com>\nSubject: Your application\nMessage-ID: <x1@acme.com>"
        "\n\nHello".encode(),
    )
    check_inboxes(now=NOW)
    assert Mailbox.objects.get().last_error == ""
    assert InboxSignal.objects.get().from_name == "José Pérez"


def test_a_nul_in_an_encoded_subject_is_dropped(server, alice, acme):
    make_mailbox(alice)
    deliver_raw(
        server,
        b"From: Ana <ana@acme.com>\nSubject: =?utf-8?q?Your=00application?=\n"
        b"Message-ID: <x2@acme.com>\n\nHello",
    )
    check_inboxes(now=NOW)
    assert Mailbox.objects.get().last_error == ""
    assert InboxSignal.objects.get().subject == "Yourapplication"


def test_a_message_the_database_refuses_is_skipped_not_retried_forever(
    server, alice, acme, monkeypatch
):
    make_mailbox(alice)
    deliver_raw(server, b"From: Ana <ana@acme.com>\nSubject: odd\nMessage-ID: <x3@acme.com>\n\nHi")
    deliver_raw(server, b"From: Ana <ana@acme.com>\nSubject: fine\nMessage-ID: <x4@acme.com>\n\nHi")

    # A stand-in for whatever a database may refuse that the parser did not foresee: a lone
    # surrogate, which neither SQLite nor PostgreSQL can encode, in the first message.
    def odd_kind(subject, text):
        kind = "\udce9" if subject == "odd" else "other"
        return Verdict(kind=kind, confidence=1.0, scores={})

    with monkeypatch.context() as patch:
        patch.setattr(jobs, "classify_text", odd_kind)
        check_inboxes(now=NOW)
    assert list(InboxSignal.objects.values_list("subject", flat=True)) == ["fine"]
    mailbox = Mailbox.objects.get()
    assert mailbox.last_uid == 2  # moved on past both
    deliver_raw(server, b"From: Ana <ana@acme.com>\nSubject: next\nMessage-ID: <x5@acme.com>\n\nHi")
    mailbox.checked_at = None
    mailbox.save()
    check_inboxes(now=NOW)
    assert InboxSignal.objects.filter(subject="next").exists()


def test_a_mailbox_disconnected_during_its_check_does_not_stop_the_others(
    server, alice, bob, acme, monkeypatch
):
    make_company(bob, "Acme", website="https://acme.com")
    make_mailbox(alice)
    make_mailbox(bob)
    deliver_raw(server, b"From: Ana <ana@acme.com>\nSubject: hi\nMessage-ID: <x6@acme.com>\n\nHi")
    real = jobs.imap.fetch_new

    def fetch_then_disconnect(*args, **kwargs):
        fetched = real(*args, **kwargs)
        Mailbox.objects.filter(user=alice).delete()  # the user clicks "Disconnect" meanwhile
        return fetched

    monkeypatch.setattr(jobs.imap, "fetch_new", fetch_then_disconnect)
    summary = check_inboxes(now=NOW)
    assert "checked" in summary
    assert not Mailbox.objects.filter(user=alice).exists()
    assert Mailbox.objects.get(user=bob).checked_at == NOW
