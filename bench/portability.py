"""The full export and its import: time and peak memory for a big account.

    python bench/portability.py                        # 10,000 and 2,000 applications, SQLite
    python bench/portability.py --applications 20000   # other sizes (repeatable)
    DATABASE_URL=postgres://... python bench/portability.py   # a scratch PostgreSQL database

For each size it fills an account (five stage changes per application, interviews, notes,
contacts, with bench/run.py's filler), exports it to a zip, and imports that zip into a new
account. Target: each under 10 s at 10,000 applications and 50,000 stage changes. Peak memory
(tracemalloc, Python objects only, on a run of its own since tracemalloc slows Python down)
should not grow with the account: the export streams records in chunks and asks the database
for the archive ids of the records a chunk links to; the import saves in batches and keeps its
map from the archive's ids to the database's as runs of consecutive ids.

"Others wait" is the longest another user's write waited while the step ran: a second thread
changes another account all the while. Target: about a second at most (on SQLite the import
writes in batches of a thousand records; on PostgreSQL it locks only its own rows). The
preview is the check before an import (a dry run: on SQLite written in batches and deleted
again).
"""

import argparse
import os
import random
import shutil
import sys
import tempfile
import threading
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_SECONDS = 10.0
CHANGES_PER_APPLICATION = 5


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--applications",
        type=int,
        action="append",
        help="Applications in the account (default: 10000 and 2000).",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-memory", action="store_true", help="Skip the (slow) memory runs.")
    return parser.parse_args(argv)


def setup_django(scratch: Path) -> None:
    os.environ["ONWARD_DATA_DIR"] = str(scratch)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onward.settings")
    import django

    django.setup()


def new_user(name: str):
    from django.contrib.auth import get_user_model

    from onward.accounts.models import start_account

    user = get_user_model().objects.create_user(name, password=None)
    start_account(user)
    return user


def export_to(user, path: Path) -> tuple[float, float]:
    """(wall-clock seconds, CPU seconds of this process)."""
    from onward.portability.exporting import export_account

    started, cpu = time.perf_counter(), time.process_time()
    with path.open("wb") as handle:
        export_account(user, handle)
    return time.perf_counter() - started, time.process_time() - cpu


def import_from(user, path: Path, dry_run: bool = False) -> tuple[float, float, int]:
    from onward.portability.importing import import_account

    started, cpu = time.perf_counter(), time.process_time()
    with path.open("rb") as handle:
        report = import_account(user, handle, dry_run=dry_run)
    return time.perf_counter() - started, time.process_time() - cpu, report.total


class OtherWriter(threading.Thread):
    """Another user changing their account every 20 ms, on a connection of its own: the
    longest one change took is how long the step kept other people waiting."""

    def __init__(self, user_id: int):
        super().__init__(daemon=True)
        self.user_id, self.longest, self.failures = user_id, 0.0, 0
        self.done = threading.Event()

    def run(self) -> None:
        from django.db import DatabaseError, connection, transaction
        from django.db.models import F

        from onward.accounts.models import Profile

        try:
            while not self.done.is_set():
                started = time.perf_counter()
                try:
                    with transaction.atomic():
                        Profile.objects.filter(user_id=self.user_id).update(
                            data_version=F("data_version") + 1
                        )
                except DatabaseError:
                    self.failures += 1
                self.longest = max(self.longest, time.perf_counter() - started)
                self.done.wait(0.02)
        finally:
            connection.close()


def while_another_writes(other_user, function, *args):
    """function(*args), with OtherWriter at work; returns (its result, the longest wait)."""
    writer = OtherWriter(other_user.pk)
    writer.start()
    try:
        result = function(*args)
    finally:
        writer.done.set()
        writer.join()
    wait = f"{writer.longest * 1000:.0f} ms" + (
        f", {writer.failures} failed" if writer.failures else ""
    )
    return result, wait


def peak(function, *args) -> int:
    tracemalloc.start()
    function(*args)
    _, top = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return top


def run(args, scratch: Path) -> int:
    import django
    from django.db import connection
    from rich.console import Console
    from rich.table import Table

    from bench.run import fill

    console = Console()
    if not console.is_terminal:
        console = Console(width=120)
    test_settings = connection.settings_dict.setdefault("TEST", {})
    if connection.vendor == "sqlite":
        test_settings["NAME"] = str(scratch / "bench.sqlite3")
    else:
        test_settings["NAME"] = f"onward_bench_portability_{os.getpid()}"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    sizes = args.applications or [10000, 2000]
    table = Table(title=f"Export and import on {connection.vendor} (Django {django.get_version()})")
    columns = ["Applications", "Stage changes", "Records", "Zip", "Step", "Seconds", "CPU s",
               "Others wait", "Peak memory", "OK"]  # fmt: skip
    for column in columns:
        table.add_column(column, justify="right")
    all_ok = True
    try:
        for n, size in enumerate(sizes):
            with console.status(f"{size:,} applications: filling…"):
                # fill() names its user "bench": rename it so the next size can fill again.
                user, _ = fill(size, size * CHANGES_PER_APPLICATION, random.Random(args.seed))
                user.username = f"bench-{n}"
                user.save(update_fields=["username"])
                if connection.vendor == "postgresql":  # as autovacuum would, before any timing
                    with connection.cursor() as cursor:
                        cursor.execute("ANALYZE")
            archive = scratch / f"export-{size}.zip"
            other = new_user(f"someone-else-{n}")
            with console.status(f"{size:,} applications: exporting…"):
                (export_seconds, export_cpu), export_wait = while_another_writes(
                    other, export_to, user, archive
                )
            with console.status(f"{size:,} applications: checking the import…"):
                (preview_seconds, preview_cpu, _), preview_wait = while_another_writes(
                    other, import_from, new_user(f"preview-{n}"), archive, True
                )
            with console.status(f"{size:,} applications: importing…"):
                (import_seconds, import_cpu, records), import_wait = while_another_writes(
                    other, import_from, new_user(f"copy-{n}"), archive
                )
            export_peak = import_peak = None
            if not args.no_memory:
                with console.status(f"{size:,} applications: measuring memory…"):
                    export_peak = peak(export_to, user, scratch / "memory.zip")
                    import_peak = peak(import_from, new_user(f"memory-{n}"), archive)
            for step, seconds, cpu, wait, top in (
                ("export", export_seconds, export_cpu, export_wait, export_peak),
                ("preview", preview_seconds, preview_cpu, preview_wait, None),
                ("import", import_seconds, import_cpu, import_wait, import_peak),
            ):
                ok = seconds < TARGET_SECONDS or size > 10000
                all_ok &= ok
                table.add_row(
                    f"{size:,}",
                    f"{size * CHANGES_PER_APPLICATION:,}",
                    f"{records:,}",
                    f"{archive.stat().st_size / 1e6:.1f} MB",
                    step,
                    f"{seconds:.2f}",
                    f"{cpu:.2f}",
                    wait,
                    "-" if top is None else f"{top / 1e6:.1f} MB",
                    "[green]yes[/]" if ok else "[red]no[/]",
                )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    console.print(table)
    console.print(
        f"Target: export and import each under {TARGET_SECONDS:.0f} s up to 10,000 applications "
        "and 50,000 stage changes; peak memory flat in the account's size. CPU s is "
        "this process's own time: on a busy machine, wall-clock seconds include waiting for a core."
    )
    return 0 if all_ok else 1


def main(argv=None) -> int:
    args = parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="onward-bench-portability-"))
    try:
        setup_django(scratch)
        return run(args, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
