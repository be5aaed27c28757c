"""A write that cannot get the database (another writer holds SQLite's lock past the busy
timeout, or no pooled PostgreSQL connection comes free) answers 503 with Retry-After, never 500."""

import sqlite3
from contextlib import contextmanager

import pytest
from django.db import OperationalError, connection
from django.test import Client
from psycopg_pool import PoolTimeout

from onward.accounts.models import ApiToken
from onward.core.http import database_busy
from onward.pipeline.models import Note
from onward.testing import make_application, make_user


@contextmanager
def locked_out():
    """Another process holds SQLite's write lock; this one gives up waiting after 50 ms."""
    other = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
    connection.ensure_connection()
    connection.connection.execute("PRAGMA busy_timeout = 50")
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()
        connection.close()  # the next connection starts with the configured timeout


sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's write lock (PostgreSQL: the pool's timeout)"
)


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_a_page_write_on_a_locked_database_answers_503_with_retry_after():
    user = make_user("alice")
    application = make_application(user, "Applied")
    client = Client(raise_request_exception=False)
    client.force_login(user)

    with locked_out():
        response = client.post(f"{application.get_absolute_url()}notes/", {"body": "Called."})

    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "busy" in response.content.decode()
    assert not Note.objects.exists()


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_an_api_write_on_a_locked_database_answers_503_in_json():
    user = make_user("alice")
    _, raw = ApiToken.issue(user, "tests")
    client = Client(raise_request_exception=False, headers={"Authorization": f"Bearer {raw}"})
    client.get("/api/companies")  # the token's first use is recorded before the lock

    with locked_out():
        response = client.post("/api/companies", {"name": "Acme"}, content_type="application/json")

    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert "busy" in response.json()["detail"]
    assert response["Retry-After"]


def test_it_tells_a_busy_database_from_other_errors():
    assert database_busy(OperationalError("database is locked"))
    assert database_busy(PoolTimeout("couldn't get a connection after 10.00 sec"))
    wrapped = OperationalError("pool")
    wrapped.__cause__ = PoolTimeout("timeout")
    assert database_busy(wrapped)
    assert not database_busy(OperationalError("no such table: pipeline_note"))
    assert not database_busy(ValueError("database is locked"))
    assert not database_busy(None)


def test_any_other_error_is_still_a_500(rf):
    from onward.core.http import server_error

    try:
        raise RuntimeError("a bug")
    except RuntimeError:
        response = server_error(rf.get("/board/"))
    assert response.status_code == 500
    assert not response.has_header("Retry-After")
