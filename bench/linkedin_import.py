"""LinkedIn Connections.csv import: time and peak memory, first import and re-import.

    python bench/linkedin_import.py                   # 30,000 and 10,000 rows, SQLite scratch
    python bench/linkedin_import.py --rows 50000      # other sizes (repeatable)
    DATABASE_URL=postgres://... python bench/linkedin_import.py   # a scratch PostgreSQL database

For each size it writes a generated Connections.csv (the current layout, with its preamble,
empty emails, quoted commas, non-ASCII names and rows of only commas), imports it into an empty
database for a new user, then imports it again (every row unchanged). Peak memory is Python's,
measured with tracemalloc: it should stay about the same whatever the file's size, because the
file is streamed and written in batches. Target: under 5 s for each import of 30,000 rows.
"""

import argparse
import csv
import os
import random
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_SECONDS = 5.0
FIRST = ["Ada", "Björn", "Chiara", "Dương", "Émile", "Farah", "Grzegorz", "Hana", "Ífe", "Jonas"]
LAST = ["Quillfeather", "Ångström", "O'Hara", "Nakamura", "Søndergaard", "Łukasiewicz", "Diaz"]
COMPANIES = ["Acme, Inc.", "Globex GmbH", "Initech", "Umbrella Labs", "Hooli", "Vandelay, Ltd."]
POSITIONS = ["Engineer", "Recruiter, Tech", "Product Manager", "Data Scientist", "CTO"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--rows", type=int, action="append", help="Rows per file (default: 30000 and 10000)."
    )
    parser.add_argument("--seed", type=int, default=1)
    return parser.parse_args(argv)


def write_connections(path: Path, rows: int, rng: random.Random) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("Notes:\r\n")
        handle.write('"When exporting your connection data, you may notice that some of the ')
        handle.write('email addresses are missing."\r\n\r\n')
        writer = csv.writer(handle)
        writer.writerow(
            ["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
             "Connected On"]
        )  # fmt: skip
        for i in range(rows):
            if i % 997 == 0:
                writer.writerow([""] * 7)
            first, last = rng.choice(FIRST), rng.choice(LAST)
            email = f"person{i}@example.org" if i % 10 == 0 else ""
            day = f"{rng.randint(1, 28):02} {rng.choice(MONTHS)} {rng.randint(2008, 2023)}"
            writer.writerow(
                [first, f"{last} {i}", f"https://www.linkedin.com/in/person-{i}", email,
                 rng.choice(COMPANIES), rng.choice(POSITIONS), day]
            )  # fmt: skip


def timed(user, path: Path) -> tuple[float, object]:
    from onward.network.linkedin import import_connections

    started = time.perf_counter()
    with path.open("rb") as handle:
        report = import_connections(user, handle)
    return time.perf_counter() - started, report


def peak_memory(user, path: Path) -> int:
    """tracemalloc slows Python down several times over, so memory is measured on a run of
    its own (the same import, for another user) and never on the timed one."""
    from onward.network.linkedin import import_connections

    tracemalloc.start()
    with path.open("rb") as handle:
        import_connections(user, handle)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def setup_django(scratch: Path) -> None:
    os.environ["ONWARD_DATA_DIR"] = str(scratch)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onward.settings")
    import django

    django.setup()


def run(args, scratch: Path) -> int:
    import django
    from django.contrib.auth import get_user_model
    from django.db import connection
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if not console.is_terminal:  # piped to a file: room for the whole table
        console = Console(width=120)
    test_settings = connection.settings_dict.setdefault("TEST", {})
    if connection.vendor == "sqlite":
        test_settings["NAME"] = str(scratch / "bench.sqlite3")
    else:
        test_settings["NAME"] = f"onward_bench_import_{os.getpid()}"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    sizes = args.rows or [30000, 10000]
    table = Table(title=f"LinkedIn import on {connection.vendor} (Django {django.get_version()})")
    for column in ["Rows", "File", "Run", "Seconds", "Peak memory", "Added", "Unchanged", "OK"]:
        table.add_column(column, justify="left" if column == "Run" else "right")
    all_ok = True
    try:
        for n, rows in enumerate(sizes):
            path = scratch / f"Connections-{rows}.csv"
            write_connections(path, rows, random.Random(args.seed))
            user = get_user_model().objects.create_user(f"bench{n}", password=None)
            shadow = get_user_model().objects.create_user(f"bench{n}-memory", password=None)
            for label in ("first import", "re-import"):
                with console.status(f"{rows:,} rows: {label}…"):
                    seconds, report = timed(user, path)
                    peak = peak_memory(shadow, path)
                ok = seconds < TARGET_SECONDS and not report.error
                ok &= report.created == (rows if label == "first import" else 0)
                all_ok &= ok
                table.add_row(
                    f"{rows:,}",
                    f"{path.stat().st_size / 1e6:.1f} MB",
                    label,
                    f"{seconds:.2f}",
                    f"{peak / 1e6:.1f} MB",
                    f"{report.created:,}",
                    f"{report.unchanged:,}",
                    "[green]yes[/]" if ok else "[red]no[/]",
                )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    console.print(table)
    console.print(
        f"Target: under {TARGET_SECONDS:.0f} s per import; peak memory (tracemalloc, Python "
        "objects only) about the same for every size, since the file is streamed in batches."
    )
    return 0 if all_ok else 1


def main(argv=None) -> int:
    args = parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="onward-bench-import-"))
    try:
        setup_django(scratch)
        return run(args, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
