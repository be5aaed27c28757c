"""``onward export --user NAME --output FILE.zip``: everything one account holds."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from onward.portability.exporting import count_records, export_account

from ._common import console_for, find_user, progress_bar


class Command(BaseCommand):
    help = "Export one account (every record, CSVs for spreadsheets) into a zip file."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="The username to export.")
        parser.add_argument("--output", required=True, type=Path, help="The zip file to write.")

    def handle(self, *args, user: str, output: Path, **options):
        owner = find_user(user)
        if output.is_dir():
            raise CommandError(f"{output} is a folder: name the zip file to write.")
        console = console_for(self)
        partial = output.with_name(output.name + ".partial")
        try:
            with (
                partial.open("wb") as handle,
                progress_bar(console, "Exporting", sum(count_records(owner).values())) as step,
            ):
                manifest = export_account(owner, handle, progress=step)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise CommandError(f"Cannot write {output}: {exc.strerror}") from None
        partial.replace(output)
        total = sum(manifest["records"].values())
        console.print(f"[green]Exported {total} records of {user} to {output}.[/]")
