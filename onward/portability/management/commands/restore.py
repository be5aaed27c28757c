"""``onward restore DIR``: put a backup back into the (empty) data folder."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from onward.portability.backups import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup made by onward backup into an empty data folder (stop Onward first)."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="The backup folder.")
        parser.add_argument(
            "--force", action="store_true", help="Replace the database already in the data folder."
        )

    def handle(self, *args, folder: Path, force: bool, **options):
        if not settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
            raise CommandError(
                "Onward is set to use PostgreSQL (DATABASE_URL): restore the dump with "
                "pg_restore, as README's 'Backups' section shows."
            )
        try:
            restored = restore(folder, settings.DATA_DIR, force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Restored {', '.join(restored)} into {settings.DATA_DIR}.")
