"""The test database is a copy of a template migrated once and kept between runs (conftest.py):
it must still be the database every current migration makes."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def test_every_migration_is_applied_to_the_test_database(db):
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    assert plan == []


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")
def test_the_sqlite_test_database_is_a_file_in_wal_mode(db):
    """As in a real installation (not Django's in-memory default)."""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
    assert not connection.is_in_memory_db()


@pytest.mark.browser
def test_the_browser_tests_are_kept_on_one_worker(request):
    """Under pytest-xdist's loadgroup (tools/test_lanes.py), an xdist_group mark (conftest.py)
    keeps its tests on one worker, which xdist does by suffixing the test's id with the group.
    With pytest 9 and xdist 3.8 that suffix was silently ignored: the browser tests, and each
    module's shared fixture, ran on both workers and were built twice."""
    if not getattr(request.config.option, "loadgroup", False):  # set by xdist on its workers
        pytest.skip("only under pytest-xdist with --dist loadgroup")
    assert request.node.nodeid.endswith("@browser")
