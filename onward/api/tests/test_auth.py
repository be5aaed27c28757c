import pytest

from onward.accounts.models import ApiToken

from .conftest import ApiClient

ROUTES = [
    ("get", "/api/applications"),
    ("post", "/api/applications"),
    ("get", "/api/applications/1"),
    ("patch", "/api/applications/1"),
    ("delete", "/api/applications/1"),
    ("post", "/api/applications/1/move"),
    ("get", "/api/applications/1/history"),
    ("get", "/api/applications/1/interviews"),
    ("post", "/api/applications/1/interviews"),
    ("get", "/api/stages"),
    ("get", "/api/companies"),
    ("post", "/api/companies"),
    ("get", "/api/companies/1"),
    ("get", "/api/contacts"),
    ("post", "/api/contacts"),
    ("get", "/api/contacts/1"),
]


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_it_answers_401_without_a_token(anonymous_api, method, path):
    response = getattr(anonymous_api, method)(path)

    assert response.status_code == 401


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_it_answers_401_with_a_wrong_token(db, method, path):
    response = getattr(ApiClient("onw_not-a-real-token"), method)(path)

    assert response.status_code == 401


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
