"""Backups that are sound while Onward runs, and restoring them.

Copying the SQLite file (and its -wal file) while the server writes can catch it half-way
through a write: the copy may be corrupt. SQLite's online backup API copies a consistent
snapshot instead, whatever the writers do meanwhile.
"""

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

DATABASE_FILE = "onward.sqlite3"
POSTGRES_FILE = "onward.pgdump"
SECRET_FILE = "secret_key"
UPLOADS = "uploads"


class BackupError(Exception):
    """The backup, check or restore could not be done; the message says what to do."""


@dataclass
class Backup:
    folder: Path
    files: list[str]


def database() -> dict:
    return settings.DATABASES["default"]


def backup(output: Path) -> Backup:
    """Write a copy of everything Onward keeps into the folder ``output`` (created if needed)."""
    output.mkdir(parents=True, exist_ok=True)
    written = []
    db = database()
    if db["ENGINE"].endswith("sqlite3"):
        copy_sqlite(Path(db["NAME"]), output / DATABASE_FILE)
        written.append(DATABASE_FILE)
    else:
        dump_postgres(db, output / POSTGRES_FILE)
        written.append(POSTGRES_FILE)
    secret = settings.DATA_DIR / SECRET_FILE
    if secret.is_file():
        shutil.copy2(secret, output / SECRET_FILE)
        (output / SECRET_FILE).chmod(0o600)
        written.append(SECRET_FILE)
    uploads = Path(settings.MEDIA_ROOT)
    if uploads.is_dir():
        shutil.copytree(uploads, output / UPLOADS, dirs_exist_ok=True)
        written.append(UPLOADS)
    return Backup(output, written)


def copy_sqlite(source: Path, target: Path) -> None:
    """A consistent copy through SQLite's online backup API, checked before it replaces
    an older copy (a half-written backup never takes the place of a good one)."""
    if not source.is_file():
        raise BackupError(f"There is no database at {source}: run onward init first.")
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(partial)
    try:
        # pages=-1: the whole database in one step, from one consistent snapshot (in WAL mode
        # writers carry on meanwhile).
        src.backup(dst, pages=-1)
        # One self-contained file, readable without a -wal beside it.
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()
        src.close()
    problems = integrity_problems(partial)
    if problems:
        raise BackupError(f"The copy failed its integrity check: {problems}")
    partial.replace(target)


def pg_dump_command(db: dict, target: Path) -> list[str]:
    command = ["pg_dump", "--format=custom", "--no-owner", f"--file={target}"]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            command.append(f"{option}={db[key]}")
    return [*command, str(db["NAME"])]


def dump_postgres(db: dict, target: Path) -> None:
    command = pg_dump_command(db, target)
    if shutil.which("pg_dump") is None:
        raise BackupError(
            "pg_dump is not installed here. Install the PostgreSQL client (Debian: apt install "
            "postgresql-client), or run this where it is, with the database password in "
            "PGPASSWORD:\n  " + " ".join(command)
        )
    env = {"PGPASSWORD": str(db.get("PASSWORD") or "")}
    result = subprocess.run(
        command, env={**os.environ, **env}, capture_output=True, text=True, check=False
    )
    if result.returncode:
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")


def integrity_problems(path: Path) -> str:
    """'' when SQLite's integrity check passes on the file at ``path``, else what it found."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = connection.execute("PRAGMA integrity_check").fetchall()
            tables = connection.execute(
                "SELECT count(*) FROM sqlite_master WHERE name = 'django_migrations'"
            ).fetchone()[0]
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    if rows != [("ok",)]:
        return "; ".join(row[0] for row in rows[:5])
    if not tables:
        return "it holds no Onward database"
    return ""


def check(folder: Path) -> str:
    """Check a backup folder; returns a line describing it, raises BackupError if unsound."""
    db_file = folder / DATABASE_FILE
    if db_file.is_file():
        problems = integrity_problems(db_file)
        if problems:
            raise BackupError(f"{db_file} is not sound: {problems}")
        return f"{db_file}: integrity check passed."
    if (folder / POSTGRES_FILE).is_file():
        if shutil.which("pg_restore") is None:
            raise BackupError("pg_restore is not installed here, so the dump cannot be checked.")
        result = subprocess.run(
            ["pg_restore", "--list", str(folder / POSTGRES_FILE)],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            raise BackupError(f"The PostgreSQL dump cannot be read: {result.stderr.strip()}")
        return f"{folder / POSTGRES_FILE}: pg_restore reads it."
    raise BackupError(f"{folder} holds no Onward backup ({DATABASE_FILE} or {POSTGRES_FILE}).")


def restore(folder: Path, data_dir: Path, *, force: bool = False) -> list[str]:
    """Put a SQLite backup back into ``data_dir`` (stop Onward first). Refuses a data folder
    that already has a database unless ``force``."""
    check(folder)
    if not (folder / DATABASE_FILE).is_file():
        raise BackupError(
            "This is a PostgreSQL backup: restore it with pg_restore, e.g.\n  pg_restore "
            f"--clean --no-owner --dbname=<your database> {folder / POSTGRES_FILE}"
        )
    data_dir.mkdir(parents=True, exist_ok=True)
    target = data_dir / DATABASE_FILE
    occupied = [p.name for p in (target, data_dir / UPLOADS) if p.exists()]
    if occupied and not force:
        raise BackupError(
            f"{data_dir} already holds {', '.join(occupied)}. Restore into an empty data folder, "
            "or add --force to replace them (stop Onward first)."
        )
    for leftover in (
        target.with_name(target.name + "-wal"),
        target.with_name(target.name + "-shm"),
    ):
        leftover.unlink(missing_ok=True)
    shutil.copy2(folder / DATABASE_FILE, target)
    restored = [DATABASE_FILE]
    if (folder / SECRET_FILE).is_file():
        shutil.copy2(folder / SECRET_FILE, data_dir / SECRET_FILE)
        (data_dir / SECRET_FILE).chmod(0o600)
        restored.append(SECRET_FILE)
    if (folder / UPLOADS).is_dir():
        shutil.copytree(folder / UPLOADS, data_dir / UPLOADS, dirs_exist_ok=True)
        restored.append(UPLOADS)
    return restored
