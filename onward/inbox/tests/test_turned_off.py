"""ONWARD_INBOX_CHECKS=off: no mailbox is read, connected or checked on this server."""

from django.urls import reverse

from onward.inbox.jobs import check_inboxes
from onward.inbox.models import Mailbox

from .conftest import make_mailbox


def test_the_job_reads_no_mailbox(alice, server, settings):
    settings.ONWARD_INBOX_CHECKS = False
    make_mailbox(alice)
    assert "turned off" in check_inboxes()
    assert server.fetched == [] and Mailbox.objects.get().checked_at is None


def test_no_one_can_connect_or_check_a_mailbox(alice_client, alice, server, settings):
    settings.ONWARD_INBOX_CHECKS = False
    page = alice_client.get(reverse("inbox:settings"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="turned-off"' in html and 'name="host"' not in html
    response = alice_client.post(
        reverse("inbox:settings"),
        {"host": "10.0.0.5", "port": "993", "username": "me", "password": "x", "folder": "INBOX"},
    )
    assert response.status_code == 403 and not Mailbox.objects.exists()
    make_mailbox(alice)
    assert alice_client.post(reverse("inbox:check")).status_code == 403
    # Disconnecting still works: the saved password can always be removed.
    alice_client.post(reverse("inbox:disconnect"))
    assert not Mailbox.objects.exists()
