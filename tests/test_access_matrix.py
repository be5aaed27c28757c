"""Every route that takes an object id, every HTTP method, requested as another user: 404.

Routes are read from the URL configuration, so a new route is covered the day it is added. A route
whose id kind has no factory below fails, on purpose: register one.
"""

import json
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from onward import testing

WEB_METHODS = ["get", "post"]
API_METHODS = ["get", "post", "put", "patch", "delete"]


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def all_routes() -> list[str]:
    return sorted(set(_walk(get_resolver().url_patterns)))


def object_routes():
    routes = []
    for route in _walk(get_resolver().url_patterns):
        kwargs = re.findall(r"<(?:\w+:)?(\w+)>", route)
        if any(k.endswith("_id") for k in kwargs):
            routes.append(route)
    return sorted(set(routes))


def _application(user):
    return testing.make_application(user, "Interviewing")


def _experiment(user):
    from onward.strategy.models import Experiment

    return Experiment.objects.create(user=user, title="More referrals")


def _title_group(user):
    from onward.strategy.models import TitleGroup

    return TitleGroup.objects.create(user=user, name="Data", keywords="data, analytics")


def _shared_with_a_coach(user):
    """The user shares their report with a third account (a coach who is not the requester)."""
    from onward.coaching.models import CoachAccess

    return CoachAccess.objects.create(seeker=user, coach=testing.make_user())


def _invitation(user):
    from onward.coaching.models import CoachInvitation

    return CoachInvitation.issue(user)[0]


def _sent_mail(user):
    from onward.core.outbox import SentMail

    return SentMail.objects.create(user=user, to="mia@example.org", subject="Hello")


def _inbox_signal(user):
    from onward.inbox.models import InboxSignal

    return InboxSignal.objects.create(
        user=user,
        message_id="<1@acme.test>",
        received_at=timezone.now(),
        from_address="a@acme.test",
    )


# One factory per id kind: given the owner, build an object of theirs and return its id.
FACTORIES = {
    "application_id": lambda u: _application(u).pk,
    "company_id": lambda u: testing.make_company(u).pk,
    "stage_id": lambda u: testing.stage(u, "Screening").pk,
    "interview_id": lambda u: testing.make_interview(_application(u)).pk,
    "contact_id": lambda u: testing.make_contact(u).pk,
    "link_id": lambda u: testing.link_contact(_application(u), testing.make_contact(u)).pk,
    "token_id": lambda u: testing.make_api_token(u)[0].pk,
    "debrief_id": lambda u: testing.make_debrief(u).pk,
    "lesson_id": lambda u: testing.make_lesson(testing.make_debrief(u)).pk,
    "reminder_id": lambda u: testing.make_reminder(u).pk,
    "experiment_id": lambda u: _experiment(u).pk,
    "title_group_id": lambda u: _title_group(u).pk,
    "change_id": lambda u: testing.move(_application(u), "Final round").pk,
    "interaction_id": lambda u: testing.make_interaction(testing.make_contact(u)).pk,
    "activity_id": lambda u: testing.make_activity(u).pk,
    "rest_period_id": lambda u: testing.make_rest(u, timezone.localdate()).pk,
    "review_id": lambda u: testing.make_review(u).pk,
    "check_in_id": lambda u: testing.make_check_in(u).pk,
    "win_id": lambda u: testing.make_win(u).pk,
    "skill_gap_id": lambda u: testing.make_skill_gap(u).pk,
    "learning_item_id": lambda u: testing.make_learning_item(u).pk,
    "seeker_id": lambda u: _shared_with_a_coach(u).seeker_id,
    "grant_id": lambda u: _shared_with_a_coach(u).pk,
    "signal_id": lambda u: _inbox_signal(u).pk,
    "invitation_id": lambda u: _invitation(u).pk,
    "sent_mail_id": lambda u: _sent_mail(u).pk,
    "document_id": lambda u: testing.make_document(u).pk,
    "document_link_id": lambda u: testing.attach_document(_application(u)).pk,
}


# Route arguments that are not object ids: a valid value of each.
VALUES = {
    "kind": "thank_you",
    "habit": "reflect",
    "token": "no-such-token",
    "uidb64": "MQ",  # a password-reset link's user id (1, base64-encoded)
    "key": "598de5b0-5b58-4ea7-8058-a4bc4d18c742",  # an ESCO skill (SQL)
}

# Valid API bodies, so a refused request is refused for ownership, not for a missing field.
API_BODIES = {
    "move": lambda bob: {"stage_id": testing.stage(bob, "Screening").pk},
    "interviews": lambda bob: {
        "round_name": "Call",
        "kind": "phone_screen",
        "starts_at": "2026-01-05T10:00:00Z",
    },
    "<application_id>": lambda bob: {"title": "Renamed"},
    "<change_id>": lambda bob: {"when": "2026-01-05T10:00:00Z"},
    "<contact_id>": lambda bob: {"title": "Renamed"},
    "interactions": lambda bob: {"channel": "call", "summary": "Caught up"},
    "feedback": lambda bob: {"state": "asked"},
    "sent": lambda bob: {"kind": "thank_you"},
    "complete": lambda bob: {"reconnect_months": 3},
    "snooze": lambda bob: {"days": 7},
    "/log": lambda bob: {"hours": 1, "on": "2024-01-02"},
}

MISSING_ID = 987654321


def build_url(route: str, owner=None) -> str:
    """The route's URL with an object of ``owner`` for every id (or a missing id if no owner)."""

    def replace(match):
        name = match.group(1)
        if name in VALUES:
            return VALUES[name]
        if name not in FACTORIES:
            pytest.fail(
                f"Route {route!r} takes {name!r}, which the access matrix cannot build. "
                "Add a factory for it to FACTORIES in tests/test_access_matrix.py."
            )
        return str(FACTORIES[name](owner) if owner else MISSING_ID)

    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", replace, route)


def test_it_finds_the_object_routes():
    routes = object_routes()
    assert any("applications/<int:application_id>" in r for r in routes)
    assert len(routes) >= 10


@pytest.mark.parametrize("route", object_routes())
def test_another_users_object_is_a_404_on_every_method(route, client, alice, bob):
    """Bob asking for Alice's object gets a 404; a request refused before any lookup (405, or 422
    for a malformed body) is allowed only if it is refused the same way for an id that does not
    exist, so it tells Bob nothing."""
    url = build_url(route, alice)
    missing_url = build_url(route)
    is_api = route.startswith("api/")
    if is_api:
        headers = {"Authorization": f"Bearer {testing.make_api_token(bob)[1]}"}
        methods = API_METHODS
        body_for = next((f for suffix, f in API_BODIES.items() if route.endswith(suffix)), None)
        body = body_for(bob) if body_for else {}
    else:
        client.force_login(bob)
        headers, methods, body = {}, WEB_METHODS, {}
    for method in methods:
        kwargs = {"headers": headers}
        if method != "get":
            kwargs["data"] = json.dumps(body) if is_api else body
            if is_api:
                kwargs["content_type"] = "application/json"
        response = getattr(client, method)(url, **kwargs)
        if response.status_code in (405, 422):
            missing = getattr(client, method)(missing_url, **kwargs)
            assert missing.status_code == response.status_code, (
                f"{method.upper()} {url}: {response.status_code} for another user's object "
                f"but {missing.status_code} for a missing one"
            )
            continue
        assert response.status_code == 404, (
            f"{method.upper()} {url} as another user gave {response.status_code}, not 404"
        )
