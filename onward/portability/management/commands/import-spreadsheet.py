"""``onward import-spreadsheet FILE --user NAME``: applications from another tracker's CSV
export (Huntr, Teal, JobSync) or a spreadsheet (CSV or XLSX). Named with a dash, as Django names a
command after its module."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from onward.pipeline.models import Stage
from onward.portability.trackers import (
    FIELDS,
    LAYOUTS,
    TableError,
    guess_layout,
    guess_stages,
    import_table,
    read_table,
    status_words,
)

from ._common import console_for, find_user


class Command(BaseCommand):
    help = (
        "Import applications from a Huntr, Teal or JobSync CSV export, or a spreadsheet (CSV/XLSX)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", required=True, help="The username to import for.")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="COLUMN=FIELD",
            help=f"Read a column as a field (one of: {', '.join(FIELDS)}; 'skip' ignores it).",
        )
        parser.add_argument(
            "--status",
            action="append",
            default=[],
            metavar="WORD=STAGE",
            help="Put rows with this status into this stage (by the stage's name).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Show, save nothing.")

    def handle(self, *args, file: Path, user: str, map, status, dry_run, **options):
        owner = find_user(user)
        if not file.is_file():
            raise CommandError(f"{file} is not a file.")
        console = console_for(self)
        try:
            table = read_table(file.read_bytes(), file.name)
            layout, mapping = guess_layout(table.headers)
            mapping = self.apply_map(table.headers, mapping, map)
            words = status_words(table, mapping, layout)
            stage_map = guess_stages(owner, words)
            stage_map.update(self.apply_status(owner, status))
            console.print(
                f"Read as: {LAYOUTS[layout].name if layout in LAYOUTS else 'a spreadsheet'}."
            )
            for index, name in sorted(mapping.items()):
                console.print(f"  column {table.headers[index]!r} → {FIELDS[name].lower()}")
            names = dict(Stage.objects.for_user(owner).values_list("pk", "name"))
            for word, stage_id in stage_map.items():
                console.print(f"  status {word!r} → stage {names.get(stage_id)!r}")
            report = import_table(owner, table, mapping, stage_map, layout, dry_run=dry_run)
        except TableError as exc:
            raise CommandError(f"Nothing was imported. {exc}") from None
        verb = "Would add" if dry_run else "Added"
        console.print(
            f"[green]{verb} {report.created} applications; {report.unchanged} already here; "
            f"{report.skipped_count} rows skipped.[/]"
        )
        for row, reason in report.skipped:
            console.print(f"  Row {row}: skipped, {reason}")
        for row, text in report.notes:
            console.print(f"  Row {row}: {text}")

    def apply_map(self, headers, mapping, pairs):
        for pair in pairs:
            column, _, name = pair.partition("=")
            if column not in headers:
                raise CommandError(
                    f"There is no column {column!r} (columns: {', '.join(headers)})."
                )
            if name not in FIELDS and name != "skip":
                raise CommandError(
                    f"{name!r} is not a field: use one of {', '.join(FIELDS)}, or skip."
                )
            index = headers.index(column)
            mapping = {i: f for i, f in mapping.items() if i != index and f != name}
            if name != "skip":
                mapping[index] = name
        return mapping

    def apply_status(self, owner, pairs):
        stages = {s.name.casefold(): s.pk for s in Stage.objects.for_user(owner)}
        chosen = {}
        for pair in pairs:
            word, _, stage = pair.partition("=")
            if stage.casefold() not in stages:
                raise CommandError(f"You have no stage called {stage!r}.")
            chosen[word] = stages[stage.casefold()]
        return chosen
