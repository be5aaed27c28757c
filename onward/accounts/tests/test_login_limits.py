"""Login limits per username and per address, and who the visitor is behind a proxy."""

import re

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from onward.accounts.proxy import client_ip
from onward.testing import PASSWORD, make_user

LOGIN = reverse("accounts:login")
ATTACKER = "203.0.113.66"


def try_login(username: str, password: str, address: str, client: Client | None = None):
    return (client or Client()).post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address
    )


@pytest.fixture
def many_users(db):
    return [make_user(f"member{n}") for n in range(6)]


def test_password_spraying_from_one_address_is_refused(alice, many_users, settings):
    settings.AXES_FAILURE_LIMIT = 5
    settings.ONWARD_LOGIN_IP_FAILURE_LIMIT = 6
    # One guess per username: the per-username limit never comes near...
    for user in many_users[:5]:
        assert try_login(user.username, "Summer2026!", ATTACKER).status_code == 200
    # ...but the sixth wrong password from the address pauses it,
    assert try_login(many_users[5].username, "Summer2026!", ATTACKER).status_code == 429
    # for any name, even with the right password.
    assert try_login("alice", PASSWORD, ATTACKER).status_code == 429
    assert try_login("someone-new", "Summer2026!", ATTACKER).status_code == 429
    # Someone else, from another address, still logs in.
    response = try_login("alice", PASSWORD, "198.51.100.7")
    assert response.status_code == 302


def test_below_the_address_limit_other_names_still_log_in(alice, many_users, settings):
    settings.ONWARD_LOGIN_IP_FAILURE_LIMIT = 20
    for user in many_users:
        try_login(user.username, "wrong", "192.0.2.10")
    assert try_login("alice", PASSWORD, "192.0.2.10").status_code == 302


def test_an_attacker_elsewhere_cannot_lock_the_owner_out(alice, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        try_login("alice", "wrong", ATTACKER)
    assert try_login("alice", PASSWORD, ATTACKER).status_code == 429
    assert try_login("alice", PASSWORD, "198.51.100.7").status_code == 302


def test_unknown_and_known_usernames_get_the_same_answer(alice):
    def page(username, address):
        response = try_login(username, "wrong", address)
        assert response.status_code == 200
        html = re.sub(
            r'(csrfmiddlewaretoken" value=|X-CSRFToken": )"[^"]+"', "", response.content.decode()
        )
        return html.replace(username, "NAME")

    assert page("nobody-here", "192.0.2.1") == page("alice", "192.0.2.2")


def test_unknown_usernames_still_cost_a_password_hash(alice, monkeypatch):
    """Django's backend hashes the password for a name that does not exist, so an unknown name
    does not answer faster than a known one (the hasher is counted, not timed)."""
    from django.contrib.auth.hashers import MD5PasswordHasher

    calls = []
    original = MD5PasswordHasher.encode
    monkeypatch.setattr(
        MD5PasswordHasher,
        "encode",
        lambda self, *a, **k: calls.append(1) or original(self, *a, **k),
    )
    try_login("nobody-here", "wrong", "192.0.2.1")
    assert calls


# --- Who the visitor is -------------------------------------------------------------------


def request_with(**meta):
    return RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", **meta)


def test_without_a_proxy_forwarded_headers_are_ignored(settings):
    settings.ONWARD_BEHIND_PROXY = False
    settings.ONWARD_CLIENT_IP_HEADER = ""
    spoofed = request_with(HTTP_X_FORWARDED_FOR="1.2.3.4", HTTP_X_REAL_IP="1.2.3.4")
    assert client_ip(spoofed) == "10.0.0.2"


def test_a_configured_header_is_the_only_one_trusted(settings):
    settings.ONWARD_CLIENT_IP_HEADER = "X-Real-IP"
    request = request_with(HTTP_X_REAL_IP="203.0.113.9", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(request) == "203.0.113.9"
    # A malformed or missing value counts as the proxy itself, not as a made-up visitor.
    assert client_ip(request_with(HTTP_X_REAL_IP="not an address")) == "10.0.0.2"
    assert client_ip(request_with()) == "10.0.0.2"


def test_spraying_through_a_proxy_is_counted_per_visitor(alice, many_users, settings):
    settings.ONWARD_BEHIND_PROXY = True
    settings.ONWARD_LOGIN_IP_FAILURE_LIMIT = 6

    def through_proxy(username, password, visitor):
        return Client().post(
            LOGIN,
            {"username": username, "password": password},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=visitor,
        )

    for user in many_users:
        through_proxy(user.username, "x", ATTACKER)
    assert through_proxy("alice", PASSWORD, ATTACKER).status_code == 429
    assert through_proxy("alice", PASSWORD, "198.51.100.7").status_code == 302
