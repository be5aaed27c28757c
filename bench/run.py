"""Server-side timings of Onward's heaviest pages on a big job search, at two sizes.

    python bench/run.py                 # SQLite in a scratch folder: 1,000 then 10,000
    DATABASE_URL=postgres://... python bench/run.py   # a scratch database on that server
    python bench/run.py --sizes 10000   # one size only

For each size, fills a fresh scratch database with one user's search (N applications over a
year, ~5 stage changes each, N/5 companies, open debriefs with their reminders), then times
each page through Django's test client (no network, no browser): p50 and p95 over ``--runs``
requests, the query count, and the ratio to a trivial authenticated view (the framework's
floor: middleware, session and user lookup). See bench/README.md.
"""

import argparse
import gc
import math
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import types
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="1000,10000",
        help="Numbers of applications, comma-separated; each is filled and timed on its own.",
    )
    parser.add_argument(
        "--changes-each", type=int, default=5, help="Stage changes per application (at least 1)."
    )
    parser.add_argument("--runs", type=int, default=30, help="Timed requests per page.")
    parser.add_argument("--warmup", type=int, default=3, help="Untimed requests per page first.")
    parser.add_argument("--seed", type=int, default=1)
    return parser.parse_args(argv)


def setup_django(scratch: Path) -> None:
    """Settings for a scratch run: a data folder of its own, plain static storage (nothing is
    collected), a fast hasher, and a URLconf with the floor view added."""
    os.environ["ONWARD_DATA_DIR"] = str(scratch)
    (scratch / "static").mkdir()  # whitenoise looks for it; nothing is collected
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onward.settings")
    os.environ.pop("ONWARD_DEBUG", None)
    import django
    from django.conf import settings

    django.setup()
    settings.STORAGES["staticfiles"] = {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ROOT_URLCONF = bench_urlconf().__name__


def bench_urlconf() -> types.ModuleType:
    from django.contrib.auth.decorators import login_required
    from django.http import HttpResponse
    from django.urls import include, path

    @login_required
    def floor(request):
        return HttpResponse("ok")

    module = types.ModuleType("onward_bench_urls")
    module.urlpatterns = [
        path("bench/floor/", floor, name="bench_floor"),
        path("", include("onward.urls")),
    ]
    sys.modules[module.__name__] = module
    return module


def fill(n_applications: int, n_changes: int, rng: random.Random):
    """One user's big job search, written with bulk_create (a fixture, not a usage path)."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from onward.accounts.models import profile_for
    from onward.core.naming import company_key
    from onward.network.models import Contact
    from onward.pipeline.models import (
        Application,
        Company,
        Interview,
        Note,
        Source,
        Stage,
        StageChange,
        WorkMode,
    )

    user = get_user_model().objects.create_user("bench", password="bench-not-a-secret")
    stages = list(Stage.objects.ensure_defaults(user))
    profile_for(user)
    now = timezone.now()

    names = [f"Company {i:04d}" for i in range(max(1, n_applications // 5))]
    companies = Company.objects.bulk_create(
        Company(user=user, name=name, name_key=company_key(name)) for name in names
    )
    contacts = Contact.objects.bulk_create(
        Contact(user=user, name=f"Person {i}", company_name=rng.choice(names), company_key="")
        for i in range(200)
    )

    # Each application gets its share of the stage changes, ending in its current stage.
    per_app = [n_changes // n_applications] * n_applications
    for i in range(n_changes - sum(per_app)):
        per_app[i % n_applications] += 1
    histories = []
    for count in per_app:
        count = max(1, count)
        walk = [rng.choice(stages)]
        while len(walk) < count:
            walk.append(rng.choice([s for s in stages if s.pk != walk[-1].pk]))
        start = now - timedelta(days=rng.uniform(count, 365))
        dates = sorted(start + (now - start) * rng.random() for _ in range(count))
        histories.append(list(zip(walk, dates, strict=True)))

    applications = Application.objects.bulk_create(
        Application(
            user=user,
            company=rng.choice(companies),
            title=f"Role {i}",
            location=rng.choice(["Berlin", "Remote", "Lisbon", "London"]),
            work_mode=rng.choice(WorkMode.values),
            source=rng.choice(Source.values),
            salary_min=50000,
            salary_max=70000,
            salary_currency="EUR",
            applied_on=history[0][1].date(),
            excitement=rng.randint(1, 5),
            stage=history[-1][0],
            stage_changed_at=history[-1][1],
            created_at=history[0][1],
        )
        for i, history in enumerate(histories)
    )
    StageChange.objects.bulk_create(
        (
            StageChange(
                application=application,
                from_stage=history[i - 1][0] if i else None,
                to_stage=stage,
                changed_at=when,
                recorded_at=when,
            )
            for application, history in zip(applications, histories, strict=True)
            for i, (stage, when) in enumerate(history)
        ),
        batch_size=2000,
    )
    interviews = Interview.objects.bulk_create(
        Interview(
            application=application,
            round_name="Technical interview",
            kind="technical",
            starts_at=application.stage_changed_at,
            questions="Design a URL shortener.",
        )
        for application in applications[::5]
    )
    Interview.interviewers.through.objects.bulk_create(
        Interview.interviewers.through(interview=interview, contact=rng.choice(contacts))
        for interview in interviews
    )
    Note.objects.bulk_create(
        Note(application=application, body="Followed up.", created_at=application.created_at)
        for application in applications[::3]
    )
    open_debriefs(applications)
    return user, applications


# Lost applications that get an open debrief (and its reminders), as move_to() would open them.
DEBRIEFS = 300


def open_debriefs(applications) -> None:
    """The newest lost applications get their debriefs (the Today page lists those waiting)."""
    from onward.debrief.models import Debrief
    from onward.pipeline.models import StageKind

    lost = [a for a in applications if a.stage.kind == StageKind.LOST]
    lost.sort(key=lambda a: a.stage_changed_at, reverse=True)
    for application in lost[:DEBRIEFS]:
        Debrief.open_for(
            application, flow=application.stage.loss_type, when=application.stage_changed_at
        )


def percentile(samples: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def measure(client, url: str, runs: int, warmup: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    result = {"status": response.status_code, "queries": len(queries)}
    if response.status_code != 200:
        return result
    for _ in range(warmup):
        client.get(url)
    samples, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    result.update(
        p50=statistics.median(samples), p95=percentile(samples, 0.95), cpu=statistics.median(cpu)
    )
    return result


def report(
    console, pages: list[tuple[str, str]], results: dict, floor_label: str, size: int
) -> bool:
    from rich.table import Table

    floor = results[floor_label].get("p50")
    table = Table(title=f"Server-side time per page at {size:,} applications (django.test.Client)")
    columns = ["Page", "URL", "Status", "Queries", "p50 ms", "p95 ms", "CPU p50 ms", "p50 × floor"]
    for column in columns:
        table.add_column(column, justify="left" if column in ("Page", "URL") else "right")
    all_ok = True
    for label, url in pages:
        result = results[label]
        ok = result["status"] == 200
        all_ok &= ok
        status = str(result["status"]) if ok else f"[red]{result['status']}[/red]"
        if ok:
            ratio = f"{result['p50'] / floor:.1f}×" if floor else "–"
            cells = [f"{result['p50']:.1f}", f"{result['p95']:.1f}", f"{result['cpu']:.1f}", ratio]
        else:
            cells = ["–", "–", "–", "–"]
        table.add_row(label, url, status, str(result["queries"]), *cells)
    console.print(table)
    return all_ok


def main(argv=None) -> int:
    args = parse_args(argv)
    try:
        sizes = [int(size) for size in args.sizes.split(",")]
    except ValueError:
        sys.exit("--sizes takes whole numbers separated by commas, e.g. 1000,10000.")
    if min(sizes) < 1 or args.changes_each < 1:
        sys.exit("Need at least one application and one stage change per application.")
    scratch = Path(tempfile.mkdtemp(prefix="onward-bench-"))
    try:
        setup_django(scratch)
        return max(run(args, scratch, size) for size in sizes)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def run(args, scratch: Path, size: int) -> int:
    import django
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment, teardown_test_environment
    from rich.console import Console

    console = Console()
    if not console.is_terminal:  # piped to a file: room for the whole table
        console = Console(width=120)
    # A scratch database: a file in the scratch folder, or a new database on the PostgreSQL
    # server of DATABASE_URL (created and dropped here, never the configured one).
    test_settings = connection.settings_dict.setdefault("TEST", {})
    if connection.vendor == "sqlite":
        test_settings["NAME"] = str(scratch / f"bench-{size}.sqlite3")
    else:
        test_settings["NAME"] = f"onward_bench_{os.getpid()}"
    setup_test_environment()  # lets the test client's host through ALLOWED_HOSTS
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        started = time.perf_counter()
        changes = size * args.changes_each
        with console.status(f"Filling the scratch database with {size:,} applications…"):
            user, applications = fill(size, changes, random.Random(args.seed))
            n_filled = len(applications)
            sample = applications[n_filled // 2]
            # A server holds none of the fixture's 10,000 model instances: kept alive, they would
            # make every full garbage collection during the timings walk them.
            del applications
            gc.collect()
            if connection.vendor == "postgresql":  # as autovacuum would, before any timing
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
        console.print(
            f"[bold]Onward bench[/bold] on {connection.vendor} (Django {django.get_version()}): "
            f"{n_filled:,} applications, {changes:,} stage changes, "
            f"{max(1, size // 5):,} companies, filled in "
            f"{time.perf_counter() - started:.1f} s; {args.runs} timed runs per page."
        )
        client = Client()
        client.force_login(user)
        floor_label = "Floor"
        company = sample.company_id
        pages = [
            ("Board", "/board/"),
            ("Table, page 1", "/applications/"),
            ("Table, by company", "/applications/?sort=company"),
            ("Table, filtered", f"/applications/?company={company}&sort=-applied"),
            ("Today", "/today/"),
            ("Application", f"/applications/{sample.pk}/"),
            ("Settings", "/settings/"),
            (floor_label, "/bench/floor/"),
        ]
        results = {}
        with console.status("Timing…") as status:
            for label, url in pages:
                status.update(f"Timing {label}…")
                results[label] = measure(client, url, args.runs, args.warmup)
        all_ok = report(console, pages, results, floor_label, size)
        console.print(
            "Floor: a trivial view behind login (middleware, session, user), the least any "
            "page costs. Timings vary with the machine's load: compare ratios, not ms. CPU: this "
            "process's CPU time per request (SQLite runs in it), which a busy machine inflates "
            "far less than the clock.\n"
        )
        if not all_ok:
            console.print("[red]Some pages did not answer 200; their timings are missing.[/red]")
        return 0 if all_ok else 1
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    sys.exit(main())
