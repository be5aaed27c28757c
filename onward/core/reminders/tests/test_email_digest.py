from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from onward.accounts.models import profile_for
from onward.core.reminders.jobs import email_due_reminders
from onward.core.reminders.models import Reminder
from onward.testing import make_reminder, make_user, run_at_once

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


@pytest.fixture
def smtp(settings):
    settings.ONWARD_SMTP_ENABLED = True
    settings.SITE_URL = "https://onward.example.org"
    return settings


def test_it_emails_one_digest_per_user_with_each_due_reminder(smtp, alice, bob):
    make_reminder(alice, title="Thank Ana for her time", due_at=NOW - timedelta(hours=2))
    make_reminder(alice, title="Follow up with Harbor", due_at=NOW - timedelta(days=1))
    make_reminder(bob, title="Check for openings at Acme", due_at=NOW - timedelta(minutes=1))
    make_reminder(alice, title="Not yet", due_at=NOW + timedelta(hours=1))
    make_reminder(alice, title="Already done", due_at=NOW - timedelta(days=2), done_at=NOW)

    assert email_due_reminders(now=NOW) == "2 digest(s) sent"

    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {"alice@example.org", "bob@example.org"}
    alice_mail = by_recipient["alice@example.org"]
    assert alice_mail.subject == "Onward: 2 things are due"
    assert "Thank Ana for her time" in alice_mail.body
    assert "Follow up with Harbor" in alice_mail.body
    assert "Not yet" not in alice_mail.body and "Already done" not in alice_mail.body
    assert "https://onward.example.org/due/" in alice_mail.body
    assert by_recipient["bob@example.org"].subject == "Onward: Check for openings at Acme"


def test_a_title_with_a_line_break_still_makes_a_one_line_subject(smtp, alice):
    make_reminder(alice, title="Thank Ana\x0bBcc: x@example.org", due_at=NOW - timedelta(hours=1))

    assert email_due_reminders(now=NOW) == "1 digest(s) sent"

    [message] = mail.outbox
    assert message.subject == "Onward: Thank Ana Bcc: x@example.org"
    assert message.message()["Bcc"] is None


def test_a_second_pass_sends_nothing_new(smtp, alice):
    make_reminder(alice, title="Thank Ana", due_at=NOW - timedelta(hours=1))
    email_due_reminders(now=NOW)
    assert email_due_reminders(now=NOW + timedelta(minutes=1)) == "0 digest(s) sent"
    assert len(mail.outbox) == 1


def test_a_snoozed_reminder_is_emailed_again_when_it_falls_due_again(smtp, alice):
    reminder = make_reminder(alice, title="Thank Ana", due_at=NOW - timedelta(hours=1))
    email_due_reminders(now=NOW)
    reminder.refresh_from_db()
    reminder.snooze(1, now=NOW)
    assert email_due_reminders(now=NOW + timedelta(hours=2)) == "0 digest(s) sent"
    assert email_due_reminders(now=NOW + timedelta(days=1, minutes=1)) == "1 digest(s) sent"
    assert len(mail.outbox) == 2


def test_it_respects_the_opt_out_and_needs_an_address(smtp, alice, bob):
    profile = profile_for(alice)
    profile.email_reminders = False
    profile.save()
    bob.email = ""
    bob.save()
    make_reminder(alice, due_at=NOW - timedelta(hours=1))
    make_reminder(bob, due_at=NOW - timedelta(hours=1))
    assert email_due_reminders(now=NOW) == "0 digest(s) sent"
    assert mail.outbox == []


def test_it_sends_nothing_without_an_smtp_server(settings, alice):
    settings.ONWARD_SMTP_ENABLED = False
    make_reminder(alice, due_at=NOW - timedelta(hours=1))
    assert "not configured" in email_due_reminders(now=NOW)
    assert mail.outbox == []
    assert not Reminder.objects.filter(emailed_at__isnull=False).exists()


def test_onward_work_runs_it(smtp, alice, capsys):
    make_reminder(alice, title="Thank Ana", due_at=NOW - timedelta(hours=1))
    with time_machine.travel(NOW, tick=False):
        call_command("work")
    assert "email_due_reminders: 1 digest(s) sent" in capsys.readouterr().out
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_each_digest_once(smtp):
    users = [make_user(f"user{i}") for i in range(5)]
    for user in users:
        make_reminder(user, due_at=NOW - timedelta(hours=1))
    assert run_at_once(lambda: email_due_reminders(now=NOW)) == []
    assert sorted(message.to[0] for message in mail.outbox) == sorted(u.email for u in users)


@pytest.mark.django_db(transaction=True)
def test_mail_is_sent_after_the_claim_commits(smtp, monkeypatch):
    # A slow mail server must not hold the database's write lock: no transaction is open
    # while a digest is sent, and the claim is already visible to others.
    from django.core.mail import EmailMessage
    from django.db import connection

    user = make_user("dana")
    reminder = make_reminder(user, due_at=NOW - timedelta(hours=1))
    seen = []

    def send(message, fail_silently=False):
        seen.append((connection.in_atomic_block, Reminder.objects.get(pk=reminder.pk).emailed_at))
        return 1

    monkeypatch.setattr(EmailMessage, "send", send)
    email_due_reminders(now=NOW)
    assert seen == [(False, NOW)]


@pytest.mark.django_db(transaction=True)
def test_a_digest_that_could_not_be_sent_is_tried_again(smtp, monkeypatch):
    from django.core.mail import EmailMessage

    user = make_user("erin")
    reminder = make_reminder(user, due_at=NOW - timedelta(hours=1))

    def refuse(message, fail_silently=False):
        raise OSError("connection refused")

    monkeypatch.setattr(EmailMessage, "send", refuse)
    assert "1 failed" in email_due_reminders(now=NOW)
    reminder.refresh_from_db()
    assert reminder.emailed_at is None
    monkeypatch.undo()
    assert email_due_reminders(now=NOW).startswith("1 digest")
    assert [m.to[0] for m in mail.outbox] == [user.email]
