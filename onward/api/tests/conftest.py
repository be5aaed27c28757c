import json

import pytest
from django.test import Client

from onward.accounts.models import ApiToken


class ApiClient:
    """Django's test client speaking JSON with a bearer token."""

    def __init__(self, raw_token: str | None):
        headers = {"Authorization": f"Bearer {raw_token}"} if raw_token else {}
        self.client = Client(headers=headers)

    def get(self, path, params=None):
        return self.client.get(path, params or {})

    def post(self, path, body=None):
        return self.client.post(path, json.dumps(body or {}), content_type="application/json")

    def patch(self, path, body=None):
        return self.client.patch(path, json.dumps(body or {}), content_type="application/json")

    def delete(self, path):
        return self.client.delete(path)


def client_for(user) -> ApiClient:
    _, raw = ApiToken.issue(user, "tests")
    return ApiClient(raw)


@pytest.fixture
def alice_api(alice):
    return client_for(alice)


@pytest.fixture
def bob_api(bob):
    return client_for(bob)


@pytest.fixture
def anonymous_api(db):
    return ApiClient(None)
