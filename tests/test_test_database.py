"""The test database is a copy of a template migrated once and kept between runs (conftest.py):
it must still be the database every current migration makes."""

import os

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


def test_a_killed_runs_worker_database_is_removed_and_a_live_ones_kept(tmp_path):
    """Worker databases live on tmpfs: a run that was killed must not leave them holding memory,
    and a run going on at the same time must keep its own."""
    import subprocess
    import sys

    from conftest import remove_stale_test_databases

    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead_pid = int(gone.stdout)
    dead = [tmp_path / f"onward-test-{dead_pid}.sqlite3{suffix}" for suffix in ("", "-wal")]
    live = tmp_path / f"onward-test-{os.getpid()}.sqlite3"
    other = tmp_path / "notes.sqlite3"
    for path in [*dead, live, other]:
        path.write_bytes(b"x")

    remove_stale_test_databases(tmp_path)

    assert not any(path.exists() for path in dead)
    assert live.exists() and other.exists()


def test_only_tests_that_touch_the_database_are_marked_for_the_postgresql_lane(request):
    """tools/test_lanes.py runs `-m database` on PostgreSQL: a test using the database through a
    fixture (db, a user, the live server) or the django_db mark must carry the mark."""
    from conftest import uses_database

    module_items = {item.name: item for item in request.node.parent.collect()}
    assert uses_database(module_items["test_every_migration_is_applied_to_the_test_database"])
    assert not uses_database(
        module_items["test_a_killed_runs_worker_database_is_removed_and_a_live_ones_kept"]
    )
    assert "database" not in request.node.keywords
