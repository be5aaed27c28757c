"""Today links to new inbox signals with one count, whatever their number."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from onward.inbox.models import SignalStatus

from .conftest import make_signal


def _today(client) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("today:today"))
    assert response.status_code == 200
    return response.content.decode(), len(captured)


def test_today_links_to_new_signals(alice_client, alice):
    page, _ = _today(alice_client)
    assert reverse("inbox:signal_list") not in page
    make_signal(alice)
    make_signal(alice)
    make_signal(alice, status=SignalStatus.DISMISSED)
    page, _ = _today(alice_client)
    assert "2 new messages from your contacts and companies" in page
    assert reverse("inbox:signal_list") in page


def test_the_link_costs_the_same_queries_for_any_number_of_signals(alice_client, alice):
    make_signal(alice)
    _today(alice_client)  # the first visit sets up the week's goals and the like
    _, one = _today(alice_client)
    for _ in range(20):
        make_signal(alice)
    _, many = _today(alice_client)
    assert many == one
