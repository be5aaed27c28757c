"""``onward import-linkedin Connections.csv --user NAME``: import LinkedIn connections.

The file name has a dash on purpose: Django names a command after its module file, and this
is how the command is spelled. The import streams the file and writes in batches, in one
transaction: a crash leaves the database as it was.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

from onward.network.linkedin import import_connections


class Command(BaseCommand):
    help = "Import a LinkedIn Connections.csv into a user's contacts (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The Connections.csv from LinkedIn's export.")
        parser.add_argument("--user", required=True, help="The username to import for.")

    def handle(self, *args, file: Path, user: str, **options):
        try:
            owner = get_user_model().objects.get(username=user)
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"There is no user called {user!r}.") from exc
        if not file.is_file():
            raise CommandError(f"{file} is not a file.")
        # Rich types file as typing.IO; Django's OutputWrapper is a TextIOBase (works, not an IO).
        console = Console(file=self.stdout, stderr=False)  # type: ignore[arg-type]
        size = file.stat().st_size
        with (
            file.open("rb") as handle,
            Progress(
                TextColumn("[bold]Importing[/]"),
                BarColumn(),
                DownloadColumn(),
                TimeRemainingColumn(),
                console=console,
                transient=True,
            ) as progress,
        ):
            task = progress.add_task("import", total=size or None)
            report = import_connections(owner, handle, progress=lambda n: progress.advance(task, n))
        if report.error:
            raise CommandError(report.error)
        console.print(f"Read as: {report.layout}.")
        console.print(f"[green]{report.summary}[/]")
        for row, reason in report.skipped:
            console.print(f"  Row {row}: skipped, {reason}")
        for row, text in report.notes:
            console.print(f"  Row {row}: {text}")
        if report.skipped_count > len(report.skipped):
            console.print(f"  …{report.skipped_count} rows skipped in all.")
