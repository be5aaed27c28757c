"""The mailbox password is stored encrypted and never shown again."""

from django.db import connection
from django.urls import reverse

from onward.inbox.crypto import UnreadablePassword
from onward.inbox.models import Mailbox

from .conftest import PASSWORD, make_mailbox


def _stored_column(mailbox: Mailbox) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT password_encrypted FROM {Mailbox._meta.db_table} WHERE id = %s",
            [mailbox.pk],
        )
        return cursor.fetchone()[0]


def test_the_database_holds_no_clear_password(alice):
    mailbox = make_mailbox(alice, password=PASSWORD)
    stored = _stored_column(mailbox)
    assert PASSWORD not in stored
    assert stored.startswith("gAAAA")  # a Fernet token
    assert Mailbox.objects.get(pk=mailbox.pk).get_password() == PASSWORD


def test_each_encryption_differs(alice, bob):
    first, second = make_mailbox(alice), make_mailbox(bob)
    assert _stored_column(first) != _stored_column(second)


def test_a_new_secret_key_makes_the_password_unreadable(alice, settings):
    mailbox = make_mailbox(alice)
    settings.SECRET_KEY = "another secret key, after a rotation"
    try:
        mailbox.get_password()
    except UnreadablePassword as exc:
        assert "enter it again" in str(exc)
    else:
        raise AssertionError("a password encrypted under the old key was read")


def test_the_settings_page_never_echoes_the_password(alice_client, alice):
    make_mailbox(alice, password=PASSWORD)
    page = alice_client.get(reverse("inbox:settings")).content.decode()
    assert PASSWORD not in page
    assert Mailbox.objects.get().password_encrypted not in page
    assert 'name="password"' in page


def test_saving_without_a_password_keeps_the_stored_one(alice_client, alice):
    make_mailbox(alice, password=PASSWORD)
    response = alice_client.post(
        reverse("inbox:settings"),
        {"host": "imap.example.org", "port": 993, "username": "me", "folder": "INBOX",
         "enabled": "on", "password": ""},
    )  # fmt: skip
    assert response.status_code == 302
    mailbox = Mailbox.objects.get()
    assert (mailbox.username, mailbox.get_password()) == ("me", PASSWORD)
