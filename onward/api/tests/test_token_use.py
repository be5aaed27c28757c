"""Reading through the API never writes: the token's "last used" time is written at most once
an hour, and a busy database cannot fail the read."""

from datetime import timedelta

import time_machine
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from onward.accounts.models import ApiToken

from .conftest import client_for

WRITES = ("INSERT", "UPDATE", "DELETE")


def writes(queries) -> list[str]:
    return [
        q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith(WRITES)
    ]


def test_the_first_use_is_recorded_and_the_next_reads_write_nothing(alice):
    api = client_for(alice)
    assert api.get("/api/applications").status_code == 200
    token = ApiToken.objects.get(user=alice)
    assert token.last_used_at is not None

    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            assert api.get("/api/applications").status_code == 200
    assert writes(queries) == []


def test_the_use_is_recorded_again_after_an_hour(alice):
    api = client_for(alice)
    api.get("/api/applications")
    first = ApiToken.objects.get(user=alice).last_used_at
    with time_machine.travel(timezone.now() + timedelta(minutes=59)):
        api.get("/api/applications")
    assert ApiToken.objects.get(user=alice).last_used_at == first
    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        api.get("/api/applications")
    assert ApiToken.objects.get(user=alice).last_used_at > first


def test_a_busy_database_does_not_fail_the_read(alice, monkeypatch):
    from django.db.models import QuerySet

    api = client_for(alice)

    def busy(self, **kwargs):
        if self.model is ApiToken:
            raise OperationalError("database is locked")
        return original(self, **kwargs)

    original = QuerySet.update
    monkeypatch.setattr(QuerySet, "update", busy)
    assert api.get("/api/applications").status_code == 200
    assert ApiToken.objects.get(user=alice).last_used_at is None
