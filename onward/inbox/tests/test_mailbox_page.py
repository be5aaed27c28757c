"""Connecting, checking and disconnecting a mailbox under Settings."""

from django.urls import reverse

from onward.inbox.models import Mailbox

from .conftest import PASSWORD, make_mailbox

FORM = {
    "host": "imap.example.org",
    "port": 993,
    "username": "alice@example.org",
    "password": PASSWORD,
    "folder": "INBOX",
    "enabled": "on",
}


def test_settings_links_to_it(alice_client):
    page = alice_client.get(reverse("accounts:settings")).content.decode()
    assert reverse("inbox:settings") in page


def test_the_page_says_what_is_read_and_kept(alice_client):
    page = alice_client.get(reverse("inbox:settings")).content.decode()
    assert "Nothing leaves this server" in page
    assert "Everything else is not stored at all" in page
    assert "Disconnecting deletes" in page


def test_connecting_a_mailbox(alice_client, alice, server):
    response = alice_client.post(reverse("inbox:settings"), FORM)
    assert response.status_code == 302
    mailbox = Mailbox.objects.get(user=alice)
    assert (mailbox.host, mailbox.port, mailbox.folder, mailbox.enabled) == (
        "imap.example.org", 993, "INBOX", True,
    )  # fmt: skip
    assert mailbox.get_password() == PASSWORD
    assert server.commands == []  # "Save" alone does not connect


def test_a_password_is_required_to_connect(alice_client):
    response = alice_client.post(reverse("inbox:settings"), {**FORM, "password": ""})
    assert response.status_code == 200
    assert "Enter the mailbox password." in response.content.decode()
    assert not Mailbox.objects.exists()


def test_the_host_is_a_server_name(alice_client):
    response = alice_client.post(
        reverse("inbox:settings"), {**FORM, "host": "https://imap.example.org/"}
    )
    assert "Give the server name only" in response.content.decode()


def test_save_and_check_reports_success(alice_client, server):
    response = alice_client.post(reverse("inbox:settings"), {**FORM, "check": "1"}, follow=True)
    page = response.content.decode()
    assert "Connected: Onward logged in to imap.example.org and opened INBOX." in page
    assert ("SELECT", '"INBOX"', True) in server.commands


def test_check_now_reports_the_imap_error_in_plain_words(alice_client, alice, server):
    make_mailbox(alice, password="wrong")
    response = alice_client.post(reverse("inbox:check"), follow=True)
    assert "Could not connect. The server said: [AUTHENTICATIONFAILED] Invalid credentials" in (
        response.content.decode()
    )


def test_check_now_reports_a_missing_folder(alice_client, alice, server):
    make_mailbox(alice, folder="Jobs")
    response = alice_client.post(reverse("inbox:check"), follow=True)
    assert "The server refused to open the folder &#x27;Jobs&#x27;" in response.content.decode()


def test_check_now_reports_an_unknown_server(alice_client, alice, servers):
    make_mailbox(alice, host="imap.typo.test")
    response = alice_client.post(reverse("inbox:check"), follow=True)
    assert "The server name could not be found." in response.content.decode()


def test_the_last_error_is_shown(alice_client, alice):
    make_mailbox(alice, last_error="The server said: <b>no</b>")
    page = alice_client.get(reverse("inbox:settings")).content.decode()
    assert "The last check failed: The server said: &lt;b&gt;no&lt;/b&gt;" in page


def test_changing_the_folder_starts_reading_again(alice_client, alice):
    make_mailbox(alice, uid_validity=7, last_uid=42)
    alice_client.post(reverse("inbox:settings"), {**FORM, "folder": "Jobs", "password": ""})
    mailbox = Mailbox.objects.get()
    assert (mailbox.folder, mailbox.uid_validity, mailbox.last_uid) == ("Jobs", None, 0)


def test_disconnecting_deletes_the_mailbox_and_its_password(alice_client, alice, bob):
    make_mailbox(alice)
    make_mailbox(bob)
    response = alice_client.post(reverse("inbox:disconnect"))
    assert response.status_code == 302
    assert list(Mailbox.objects.values_list("user", flat=True)) == [bob.pk]


def test_each_user_sees_and_changes_only_their_own_mailbox(bob_client, alice, bob):
    make_mailbox(alice, username="alice-secret-login")
    page = bob_client.get(reverse("inbox:settings")).content.decode()
    assert "alice-secret-login" not in page
    assert bob_client.post(reverse("inbox:check")).status_code == 404
    assert bob_client.post(reverse("inbox:disconnect")).status_code == 404
    bob_client.post(reverse("inbox:settings"), FORM)
    assert Mailbox.objects.get(user=alice).username == "alice-secret-login"
    assert Mailbox.objects.get(user=bob).username == "alice@example.org"


def test_the_changes_are_posts(alice_client, alice):
    make_mailbox(alice)
    assert alice_client.get(reverse("inbox:check")).status_code == 405
    assert alice_client.get(reverse("inbox:disconnect")).status_code == 405
