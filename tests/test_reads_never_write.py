"""A page view is a read: it must not write (on SQLite a write waits for every other writer,
and under load would fail), so that no one's import or edit can lock anyone out of reading."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from onward.testing import make_application

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


@pytest.fixture
def search(alice):
    old = timezone.now() - timedelta(days=40)
    applications = [make_application(alice, "Applied", when=old) for _ in range(3)]
    make_application(alice, "Rejected")
    return applications


@pytest.mark.parametrize(
    "path",
    [
        "/today/",
        "/board/",
        "/applications/",
        "/applications/?sort=company",
        "APPLICATION",
        "/contacts/",
        "/insights/",
        "/settings/",
        "/due/",
        "/debriefs/",
    ],
)
def test_reading_a_page_writes_nothing(alice_client, search, path):
    if path == "APPLICATION":
        path = search[0].get_absolute_url()
    # The first visit may set up what a new account lacks (its profile, its routine settings).
    assert alice_client.get(path).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert alice_client.get(path).status_code == 200
    written = [q["sql"] for q in queries.captured_queries]
    assert [sql for sql in written if sql.lstrip().upper().startswith(WRITES)] == []
