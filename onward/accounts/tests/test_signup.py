"""Signing up by email: a link to finish the account, the same answer for every address, and
the per-address limit."""

import io
import re
import threading
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from onward.accounts import signup_limits, signup_links
from onward.accounts.signup_limits import AccountMail, SignupAttempt

STRONG = "a long and unusual passphrase 42"


@pytest.fixture
def signup_on(settings):
    settings.ONWARD_ALLOW_SIGNUP = True
    settings.ONWARD_SMTP_ENABLED = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return settings


def ask(client, email: str, address: str = "192.0.2.50"):
    return client.post(reverse("accounts:signup"), {"email": email}, REMOTE_ADDR=address)


def link_in(message) -> str:
    found = re.search(r"https?://\S+/signup/finish/\S+/", message.body)
    assert found, message.body
    return found.group(0)


def finish(client, link: str, password: str = STRONG, **names):
    return client.post(link, {"new_password1": password, "new_password2": password, **names})


def test_it_hides_sign_up_by_default(client, alice, settings):
    settings.ONWARD_SMTP_ENABLED = True
    assert client.get(reverse("accounts:signup")).status_code == 404
    assert ask(client, "eve@example.org").status_code == 404
    assert b"Create an account" not in client.get(reverse("accounts:login")).content
    token = signing.dumps("eve@example.org", salt=signup_links.SALT)
    assert client.get(reverse("accounts:signup_finish", args=[token])).status_code == 404


def test_it_says_sign_up_is_unavailable_without_a_mail_server(client, alice, settings, mailoutbox):
    settings.ONWARD_ALLOW_SIGNUP = True
    settings.ONWARD_SMTP_ENABLED = False
    page = client.get(reverse("accounts:signup"))
    assert page.status_code == 503
    assert "Sign-up is unavailable on this server" in page.content.decode()
    assert ask(client, "eve@example.org").status_code == 503
    assert not mailoutbox
    assert b"Create an account" not in client.get(reverse("accounts:login")).content


def test_a_new_address_gets_a_link_that_creates_the_account(client, alice, signup_on, mailoutbox):
    assert b"Create an account" in client.get(reverse("accounts:login")).content
    response = ask(client, "Eve@Example.org")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:signup_sent")
    assert "Check your email" in client.get(response["Location"]).content.decode()
    (message,) = mailoutbox
    assert message.to == ["eve@example.org"]
    assert not get_user_model().objects.filter(email="eve@example.org").exists()

    link = link_in(message)
    page = client.get(link)
    assert page.status_code == 200
    assert "eve@example.org" in page.content.decode()
    response = finish(client, link, first_name="Eve", last_name=" Example ")
    assert response.status_code == 302
    eve = get_user_model().objects.get(email="eve@example.org")
    assert (eve.username, eve.first_name, eve.last_name) == ("eve@example.org", "Eve", "Example")
    assert not eve.is_superuser and eve.check_password(STRONG)
    assert eve.stage_set.count() == 10
    assert client.session["_auth_user_id"] == str(eve.pk)

    # She logs in with her address, in any case.
    other = Client()
    response = other.post(
        reverse("accounts:login"), {"username": "EVE@example.org", "password": STRONG}
    )
    assert response.status_code == 302 and other.session["_auth_user_id"] == str(eve.pk)


def test_an_address_with_an_account_is_led_to_log_in_or_reset(client, alice, signup_on, mailoutbox):
    assert ask(client, "alice@example.org").status_code == 302
    (note,) = mailoutbox
    assert "already has one" in note.body and "/signup/finish/" not in note.body
    reset_url = re.search(r"https?://\S+/password/reset/", note.body)
    assert reset_url, note.body
    # Following the note: a reset link, a new password, and logging in by address.
    assert client.post(reset_url.group(0), {"email": "alice@example.org"}).status_code == 302
    link = re.search(r"https?://\S+/password/reset/\S+/\S+/", mailoutbox[1].body)
    assert link, mailoutbox[1].body
    form = client.get(link.group(0), follow=True)
    assert form.context["validlink"]
    new = "a fresh and unusual passphrase 7"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    response = Client().post(
        reverse("accounts:login"), {"username": "alice@example.org", "password": new}
    )
    assert response.status_code == 302
    assert get_user_model().objects.filter(email="alice@example.org").count() == 1


def test_the_link_works_once(client, alice, signup_on, mailoutbox):
    ask(client, "eve@example.org")
    link = link_in(mailoutbox[0])
    assert finish(Client(), link).status_code == 302
    for response in (Client().get(link), finish(Client(), link, password="another passphrase 9")):
        assert response.status_code == 400
        assert "This link has been used" in response.content.decode()
    assert get_user_model().objects.filter(email="eve@example.org").count() == 1
    assert get_user_model().objects.get(email="eve@example.org").check_password(STRONG)


def test_an_expired_or_altered_link_is_refused_clearly(client, alice, signup_on, mailoutbox):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        ask(client, "eve@example.org")
    link = link_in(mailoutbox[0])
    with time_machine.travel(start + timedelta(hours=23, minutes=59), tick=False):
        assert client.get(link).status_code == 200
    with time_machine.travel(start + timedelta(hours=24, seconds=1), tick=False):
        for response in (client.get(link), finish(client, link)):
            assert response.status_code == 400
            assert "This sign-up link has expired: a link works for 24 hours" in (
                response.content.decode()
            )

    # A link for another address, made without the server's key, or cut short.
    forged = signing.dumps("mallory@example.org", salt=signup_links.SALT, key="not the key")
    token = link.rstrip("/").rsplit("/", 1)[1]
    for bad in (forged, token[:-3], "nonsense"):
        response = finish(client, reverse("accounts:signup_finish", args=[bad]))
        assert response.status_code == 400
        assert "This sign-up link is not valid" in response.content.decode()
    assert (
        not get_user_model()
        .objects.filter(email__endswith="example.org")
        .exclude(pk=alice.pk)
        .exists()
    )


def test_the_password_is_checked(client, alice, signup_on, mailoutbox):
    ask(client, "eve@example.org")
    link = link_in(mailoutbox[0])
    response = finish(client, link, password="eve@example.org")
    assert response.status_code == 200
    assert "too similar" in response.content.decode()
    assert not get_user_model().objects.filter(email="eve@example.org").exists()


def test_a_username_that_is_not_an_address_is_made_up(db, signup_on):
    get_user_model().objects.create_user("eve@example.org")
    assert signup_links.username_for("frank@example.org") == "frank@example.org"
    taken = signup_links.username_for("eve@example.org")
    assert re.fullmatch(r"eve-[0-9a-f]{6}", taken)
    odd = signup_links.username_for("o'brien!x@example.org")
    assert re.fullmatch(r"obrienx-[0-9a-f]{6}", odd)


def test_sign_up_attempts_are_limited_per_address(client, alice, signup_on, mailoutbox):
    signup_on.ONWARD_SIGNUP_PER_HOUR = 3
    for email in ("alice@example.org", "eve@example.org", "frank@example.org"):
        assert ask(Client(), email).status_code == 302
    taken, free = ask(Client(), "alice@example.org"), ask(Client(), "grace@example.org")
    assert taken.status_code == free.status_code == 429
    for page in (taken, free):
        html = page.content.decode()
        assert "too many sign-up or password-reset requests from your network" in html
        assert "Please try again in 60 minutes." in html
    assert int(taken["Retry-After"]) <= 3600
    assert len(mailoutbox) == 3
    # Someone else, elsewhere, still signs up.
    assert ask(Client(), "grace@example.org", address="198.51.100.8").status_code == 302


def test_the_limit_is_an_hour(client, alice, signup_on):
    signup_on.ONWARD_SIGNUP_PER_HOUR = 1
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        ask(client, "alice@example.org")
        assert ask(client, "eve@example.org").status_code == 429
    with time_machine.travel(start + timedelta(hours=1, seconds=1), tick=False):
        assert ask(Client(), "frank@example.org").status_code == 302
    assert SignupAttempt.objects.count() == 1  # the old one was cleared away


def test_one_address_gets_a_few_account_emails_an_hour(client, alice, signup_on, mailoutbox):
    signup_on.ONWARD_ACCOUNT_MAIL_PER_RECIPIENT = 3
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        # From many networks, to one mailbox: sign-up and reset requests count together.
        answers = [ask(Client(), "eve@example.org", f"192.0.2.{n}") for n in range(1, 4)]
        reset = Client().post(reverse("accounts:password_reset"), {"email": "Eve@example.org"})
        answers.append(ask(Client(), "EVE@example.org", "192.0.2.9"))
        assert len(mailoutbox) == 3
        # Past the share nothing is sent, and the visitor is told the same as ever.
        assert reset.status_code == 302
        assert {(a.status_code, a["Location"]) for a in answers} == {
            (302, reverse("accounts:signup_sent"))
        }
        assert ask(Client(), "frank@example.org", "192.0.2.10").status_code == 302
        assert len(mailoutbox) == 4
    with time_machine.travel(start + timedelta(hours=1, seconds=1), tick=False):
        ask(Client(), "eve@example.org", "192.0.2.11")
    assert len(mailoutbox) == 5
    assert AccountMail.objects.count() == 1  # the hour-old ones were cleared away


@pytest.mark.django_db(transaction=True)
def test_two_requests_at_once_cannot_both_take_an_addresss_last_email(monkeypatch, settings):
    """Each request pauses after counting, before taking its email: without the lock on the
    address both would see one email left and both would send."""
    settings.ONWARD_ACCOUNT_MAIL_PER_RECIPIENT = 1
    take = AccountMail.objects.create

    def slow_take(**fields):
        threading.Event().wait(0.3)  # room for the other request to count too
        return take(**fields)

    monkeypatch.setattr(AccountMail.objects, "create", slow_take)
    answers: list[bool] = []

    def request():
        try:
            answers.append(signup_limits.may_mail("eve@example.org"))
        finally:
            connection.close()

    threads = [threading.Thread(target=request) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers) == [False, True]
    assert AccountMail.objects.count() == 1


def test_a_mail_server_failure_says_so(client, alice, signup_on, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    response = ask(client, "eve@example.org")
    assert response.status_code == 503
    assert "We couldn't send the email just now" in response.content.decode()


def test_onward_check_warns_when_sign_up_has_no_mail_server(settings):
    settings.ONWARD_ALLOW_SIGNUP = True
    settings.ONWARD_SMTP_ENABLED = False
    out = io.StringIO()
    call_command("check", stdout=out, stderr=out)
    assert "onward.accounts.W001" in out.getvalue()
    assert "ONWARD_EMAIL_HOST" in out.getvalue()

    settings.ONWARD_SMTP_ENABLED = True
    out = io.StringIO()
    call_command("check", stdout=out, stderr=out)
    assert "W001" not in out.getvalue()
