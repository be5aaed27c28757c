"""API tokens expire when their owner chose, and all of a user's tokens are revoked when their
password changes, whichever way it is changed."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from onward.accounts.models import ApiToken, TokenExpired
from onward.api.tests.conftest import ApiClient
from onward.testing import PASSWORD

NEW_PASSWORD = "a different horse, battery and staple"


class RenamedMD5Hasher(MD5PasswordHasher):
    """A hasher Django prefers over MD5, so logging in re-hashes an MD5 password."""

    algorithm = "md5-renamed"


def test_a_token_made_in_settings_expires_when_chosen(alice_client, alice):
    response = alice_client.post(reverse("accounts:token_create"), {"name": "ci", "days": "7"})
    token = ApiToken.objects.get(user=alice)
    assert token.expires_at - token.created_at == timedelta(days=7)
    assert "expires" in response.content.decode()
    raw = response.context["new_token"]
    api = ApiClient(raw)
    assert api.get("/api/applications").status_code == 200

    with time_machine.travel(token.expires_at + timedelta(seconds=1)):
        response = api.get("/api/applications")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert "expired" in response.json()["detail"]
    assert "expired" in response["WWW-Authenticate"]


def test_never_is_a_choice_and_ninety_days_the_default(alice_client, alice):
    alice_client.post(reverse("accounts:token_create"), {"name": "forever", "days": "0"})
    alice_client.post(reverse("accounts:token_create"), {"name": "usual"})
    forever, usual = ApiToken.objects.get(name="forever"), ApiToken.objects.get(name="usual")
    assert forever.expires_at is None
    assert usual.expires_at - usual.created_at == timedelta(days=90)
    page = alice_client.get(reverse("accounts:settings")).content.decode()
    assert "never expires" in page and "Expires after" in page


def test_an_unknown_token_is_still_the_plain_401(db):
    response = ApiClient("onw_nothing").get("/api/applications")
    assert response.status_code == 401 and "expired" not in response.content.decode()


def test_user_for_tells_an_expired_token_apart(alice):
    token, raw = ApiToken.issue(alice, "old", days=1)
    with time_machine.travel(timezone.now() + timedelta(days=2)), pytest.raises(TokenExpired):
        ApiToken.user_for(raw)
    assert ApiToken.user_for(raw) == alice


@pytest.mark.parametrize(("name", "days"), [("", 30), ("x" * 101, 30), ("ok", -1), ("ok", 3651)])
def test_issue_refuses_bad_names_and_lifetimes(alice, name, days):
    with pytest.raises(ValidationError):
        ApiToken.issue(alice, name, days=days)
    assert not ApiToken.objects.exists()


def test_the_cli_makes_a_token_with_an_expiry(alice, capsys):
    call_command("api-token", "--user", "alice", "--name", "cron", "--days", "30")
    raw = capsys.readouterr().out.strip()
    assert ApiToken.user_for(raw) == alice
    token = ApiToken.objects.get(user=alice)
    assert token.expires_at - token.created_at == timedelta(days=30)
    with pytest.raises(CommandError, match="Nothing was saved"):
        call_command("api-token", "--user", "alice", "--name", "cron", "--days", "99999")
    with pytest.raises(CommandError, match="no user"):
        call_command("api-token", "--user", "nobody", "--name", "cron")


def test_changing_the_password_in_settings_revokes_every_token(client, alice, bob):
    _, raw = ApiToken.issue(alice, "laptop")
    ApiToken.issue(alice, "phone", days=0)
    _, bobs = ApiToken.issue(bob, "bob's")
    client.force_login(alice)
    response = client.post(
        reverse("accounts:password"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert not ApiToken.objects.filter(user=alice).exists()
    assert ApiToken.user_for(raw) is None
    assert ApiToken.user_for(bobs) == bob  # only the owner's


def test_changepassword_and_set_password_revoke_tokens_too(alice, monkeypatch):
    ApiToken.issue(alice, "laptop")
    answers = iter([NEW_PASSWORD, NEW_PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    call_command("changepassword", "alice")
    assert not ApiToken.objects.filter(user=alice).exists()

    ApiToken.issue(alice, "script")
    user = get_user_model().objects.get(pk=alice.pk)  # as the admin or a shell would
    user.set_password("yet another long passphrase")
    user.save()
    assert not ApiToken.objects.filter(user=alice).exists()


def test_other_saves_and_a_rehash_on_login_keep_the_tokens(client, alice, settings):
    _, raw = ApiToken.issue(alice, "laptop")
    alice.first_name = "Alice"
    alice.save()
    # Django re-hashes a password with a newer hasher when its owner logs in: not a change.
    settings.PASSWORD_HASHERS = [
        f"{RenamedMD5Hasher.__module__}.RenamedMD5Hasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    response = client.post(reverse("accounts:login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.password.startswith("md5-renamed$")
    assert ApiToken.user_for(raw) == alice


def test_set_unusable_password_revokes_tokens_too(alice, bob):
    ApiToken.issue(alice, "laptop")
    _, bobs = ApiToken.issue(bob, "bob's")
    user = get_user_model().objects.get(pk=alice.pk)
    user.set_unusable_password()
    user.save(update_fields=["password"])
    assert not ApiToken.objects.filter(user=alice).exists()
    assert ApiToken.user_for(bobs) == bob

    # Once unusable, other saves of the account (its name) keep a token made since.
    _, raw = ApiToken.issue(alice, "script")
    user.first_name = "Alice"
    user.save()
    assert ApiToken.user_for(raw) == user
    # Dropping it again (a fresh unusable value) is a change like any other.
    user.set_unusable_password()
    user.save()
    assert ApiToken.user_for(raw) is None


def test_a_password_reset_link_revokes_tokens(client, alice, settings, mailoutbox):
    settings.ONWARD_SMTP_ENABLED = True
    _, raw = ApiToken.issue(alice, "laptop")
    client.post(reverse("accounts:password_reset"), {"email": alice.email})
    link = next(line for line in mailoutbox[0].body.splitlines() if "/password/reset/" in line)
    form_page = client.get(link.strip(), follow=True)
    assert form_page.context["validlink"]
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
    assert ApiToken.user_for(raw) is None
