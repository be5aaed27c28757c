"""Today's costly figures are cached per user (onward.accounts.freshness) and are never stale
after the user's own write: through a page, by htmx, through the API, or outside a request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from onward.accounts.models import Profile
from onward.routine.models import ActivityLog
from onward.testing import make_activity, make_application, stage

pytestmark = pytest.mark.django_db

PRACTICE = 'data-goal="practice" data-done="{}"'
APPLICATIONS = 'data-goal="applications" data-done="{}"'


def _today(client) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("today:today"))
    assert response.status_code == 200
    return response.content.decode(), len(captured)


def _version(user) -> int:
    return Profile.objects.get(user=user).data_version


def test_a_second_visit_reads_the_counts_from_the_cache(alice_client, alice):
    make_application(alice)
    _, first = _today(alice_client)
    content, second = _today(alice_client)
    assert second < first
    assert APPLICATIONS.format(1) in content


def test_a_write_through_a_page_is_counted_on_the_next_visit(alice_client, alice):
    make_application(alice)
    assert PRACTICE.format(0) in _today(alice_client)[0]
    before = _version(alice)
    response = alice_client.post(
        reverse("routine:activity_add"), {"kind": "practice", "on": timezone.localdate()}
    )
    assert response.status_code == 302
    assert _version(alice) == before + 1
    assert PRACTICE.format(1) in _today(alice_client)[0]


def test_a_page_rendered_by_the_writing_request_counts_what_it_wrote(alice_client, alice):
    make_application(alice)
    assert PRACTICE.format(0) in _today(alice_client)[0]
    response = alice_client.post(
        reverse("routine:activity_add"),
        {"kind": "practice", "on": timezone.localdate()},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert PRACTICE.format(1) in response.content.decode()


def test_a_move_on_the_board_is_counted_on_the_next_visit(alice_client, alice):
    application = make_application(alice, "Wishlist")
    assert APPLICATIONS.format(0) in _today(alice_client)[0]
    response = alice_client.post(
        reverse("pipeline:application_move", args=[application.pk]),
        {"stage": stage(alice, "Applied").pk},
    )
    assert response.status_code in (200, 302)
    assert APPLICATIONS.format(1) in _today(alice_client)[0]


def test_a_write_outside_a_request_is_counted_too(alice_client, alice):
    """The CLI and `onward work` write without a request: signal receivers move the version."""
    make_application(alice)
    assert PRACTICE.format(0) in _today(alice_client)[0]
    activity = make_activity(alice, "practice")
    assert PRACTICE.format(1) in _today(alice_client)[0]
    ActivityLog.objects.filter(pk=activity.pk).get().delete()
    assert PRACTICE.format(0) in _today(alice_client)[0]
    make_application(alice)  # a new application and its first move
    assert APPLICATIONS.format(2) in _today(alice_client)[0]


def test_a_write_through_the_api_moves_the_version_on(alice, client):
    from onward.accounts.models import ApiToken

    _, raw = ApiToken.issue(alice, "script")
    before = _version(alice)
    response = client.post(
        "/api/activities",
        {"kind": "practice", "on": str(timezone.localdate())},
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert response.status_code < 300, response.content
    assert _version(alice) == before + 1


def test_reading_does_not_move_the_version(alice_client, alice):
    make_application(alice)
    before = _version(alice)
    _today(alice_client)
    alice_client.get(reverse("pipeline:board"))
    assert _version(alice) == before


def test_another_users_write_leaves_alices_cache_alone(alice_client, alice, bob_client, bob):
    make_application(alice)
    _today(alice_client)
    before = _version(alice)
    bob_client.post(
        reverse("routine:activity_add"), {"kind": "practice", "on": timezone.localdate()}
    )
    assert _version(alice) == before


def test_code_outside_a_request_sees_a_write_made_through_a_page(alice_client, alice):
    """The CLI or a test holds a user object from before the write: its figures are fresh."""
    from onward.routine.progress import routine_for

    make_application(alice)
    assert routine_for(alice).this_week.goal("practice").done == 0
    alice_client.post(
        reverse("routine:activity_add"), {"kind": "practice", "on": timezone.localdate()}
    )
    assert routine_for(alice).this_week.goal("practice").done == 1
