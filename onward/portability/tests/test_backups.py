"""Backups taken while another thread writes are sound, and one restores and reads."""

import sqlite3
import threading

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from onward.portability.backups import BackupError, backup, check, integrity_problems, restore
from onward.testing import make_application, make_user

sqlite_only = pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
    reason="SQLite's online backup; PostgreSQL backups go through pg_dump",
)


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_it_takes_sound_backups_while_another_thread_writes(tmp_path):
    user = make_user("writer")
    stop = threading.Event()
    written = []

    def write():
        from django.db import connection as thread_connection

        try:
            while not stop.is_set():
                written.append(make_application(user, "Applied", notes="x" * 2000).pk)
        finally:
            thread_connection.close()

    writer = threading.Thread(target=write)
    writer.start()
    try:
        folders = []
        for i in range(5):
            while len(written) < (i + 1) * 20:  # let the writer get going between copies
                stop.wait(0.01)
            folders.append(backup(tmp_path / f"backup-{i}").folder)
    finally:
        stop.set()
        writer.join()
    assert len(written) >= 100
    counts = []
    for folder in folders:
        assert integrity_problems(folder / "onward.sqlite3") == ""
        assert "integrity check passed" in check(folder)
        with sqlite3.connect(folder / "onward.sqlite3") as copy:
            counts.append(copy.execute("SELECT count(*) FROM pipeline_application").fetchone()[0])
    # Each copy is a moment of the database: later copies hold more.
    assert counts == sorted(counts) and counts[-1] > counts[0]

    data_dir = tmp_path / "restored"
    assert "onward.sqlite3" in restore(folders[-1], data_dir)
    with sqlite3.connect(data_dir / "onward.sqlite3") as restored:
        titles = restored.execute("SELECT count(*), min(title) FROM pipeline_application")
        n, title = titles.fetchone()
    assert n == counts[-1] and title.startswith("Role")
    assert (data_dir / "secret_key").read_text() == (settings.DATA_DIR / "secret_key").read_text()


@sqlite_only
def test_it_refuses_to_restore_over_a_database_without_force(alice, tmp_path):
    made = backup(tmp_path / "b")
    target = tmp_path / "data"
    target.mkdir()
    (target / "onward.sqlite3").write_bytes(b"the current database")
    with pytest.raises(BackupError, match="already holds onward.sqlite3"):
        restore(made.folder, target)
    assert (target / "onward.sqlite3").read_bytes() == b"the current database"
    restore(made.folder, target, force=True)
    assert integrity_problems(target / "onward.sqlite3") == ""


def test_it_says_a_damaged_backup_is_not_sound(tmp_path):
    folder = tmp_path / "b"
    folder.mkdir()
    (folder / "onward.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\x07" * 5000)
    with pytest.raises(CommandError, match="is not sound"):
        call_command("backup", check=folder)
    with pytest.raises(CommandError, match="holds no Onward backup"):
        call_command("backup", check=tmp_path)


@sqlite_only
def test_it_backs_up_from_the_command_line(alice, tmp_path, capsys):
    make_application(alice, "Applied")
    call_command("backup", output=tmp_path / "nightly")
    call_command("backup", check=tmp_path / "nightly")
    out = capsys.readouterr().out
    assert "Backed up onward.sqlite3, secret_key" in out
    assert "integrity check passed" in out


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"), reason="PostgreSQL only"
)
@pytest.mark.django_db(transaction=True)
def test_it_dumps_postgresql_with_pg_dump_or_says_what_to_run(tmp_path, monkeypatch):
    make_application(make_user("pat"), "Applied")
    import shutil

    if shutil.which("pg_dump"):
        made = backup(tmp_path / "pg")
        assert "onward.pgdump" in made.files
        assert "pg_restore reads it" in check(made.folder)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(
        BackupError, match=r"pg_dump is not installed(.|\n)*pg_dump --format=custom"
    ):
        backup(tmp_path / "pg2")
