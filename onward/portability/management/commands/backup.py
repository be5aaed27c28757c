"""``onward backup --output DIR``: a sound copy of everything, safe while Onward runs;
``onward backup --check DIR``: is a backup sound?"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from onward.portability.backups import BackupError, backup
from onward.portability.backups import check as check_backup


class Command(BaseCommand):
    help = "Back up the database, the secret key and uploads into a folder (safe while running)."

    def add_arguments(self, parser):
        what = parser.add_mutually_exclusive_group(required=True)
        what.add_argument("--output", type=Path, help="Folder to write the backup into.")
        what.add_argument("--check", type=Path, metavar="DIR", help="Check the backup in DIR.")

    def handle(self, *args, output: Path | None, check: Path | None, **options):
        try:
            if check is not None:
                self.stdout.write(check_backup(check))
                return
            assert output is not None
            made = backup(output)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Backed up {', '.join(made.files)} into {made.folder}.")
