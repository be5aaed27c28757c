"""``onward import FILE.zip --user NAME [--merge] [--dry-run]``: an export into an account with
no job-search data, or (``--merge``) into one that has some (onward.portability.importing).

(The module is named after the command, as Django wants, though ``import`` is a keyword.)"""

import json
import zipfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from onward.portability.importing import ArchiveError, import_account

from ._common import console_for, find_user, progress_bar


class Command(BaseCommand):
    help = (
        "Import an Onward export into an account: a new one, or with --merge one that already "
        "holds a search (the records it holds are kept and not added twice)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The zip made by onward export.")
        parser.add_argument("--user", required=True, help="The username to import into.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check everything and say what would be saved."
        )
        parser.add_argument(
            "--merge",
            action="store_true",
            help="Merge into an account that already holds records: those it already has are "
            "kept as they are, the rest is added.",
        )

    def handle(self, *args, file: Path, user: str, dry_run: bool, merge: bool, **options):
        owner = find_user(user)
        if not file.is_file():
            raise CommandError(f"{file} is not a file.")
        console = console_for(self)
        try:
            with (
                file.open("rb") as handle,
                progress_bar(console, "Importing", total(handle)) as step,
            ):
                report = import_account(owner, handle, progress=step, dry_run=dry_run, merge=merge)
        except ArchiveError as exc:
            held = not merge and "already holds" in str(exc)
            hint = " Run it again with --merge to merge it into this account." if held else ""
            raise CommandError(f"Nothing was imported. {exc}{hint}") from None
        verb = "Would import" if dry_run else "Imported"
        console.print(f"[green]{verb} {report.total} records into {user}'s account.[/]")
        if merge:
            console.print(f"{report.total_skipped} records of the export were already there.")
        for label, n in report.created.items():
            kept = report.skipped.get(label, 0)
            if n or kept:
                console.print(f"  {label}: {n}" + (f" (already there: {kept})" if merge else ""))


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
