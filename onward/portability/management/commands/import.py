"""``onward import FILE.zip --user NAME``: an export into an account with no job-search data.

(The module is named after the command, as Django wants, though ``import`` is a keyword.)"""

import json
import zipfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from onward.portability.importing import ArchiveError, import_account

from ._common import console_for, find_user, progress_bar


class Command(BaseCommand):
    help = "Import an Onward export into an account (a new one: it must hold no records yet)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The zip made by onward export.")
        parser.add_argument("--user", required=True, help="The username to import into.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check everything and say what would be saved."
        )

    def handle(self, *args, file: Path, user: str, dry_run: bool, **options):
        owner = find_user(user)
        if not file.is_file():
            raise CommandError(f"{file} is not a file.")
        console = console_for(self)
        try:
            with (
                file.open("rb") as handle,
                progress_bar(console, "Importing", total(handle)) as step,
            ):
                report = import_account(owner, handle, progress=step, dry_run=dry_run)
        except ArchiveError as exc:
            raise CommandError(f"Nothing was imported. {exc}") from None
        verb = "Would import" if dry_run else "Imported"
        console.print(f"[green]{verb} {report.total} records into {user}'s account.[/]")
        for label, n in report.created.items():
            if n:
                console.print(f"  {label}: {n}")


def total(handle) -> int | None:
    """The record count the manifest announces, for the progress bar (None if unreadable:
    the import itself then says what is wrong)."""
    try:
        with zipfile.ZipFile(handle) as archive:
            counts = json.loads(archive.read("manifest.json")).get("records", {})
        return sum(n for n in counts.values() if isinstance(n, int))
    except (zipfile.BadZipFile, KeyError, ValueError, AttributeError, TypeError):
        return None
    finally:
        handle.seek(0)
