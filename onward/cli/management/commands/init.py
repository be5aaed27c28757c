"""``onward init``: set up (or bring up to date) an Onward data folder. Safe to run again."""

import getpass
import hashlib
import os
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.staticfiles.finders import get_finders
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from rich.console import Console

from onward.accounts.models import start_account


def pending_migrations() -> int:
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def static_manifest() -> Path:
    return Path(settings.STATIC_ROOT) / "staticfiles.json"


def uses_manifest_storage() -> bool:
    return "Manifest" in settings.STORAGES["staticfiles"]["BACKEND"]


def static_sources_digest() -> str:
    """A digest of what collectstatic reads (every file the finders list, by name, size and
    time) and of the storage that writes it: the same digest, the same collected files."""
    files = sorted(
        (path, os.stat(storage.path(path)))
        for finder in get_finders()
        for path, storage in finder.list(["CVS", ".*", "*~"])
    )
    digest = hashlib.sha256(settings.STORAGES["staticfiles"]["BACKEND"].encode())
    for path, stat in files:
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def sources_stamp() -> Path:
    """Beside the static folder, not in it: whitenoise serves everything in it."""
    root = Path(settings.STATIC_ROOT)
    return root.with_name(f"{root.name}.sources")


def collect_static() -> int:
    """Collect static files into the data folder; return how many were copied. Skipped when
    the sources have not changed since the last collection: compressing them again took
    seconds on every `onward init` (and so on every `make run`)."""
    digest, stamp = static_sources_digest(), sources_stamp()
    collected = static_manifest().exists() if uses_manifest_storage() else True
    unchanged = stamp.is_file() and stamp.read_text() == digest
    if collected and unchanged and Path(settings.STATIC_ROOT).is_dir():
        return 0
    out = StringIO()
    call_command("collectstatic", interactive=False, verbosity=1, stdout=out)
    stamp.write_text(digest)
    # collectstatic's summary line starts with the number of files copied.
    words = out.getvalue().strip().splitlines()[-1].split() if out.getvalue().strip() else []
    return int(words[0]) if words and words[0].isdigit() else 0


class Command(BaseCommand):
    help = (
        "Set up Onward: create the data folder and secret key, migrate the database, collect "
        "static files and, with --username, create the first account. Running it again "
        "changes nothing that is already in place."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", help="Create this account if it does not exist yet.")
        parser.add_argument(
            "--password-file",
            help="Read the new account's password from this file (else ONWARD_INIT_PASSWORD, "
            "else a prompt).",
        )
        parser.add_argument("--email", default="", help="The new account's email address.")
        parser.add_argument(
            "--skip-static", action="store_true", help="Do not collect static files."
        )

    def handle(self, *args, username=None, password_file=None, email="", skip_static=False, **_):
        console = Console(file=self.stdout, highlight=False)
        data_dir = Path(settings.DATA_DIR)
        # settings.py already created the folder and generated the key on import.
        console.print(f"[bold]Data folder[/bold] {data_dir}")
        if os.environ.get("ONWARD_SECRET_KEY") or os.environ.get("ONWARD_SECRET_KEY_FILE"):
            console.print("  secret key: from the environment")
        else:
            console.print(f"  secret key: {data_dir / 'secret_key'}")

        pending = pending_migrations()
        if pending:
            call_command("migrate", interactive=False, verbosity=0)
            console.print(f"[green]✓[/green] Database: applied {pending} migration(s).")
        else:
            console.print("[green]✓[/green] Database: up to date.")

        if skip_static:
            console.print("  Static files: skipped.")
        else:
            copied = collect_static()
            where = settings.STATIC_ROOT
            if copied:
                console.print(f"[green]✓[/green] Static files: collected {copied} into {where}.")
            else:
                console.print(f"[green]✓[/green] Static files: up to date in {where}.")

        if username:
            self.ensure_account(console, username, email, password_file)
        elif not get_user_model().objects.exists():
            console.print(
                "No account yet: run [bold]onward init --username NAME[/bold], or open Onward "
                "in a browser to create the first one."
            )

    def ensure_account(self, console, username: str, email: str, password_file) -> None:
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            console.print(f"[green]✓[/green] Account {username!r}: exists.")
            return
        password = self.read_password(password_file)
        candidate = User(username=username, email=email)
        try:
            password_validation.validate_password(password, candidate)
        except ValidationError as exc:
            raise CommandError("Password not accepted: " + " ".join(exc.messages)) from exc
        with transaction.atomic():
            first = not User.objects.exists()
            user = User.objects.create_user(username=username, email=email, password=password)
            if first:
                # The first account owns the installation, as when created in the browser.
                user.is_staff = user.is_superuser = True
                user.save(update_fields=["is_staff", "is_superuser"])
            start_account(user)
        console.print(f"[green]✓[/green] Account {username!r}: created.")

    def read_password(self, password_file) -> str:
        if password_file:
            try:
                password = Path(password_file).read_text().rstrip("\r\n")
            except OSError as exc:
                raise CommandError(f"Cannot read the password file: {exc}") from exc
        elif os.environ.get("ONWARD_INIT_PASSWORD"):
            password = os.environ["ONWARD_INIT_PASSWORD"]
        else:
            password = getpass.getpass("Password for the new account: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The two passwords differ.")
        if not password:
            raise CommandError("The password is empty.")
        return password
