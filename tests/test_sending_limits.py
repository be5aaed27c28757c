"""Per-user sending limits for mail Onward sends through SMTP, and the log of what was sent:
the one domain function (outbox.send) holds them for the web, the API and the CLI alike."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse

from onward.api.tests.conftest import client_for
from onward.core import outbox
from onward.core.drafts import Draft
from onward.testing import make_contact, make_user

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def smtp(settings):
    settings.ONWARD_SMTP_ENABLED = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.ONWARD_MAIL_PER_HOUR = 3
    settings.ONWARD_MAIL_PER_DAY = 5


def draft(n: int = 1) -> Draft:
    return Draft(to=f"mia{n}@example.org", to_name="Mia", subject=f"Hello {n}", body="Private")


def send_many(user, count: int) -> None:
    for n in range(count):
        outbox.send(user, draft(n))


def test_it_logs_each_message_without_its_body(alice):
    entry = outbox.send(alice, draft())
    assert (entry.to, entry.to_name, entry.subject) == ("mia1@example.org", "Mia", "Hello 1")
    assert not hasattr(entry, "body")
    [message] = mail.outbox
    assert message.reply_to == ["alice@example.org"] and message.from_email == "onward@localhost"


def test_it_refuses_past_the_hourly_limit_and_says_when_to_try_again(alice):
    with time_machine.travel(NOW, tick=False):
        send_many(alice, 3)
        with pytest.raises(outbox.SendingLimitReached) as refused:
            outbox.send(alice, draft(9))
    assert refused.value.retry_at == NOW + timedelta(hours=1)
    assert "3 messages in the last hour" in str(refused.value)
    assert len(mail.outbox) == 3 and outbox.SentMail.objects.count() == 3
    # A rolling hour: once the first message is an hour old, one more may go.
    with time_machine.travel(NOW + timedelta(hours=1, seconds=1), tick=False):
        outbox.send(alice, draft(9))


def test_the_daily_limit_holds_across_hours(alice):
    for hour in range(5):
        with time_machine.travel(NOW + timedelta(hours=2 * hour), tick=False):
            outbox.send(alice, draft(hour))
    later = time_machine.travel(NOW + timedelta(hours=12), tick=False)
    with later, pytest.raises(outbox.SendingLimitReached) as refused:
        outbox.send(alice, draft())
    assert refused.value.per == "day" and refused.value.retry_at == NOW + timedelta(days=1)


def test_limits_are_per_user(alice, bob):
    send_many(alice, 3)
    outbox.send(bob, draft())  # bob is not held back by alice's sending


def test_a_refused_message_is_neither_counted_nor_logged(alice, settings, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("Connection refused")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    with pytest.raises(OSError):
        outbox.send(alice, draft())
    assert not outbox.SentMail.objects.exists()


def test_zero_turns_sending_off(alice, settings):
    settings.ONWARD_MAIL_PER_HOUR = 0
    with pytest.raises(outbox.SendingLimitReached, match="turned off"):
        outbox.send(alice, draft())
    assert not mail.outbox


@pytest.mark.django_db(transaction=True)
def test_two_sends_at_once_cannot_both_take_the_last_slot(monkeypatch, settings):
    """Each send counts, then pauses before taking its slot: without the lock both would see
    one slot free and both would send."""
    settings.ONWARD_MAIL_PER_HOUR = 1
    alice = make_user("alice")
    counted = outbox.next_free_slot

    def slow_count(user, now):
        found = counted(user, now)
        threading.Event().wait(0.3)  # room for the other send to count too
        return found

    monkeypatch.setattr(outbox, "next_free_slot", slow_count)
    outcomes: list[str] = []

    def attempt(n):
        try:
            outbox.send(alice, draft(n))
            outcomes.append("sent")
        except outbox.SendingLimitReached:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "sent"]
    assert outbox.SentMail.objects.count() == 1 and len(mail.outbox) == 1


# --- Web ----------------------------------------------------------------------------------


def test_the_draft_page_says_when_sending_is_possible_again(alice_client, alice):
    send_many(alice, 3)
    mia = make_contact(alice, "Mia", email="mia@example.org")
    response = alice_client.post(
        reverse("pipeline:contact_draft", args=[mia.pk, "ask_advice"]),
        {"to": "mia@example.org", "subject": "Advice?", "body": "Hi", "action": "send"},
    )
    assert response.status_code == 400
    errors = str(response.context["form"].non_field_errors())
    assert "You can send again at" in errors and "in 60 minutes" in errors
    assert len(mail.outbox) == 3


def test_the_log_page_lists_the_users_own_mail_only(alice_client, alice, bob):
    outbox.send(alice, draft(1))
    outbox.send(bob, Draft(to="secret@example.org", subject="Bob's own", body="x"))
    page = alice_client.get(reverse("accounts:sent_mail"))
    html = page.content.decode()
    assert "mia1@example.org" in html and "Hello 1" in html
    assert "Bob's own" not in html and "secret@example.org" not in html
    assert "Private" not in html  # never the body
    assert "up to 3 messages an hour and 5 a day" in html and "(2 left)" in html
    assert (
        reverse("accounts:sent_mail")
        in alice_client.get(reverse("accounts:settings")).content.decode()
    )


def test_the_log_page_costs_the_same_queries_at_any_size(
    alice_client, alice, settings, django_assert_max_num_queries
):
    settings.ONWARD_MAIL_PER_HOUR = settings.ONWARD_MAIL_PER_DAY = 100
    send_many(alice, 30)
    with django_assert_max_num_queries(6):
        assert alice_client.get(reverse("accounts:sent_mail")).status_code == 200


# --- API ----------------------------------------------------------------------------------


def test_the_api_sends_and_answers_429_with_json_past_the_limit(alice):
    api = client_for(alice)
    body = {"to": "mia@example.org", "subject": "Hi", "body": "Text"}
    for _ in range(3):
        assert api.post("/api/mail", body).status_code == 201
    response = api.post("/api/mail", body)
    assert response.status_code == 429
    answer = response.json()
    assert "You can send again at" in answer["detail"]
    assert 3500 < answer["retry_after"] <= 3601
    assert response["Retry-After"] == str(answer["retry_after"])
    limits = api.get("/api/mail/limits").json()
    assert limits[0] == {"per": "hour", "limit": 3, "sent": 3, "left": 0}
    assert len(mail.outbox) == 3


def test_the_api_refuses_a_bad_draft_with_422(alice):
    api = client_for(alice)
    for body in (
        {"to": "noreply@example.org", "subject": "Hi", "body": "x"},
        {"to": "mia@example.org", "subject": "Hi\r\nBcc: x@example.org", "body": "x"},
    ):
        assert api.post("/api/mail", body).status_code == 422
    assert not outbox.SentMail.objects.exists()


def test_the_api_log_is_owner_scoped(alice, bob):
    entry = outbox.send(alice, draft())
    alice_api, bob_api = client_for(alice), client_for(bob)
    assert alice_api.get("/api/mail/sent").json()["items"][0]["subject"] == "Hello 1"
    assert alice_api.get(f"/api/mail/sent/{entry.pk}").json()["to"] == "mia1@example.org"
    assert bob_api.get("/api/mail/sent").json()["count"] == 0
    assert bob_api.get(f"/api/mail/sent/{entry.pk}").status_code == 404


def test_the_api_says_when_sending_is_not_set_up(alice, settings):
    settings.ONWARD_SMTP_ENABLED = False
    response = client_for(alice).post(
        "/api/mail", {"to": "mia@example.org", "subject": "Hi", "body": "x"}
    )
    assert response.status_code == 422
    assert "needs an SMTP server" in response.json()["detail"][0]["msg"]


def test_the_api_reports_a_refusing_mail_server(alice, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("Connection refused")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    response = client_for(alice).post(
        "/api/mail", {"to": "mia@example.org", "subject": "Hi", "body": "x"}
    )
    assert response.status_code == 502 and "refused" in response.json()["detail"]
    assert not outbox.SentMail.objects.exists()


# --- CLI ----------------------------------------------------------------------------------


def test_the_command_sends_and_exits_non_zero_past_the_limit(alice, tmp_path):
    body = tmp_path / "note.txt"
    body.write_text("Hello Mia")
    arguments = ["--user", "alice", "--to", "mia@example.org", "--subject", "Hi"]
    for _ in range(3):
        call_command("send-mail", *arguments, "--body-file", str(body))
    with pytest.raises(CommandError, match="You can send again at"):
        call_command("send-mail", *arguments, "--body-file", str(body))
    assert [m.body for m in mail.outbox] == ["Hello Mia"] * 3


def test_the_command_refuses_a_bad_draft(alice, tmp_path):
    body = tmp_path / "note.txt"
    body.write_text("Hi")
    with pytest.raises(CommandError, match="no-reply address"):
        call_command(
            "send-mail", "--user", "alice", "--to", "noreply@example.org",
            "--subject", "Hi", "--body-file", str(body),
        )  # fmt: skip
    with pytest.raises(CommandError, match="Could not read"):
        call_command(
            "send-mail", "--user", "alice", "--to", "mia@example.org",
            "--subject", "Hi", "--body-file", str(tmp_path / "missing.txt"),
        )  # fmt: skip
    assert not mail.outbox
