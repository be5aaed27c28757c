import json
import re

import pytest
from django.urls import URLPattern, reverse

from onward.accounts.models import ApiToken
from onward.api.api import api

from .conftest import ApiClient

# What the API serves without a token, on purpose: its description, for writing a client
# against. Every other route needs one.
PUBLIC = [("get", "/api/openapi.json"), ("get", "/api/docs")]

PARAMETER = re.compile(r"\{(?:\w+:)?\w+\}|<(?:\w+:)?\w+>")  # ninja's {x} and Django's <x>


def api_routes() -> list[tuple[str, str]]:
    """Every (method, path) the API serves, read from the NinjaAPI itself, so that a new
    endpoint is covered without being listed here; path parameters are filled with 1."""
    root = reverse("api:api-root")
    routes: list[tuple[str, str]] = []
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            url = PARAMETER.sub("1", re.sub(r"/+", "/", f"{root}/{prefix}/{path}"))
            for operation in path_view.operations:
                routes.extend((method.lower(), url) for method in operation.methods)
    # The URLs Django resolves for the API: the operations' and the API's own pages (but not
    # ninja's bare root, a 404 unless DEBUG, when it points to the docs).
    patterns, _, _ = api.urls
    served = {
        PARAMETER.sub("1", f"{root}{pattern.pattern}")
        for pattern in patterns
        if not (isinstance(pattern, URLPattern) and pattern.name == "api-root")
    }
    # The operations are found (a change in ninja's internals would show here)...
    assert len(routes) > 50 and {url for _, url in routes} <= served
    # ...and the pages that are not operations (the description) are served to GET.
    pages = served - {url for _, url in routes}
    return routes + [("get", url) for url in sorted(pages)]


ROUTES = api_routes()
PROTECTED = [route for route in ROUTES if route not in PUBLIC]


def request(client: ApiClient, method: str, path: str):
    return client.client.generic(method.upper(), path, json.dumps({}), "application/json")


def test_the_public_list_names_api_routes():
    assert len(ROUTES) == len(set(ROUTES))
    assert set(PUBLIC) <= set(ROUTES)


@pytest.mark.parametrize(("method", "path"), PUBLIC)
def test_the_description_answers_without_a_token(anonymous_api, method, path):
    assert request(anonymous_api, method, path).status_code == 200


@pytest.mark.parametrize(("method", "path"), PROTECTED)
def test_it_answers_401_without_a_token(anonymous_api, method, path):
    assert request(anonymous_api, method, path).status_code == 401


@pytest.mark.parametrize(("method", "path"), PROTECTED)
def test_it_answers_401_with_a_wrong_token(db, method, path):
    assert request(ApiClient("onw_not-a-real-token"), method, path).status_code == 401


def test_it_answers_401_for_a_deactivated_user(alice):
    _, raw = ApiToken.issue(alice, "script")
    alice.is_active = False
    alice.save()

    assert ApiClient(raw).get("/api/stages").status_code == 401


def test_it_answers_401_after_the_token_is_deleted(alice):
    token, raw = ApiToken.issue(alice, "script")
    token.delete()

    assert ApiClient(raw).get("/api/stages").status_code == 401


def test_it_accepts_a_valid_token(alice_api):
    assert alice_api.get("/api/stages").status_code == 200


def test_it_does_not_take_a_browser_session_for_a_token(alice_client):
    assert alice_client.get("/api/stages").status_code == 401
