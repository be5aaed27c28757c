"""Every route that takes an object id, every HTTP method, requested as another user: 404.

Routes are read from the URL configuration, so a new route is covered the day it is added. A route
whose id kind has no factory below fails, on purpose: register one.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from onward import testing

WEB_METHODS = ["get", "post"]
API_METHODS = ["get", "post", "put", "patch", "delete"]


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def object_routes():
    routes = []
    for route in _walk(get_resolver().url_patterns):
        kwargs = re.findall(r"<(?:\w+:)?(\w+)>", route)
        if any(k.endswith("_id") for k in kwargs):
            routes.append(route)
    return sorted(set(routes))


def _application(user):
    return testing.make_application(user, "Interviewing")


# One factory per id kind: given the owner, build an object of theirs and return its id.
FACTORIES = {
    "application_id": lambda u: _application(u).pk,
    "company_id": lambda u: testing.make_company(u).pk,
    "stage_id": lambda u: testing.stage(u, "Screening").pk,
    "interview_id": lambda u: testing.make_interview(_application(u)).pk,
    "contact_id": lambda u: testing.make_contact(u).pk,
    "link_id": lambda u: testing.link_contact(_application(u), testing.make_contact(u)).pk,
    "token_id": lambda u: testing.make_api_token(u)[0].pk,
}


def build_url(route: str, owner) -> str:
    def replace(match):
        name = match.group(1)
        if name not in FACTORIES:
            pytest.fail(
                f"Route {route!r} takes {name!r}, which the access matrix cannot build. "
                "Add a factory for it to FACTORIES in tests/test_access_matrix.py."
            )
        return str(FACTORIES[name](owner))

    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", replace, route)


def test_it_finds_the_object_routes():
    routes = object_routes()
    assert any("applications/<int:application_id>" in r for r in routes)
    assert len(routes) >= 10


@pytest.mark.parametrize("route", object_routes())
def test_another_users_object_is_a_404_on_every_method(route, client, alice, bob):
    url = build_url(route, alice)
    is_api = route.startswith("api/")
    if is_api:
        raw = testing.make_api_token(bob)[1]
        headers = {"Authorization": f"Bearer {raw}"}
        methods = API_METHODS
    else:
        client.force_login(bob)
        headers = {}
        methods = WEB_METHODS
    for method in methods:
        response = getattr(client, method)(url, headers=headers, content_type="application/json")
        if response.status_code == 405:
            # The method is refused whoever asks (so nothing leaks); check the owner gets 405 too.
            owner = testing.make_api_token(alice)[1] if is_api else None
            if is_api:
                own = getattr(client, method)(
                    url, headers={"Authorization": f"Bearer {owner}"}, content_type="application/json"
                )
            else:
                client.force_login(alice)
                own = getattr(client, method)(url)
                client.force_login(bob)
            assert own.status_code == 405, f"{method.upper()} {url}: 405 for bob only"
            continue
        assert response.status_code == 404, (
            f"{method.upper()} {url} as another user gave {response.status_code}, not 404"
        )
