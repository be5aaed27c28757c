from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from onward.pipeline.models import Application
from onward.portability.tests.helpers import contents, export_bytes
from onward.testing import PASSWORD, make_application

from .conftest import client_for

User = get_user_model()


def test_it_exports_the_whole_account(alice):
    make_application(alice, "Applied", title="Engineer")
    response = client_for(alice).get("/api/export")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    data = b"".join(response.streaming_content)
    assert contents(data) == contents(export_bytes(alice))


def post_file(user, data: bytes, **fields):
    upload = SimpleUploadedFile("onward.zip", data, content_type="application/zip")
    return client_for(user).client.post("/api/import", {"file": upload, **fields})


def test_it_imports_an_export_or_says_why_not(alice, bob):
    make_application(alice, "Applied", title="Engineer")
    data = export_bytes(alice)
    response = post_file(bob, data, dry_run="true")
    assert response.status_code == 200
    assert response.json()["created"]["pipeline.Application"] == 1
    assert not Application.objects.for_user(bob).exists()

    response = post_file(bob, data)
    assert response.status_code == 200 and response.json()["dry_run"] is False
    assert Application.objects.get(user=bob).title == "Engineer"

    again = post_file(bob, data)
    assert again.status_code == 400
    assert "already holds 1 companies, 1 applications" in again.json()["detail"]
    assert post_file(bob, b"junk").status_code == 400
    assert Application.objects.for_user(bob).count() == 1


def test_it_deletes_the_account_with_the_password(alice, bob):
    api = client_for(alice)
    wrong = api.post("/api/account/delete", {"password": "guess"})
    assert wrong.status_code == 422
    assert wrong.json()["detail"][0]["msg"] == "That is not your password."
    assert User.objects.filter(pk=alice.pk).exists()
    assert api.post("/api/account/delete", {"password": PASSWORD}).status_code == 204
    assert not User.objects.filter(username="alice").exists()
    # Its token went with it.
    assert api.get("/api/export").status_code == 401
    assert User.objects.filter(pk=bob.pk).exists()
