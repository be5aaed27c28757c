from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse

import onward.settings as onward_settings
from onward.testing import PASSWORD


def test_it_logs_in_and_out(client, alice):
    response = client.post(reverse("accounts:login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("pipeline:board")).status_code == 200
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("pipeline:board")).status_code == 302


def test_it_says_when_the_password_is_wrong(client, alice):
    response = client.post(reverse("accounts:login"), {"username": "alice", "password": "nope"})
    assert response.status_code == 200
    assert "don&#x27;t match an account" in response.content.decode()


def test_it_locks_out_after_repeated_failures_even_with_the_right_password(client, alice, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "alice", "password": "wrong"})
    response = client.post(reverse("accounts:login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_it_hashes_passwords_with_argon2(db):
    assert onward_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    with override_settings(PASSWORD_HASHERS=onward_settings.PASSWORD_HASHERS):
        user = get_user_model().objects.create_user("sam", password="x" * 20)
    assert user.password.startswith("argon2")


def test_it_changes_the_password(alice_client, alice):
    new = "another long passphrase 77"
    response = alice_client.post(
        reverse("accounts:password"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(new)


def test_it_requires_login_for_job_search_pages(client, alice):
    response = client.get(reverse("pipeline:board"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
