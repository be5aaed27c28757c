"""No page tells a visitor whether an account exists: signing up, resetting a password, logging
in and the API answer alike for a known and an unknown name or address. Only the address's
owner, reading its mail, learns which it was."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.urls import reverse

from onward.accounts.models import ApiToken
from onward.api.tests.conftest import ApiClient
from onward.testing import PASSWORD


@pytest.fixture
def mail_on(settings):
    settings.ONWARD_ALLOW_SIGNUP = True
    settings.ONWARD_SMTP_ENABLED = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return settings


# What differs between any two pages, account or not: the CSRF token and the script nonce.
PER_REQUEST = re.compile(rb'(csrfmiddlewaretoken" value="|"X-CSRFToken": "|nonce=")[^"]*')


def page(content: bytes) -> bytes:
    return PER_REQUEST.sub(rb"\1", content)


def answer(path: str, data: dict, address: str):
    """The whole answer to a visitor: status, headers that could differ, body, the page the
    redirect leads to; and how many queries it took (a stand-in for how long)."""
    client = Client()
    queries: list[str] = []

    def count(execute, sql, *args):
        queries.append(sql)
        return execute(sql, *args)

    # Counted by a wrapper: Django empties its own query log when a request starts.
    with connection.execute_wrapper(count):
        response = client.post(path, data, REMOTE_ADDR=address)
    follow = client.get(response["Location"]) if response.status_code == 302 else None
    seen = (
        response.status_code,
        response.get("Location"),
        page(response.content),
        follow and (follow.status_code, page(follow.content)),
    )
    return seen, len(queries)


def test_sign_up_answers_alike_for_a_known_and_a_new_address(alice, mail_on, mailoutbox):
    path = reverse("accounts:signup")
    known, known_queries = answer(path, {"email": "ALICE@example.org"}, "192.0.2.1")
    new, new_queries = answer(path, {"email": "eve@example.org"}, "192.0.2.2")
    assert known == new
    assert known[0] == 302
    assert known_queries == new_queries > 0
    # One email each, with the same subject; what it says is for the address's owner.
    to_alice, to_eve = mailoutbox
    assert to_alice.to == ["alice@example.org"] and to_eve.to == ["eve@example.org"]
    assert to_alice.subject == to_eve.subject
    assert "already has one" in to_alice.body and "/login/" in to_alice.body
    assert "/password/reset/" in to_alice.body and "/signup/finish/" not in to_alice.body
    assert "/signup/finish/" in to_eve.body


def test_sign_up_asks_for_no_username(client, alice, mail_on, mailoutbox):
    page = client.get(reverse("accounts:signup")).content.decode()
    assert 'name="email"' in page and 'name="username"' not in page
    # A name posted anyway is ignored: nothing about it comes back.
    taken, free = (
        answer(reverse("accounts:signup"), {"email": "eve@example.org", "username": name}, ip)
        for name, ip in (("alice", "192.0.2.1"), ("nobody", "192.0.2.2"))
    )
    assert taken == free


def test_password_reset_answers_alike_for_a_known_and_an_unknown_address(
    alice, bob, mail_on, mailoutbox
):
    bob.set_unusable_password()
    bob.save()
    path = reverse("accounts:password_reset")
    known, known_queries = answer(path, {"email": "Alice@example.org"}, "192.0.2.1")
    unknown, unknown_queries = answer(path, {"email": "nobody@example.org"}, "192.0.2.2")
    no_password, _ = answer(path, {"email": "bob@example.org"}, "192.0.2.3")
    assert known == unknown == no_password
    assert known[0] == 302
    assert known_queries == unknown_queries > 0
    to_alice, to_nobody, to_bob = mailoutbox
    assert to_alice.to == ["alice@example.org"]
    assert "/password/reset/" in to_alice.body
    assert to_nobody.to == ["nobody@example.org"]
    assert "no account with a password uses that address" in to_nobody.body
    assert "sign up here" in to_nobody.body  # sign-up is open on this server
    assert "/password/reset/" not in to_bob.body


def test_password_reset_requests_share_the_per_address_limit(alice, mail_on, mailoutbox):
    mail_on.ONWARD_SIGNUP_PER_HOUR = 2
    client = Client(REMOTE_ADDR="192.0.2.9")
    client.post(reverse("accounts:signup"), {"email": "eve@example.org"})
    client.post(reverse("accounts:password_reset"), {"email": "alice@example.org"})
    known = client.post(reverse("accounts:password_reset"), {"email": "alice@example.org"})
    unknown = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 429
    assert "too many" in known.content.decode()
    assert len(mailoutbox) == 2


def test_the_login_page_offers_a_reset_when_mail_is_set_up(client, alice, mail_on):
    page = client.get(reverse("accounts:login")).content.decode()
    assert "Forgotten your password?" in page and "Username or email address" in page


def test_password_reset_without_a_mail_server_says_whom_to_ask(client, alice, settings):
    settings.ONWARD_SMTP_ENABLED = False
    page = client.get(reverse("accounts:password_reset")).content.decode()
    assert "onward changepassword" in page
    assert "Forgotten your password?" not in client.get(reverse("accounts:login")).content.decode()


def login_errors(username: str, password: str, address: str):
    response = Client().post(
        reverse("accounts:login"), {"username": username, "password": password},
        REMOTE_ADDR=address,
    )  # fmt: skip
    assert response.status_code == 200
    return response.context["form"].errors


def test_a_failed_login_says_the_same_for_any_name_or_address(alice):
    errors = [
        login_errors("alice", "wrong", "192.0.2.1"),
        login_errors("nobody", "wrong", "192.0.2.2"),
        login_errors("alice@example.org", "wrong", "192.0.2.3"),
        login_errors("nobody@example.org", "wrong", "192.0.2.4"),
    ]
    assert all(found == errors[0] for found in errors)
    assert "don't match an account" in errors[0]["__all__"][0]


def test_a_deactivated_account_fails_to_log_in_like_an_unknown_one(alice):
    alice.is_active = False
    alice.save()
    assert login_errors("alice", PASSWORD, "192.0.2.1") == login_errors(
        "nobody", PASSWORD, "192.0.2.2"
    )


def test_logging_in_by_address_needs_one_account_with_it(client, alice, bob):
    # An address two older accounts share picks neither; each logs in by username.
    get_user_model().objects.filter(pk=bob.pk).update(email="alice@example.org")
    assert login_errors("alice@example.org", PASSWORD, "192.0.2.1")
    response = client.post(reverse("accounts:login"), {"username": "bob", "password": PASSWORD})
    assert response.status_code == 302


def test_the_api_answers_alike_for_a_deactivated_account_and_a_made_up_token(alice):
    _, raw = ApiToken.issue(alice, "laptop")
    alice.is_active = False
    alice.save()
    deactivated = ApiClient(raw).get("/api/applications")
    made_up = ApiClient("onw_" + "x" * 43).get("/api/applications")
    assert deactivated.status_code == made_up.status_code == 401
    assert deactivated.content == made_up.content
