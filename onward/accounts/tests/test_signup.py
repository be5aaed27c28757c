from datetime import timedelta

import time_machine
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from onward.accounts.signup_limits import SignupAttempt

STRONG = "a long and unusual passphrase 42"


def test_it_hides_sign_up_by_default(client, alice):
    assert client.get(reverse("accounts:signup")).status_code == 404
    response = client.post(
        reverse("accounts:signup"), {"username": "eve", "password1": STRONG, "password2": STRONG}
    )
    assert response.status_code == 404
    assert not get_user_model().objects.filter(username="eve").exists()
    assert b"Create an account" not in client.get(reverse("accounts:login")).content


def test_it_lets_others_sign_up_when_the_server_allows_it(client, alice, settings):
    settings.ONWARD_ALLOW_SIGNUP = True
    assert b"Create an account" in client.get(reverse("accounts:login")).content
    response = client.post(
        reverse("accounts:signup"), {"username": "eve", "password1": STRONG, "password2": STRONG}
    )
    assert response.status_code == 302
    eve = get_user_model().objects.get(username="eve")
    assert not eve.is_superuser
    assert eve.stage_set.count() == 10


def sign_up(client, username: str, address: str = "192.0.2.50"):
    return client.post(
        reverse("accounts:signup"),
        {"username": username, "password1": STRONG, "password2": STRONG},
        REMOTE_ADDR=address,
    )


def test_sign_up_attempts_are_limited_per_address(client, alice, settings):
    settings.ONWARD_ALLOW_SIGNUP = True
    settings.ONWARD_SIGNUP_PER_HOUR = 3
    # Probing names: each try counts, whether the name is taken or not.
    assert "already exists" in sign_up(client, "alice").content.decode()
    assert "already exists" in sign_up(client, "alice").content.decode()
    assert sign_up(Client(), "eve").status_code == 302
    taken, free = sign_up(Client(), "alice"), sign_up(Client(), "frank")
    assert taken.status_code == free.status_code == 429
    for page in (taken, free):
        html = page.content.decode()
        assert "too many sign-up attempts from your network" in html
        assert "Please try again in 60 minutes." in html
        assert "already exists" not in html
    assert int(taken["Retry-After"]) <= 3600
    assert not get_user_model().objects.filter(username="frank").exists()
    # Someone else, elsewhere, still signs up.
    assert sign_up(Client(), "grace", address="198.51.100.8").status_code == 302


def test_the_limit_is_an_hour(client, alice, settings):
    settings.ONWARD_ALLOW_SIGNUP = True
    settings.ONWARD_SIGNUP_PER_HOUR = 1
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        sign_up(client, "alice")
        assert sign_up(client, "alice").status_code == 429
    with time_machine.travel(start + timedelta(hours=1, seconds=1), tick=False):
        assert sign_up(Client(), "frank").status_code == 302
    assert SignupAttempt.objects.count() == 1  # the old one was cleared away
