"""Every error under /api/ is JSON with a ``detail``, including those answered outside the
API's views; the web's own error pages stay HTML."""

import pytest

from onward.testing import make_application


def test_an_unknown_api_path_is_a_json_404(alice_api):
    response = alice_api.get("/api/no-such-thing")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}


def test_a_method_a_path_does_not_take_is_a_json_405(alice_api):
    response = alice_api.client.put("/api/stages")

    assert response.status_code == 405
    assert response.json() == {"detail": "This path does not take that method."}
    assert response["Allow"] == "GET"


def test_a_missing_token_is_a_json_401(anonymous_api):
    response = anonymous_api.get("/api/applications")

    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}


def test_an_unexpected_error_is_a_json_500(alice, alice_api, monkeypatch):
    application = make_application(alice)

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("onward.api.pipeline.get_application", broken)
    alice_api.client.raise_request_exception = False  # answer as a server would

    response = alice_api.get(f"/api/applications/{application.pk}")

    assert response.status_code == 500
    assert response.json() == {"detail": "Onward hit an error it did not expect."}


def test_a_malformed_body_is_a_json_400(alice_api):
    response = alice_api.client.post(
        "/api/applications", "{not json", content_type="application/json"
    )

    assert response.status_code == 400
    assert "detail" in response.json()


def test_web_pages_keep_their_html_error_pages(alice_client):
    response = alice_client.get("/no-such-page/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("status", ["400", "401", "404", "422"])
def test_the_schema_documents_the_errors(db, status):
    from onward.api.api import api

    paths = api.get_openapi_schema()["paths"]
    operation = paths["/api/applications/{application_id}"]["patch"]

    assert status in operation["responses"]
