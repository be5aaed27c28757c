"""Benchmark: the insights page against one hand-written SQL query computing the same funnel.

5,000 applications and 25,000 stage changes are bulk-created in a scratch data folder
(SQLite by default; with DATABASE_URL set, in a scratch PostgreSQL database, analysed as
autovacuum would do it and dropped afterwards). Prints the median (p50) server time over 10
runs of: the page's first response (against the raw query: the issue's target), each section
the page then loads as a fragment, their total (what a user waits for until everything has
loaded, one request after another), and the full version that renders every section at once.

    .venv/bin/python bench/insights.py [--applications 5000] [--runs 30]
"""

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PATHS = [  # five moves each: 5,000 applications make 25,000 stage changes
    ["Applied", "Screening", "Interviewing", "Final round", "Rejected"],
    ["Applied", "Screening", "Interviewing", "Screening", "Withdrawn"],
    ["Applied", "Screening", "Interviewing", "Final round", "Offer"],
    ["Wishlist", "Applied", "Screening", "Interviewing", "Rejected"],
    ["Wishlist", "Applied", "Screening", "Rejected", "Ghosted"],
]

RAW_FUNNEL = """
SELECT furthest, COUNT(*) FROM (
    SELECT a.id, MAX(s.position) AS furthest
    FROM pipeline_application a
    JOIN pipeline_stagechange c ON c.application_id = a.id
    JOIN pipeline_stage s ON s.id = c.to_stage_id
    WHERE a.user_id = %s AND s.kind <> 'lost'
    GROUP BY a.id
) per_application
WHERE furthest >= %s
GROUP BY furthest
ORDER BY furthest
"""


def scratch_postgres(url: str) -> tuple[str, str]:
    """Create a scratch database next to the one in ``url``; return (its URL, admin URL)."""
    import psycopg

    name = f"onward_bench_{os.getpid()}"
    admin = url.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + "/" + name, admin


def drop_postgres(admin: str, url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def fill(user, n: int) -> None:
    from onward.pipeline.models import Application, Company, Source, Stage, StageChange

    rng = random.Random(42)
    stages = {s.name: s for s in Stage.objects.filter(user=user)}
    companies = Company.objects.bulk_create(
        Company(user=user, name=f"Company {i}", name_key=f"company {i}") for i in range(300)
    )
    start = datetime.now(UTC) - timedelta(days=400)
    histories = []
    for _ in range(n):
        when = start + timedelta(days=rng.uniform(0, 330))
        history = []
        for name in rng.choice(PATHS):
            history.append((stages[name], when))
            when += timedelta(days=rng.uniform(1, 9))
        histories.append(history)
    applications = Application.objects.bulk_create(
        (
            Application(
                user=user,
                company=rng.choice(companies),
                title=rng.choice(["Backend engineer", "Data engineer", "Platform lead", "SRE"]),
                source=rng.choice(Source.values + [""]),
                resume_version=rng.choice(["v1", "v2", "v3"]),
                stage=history[-1][0],
                stage_changed_at=history[-1][1],
            )
            for history in histories
        ),
        batch_size=1000,
    )
    StageChange.objects.bulk_create(
        (
            StageChange(
                application=application,
                from_stage=history[i - 1][0] if i else None,
                to_stage=stage,
                changed_at=when,
            )
            for application, history in zip(applications, histories, strict=True)
            for i, (stage, when) in enumerate(history)
        ),
        batch_size=2000,
    )


def p50(fn, runs: int) -> float:
    fn()  # warm up caches and connections
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        fn()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def interleaved(fns: dict, runs: int) -> dict[str, float]:
    """{name: p50 in seconds}, calling each function once per round, in turn."""
    for fn in fns.values():
        fn()  # warm up caches and connections
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(runs):
        for name, fn in fns.items():
            began = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - began)
    return {name: statistics.median(samples) for name, samples in times.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    os.environ["ONWARD_DATA_DIR"] = tempfile.mkdtemp(prefix="onward-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onward.settings")
    pg_admin = None
    if os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"], pg_admin = scratch_postgres(os.environ["DATABASE_URL"])
    try:
        return run(args)
    finally:
        if pg_admin:
            from django.db import connections

            connections.close_all()
            drop_postgres(pg_admin, os.environ["DATABASE_URL"])


def run(args) -> int:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from rich.console import Console
    from rich.table import Table

    from bench.run import bench_urlconf
    from onward.insights.metrics import (
        Filters,
        applications,
        funnel,
        funnel_steps,
        silence_cutoff,
    )
    from onward.testing import make_user

    console = Console()
    # No collected static files in a scratch folder: resolve {% static %} without a manifest.
    settings.STORAGES["staticfiles"] = {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    }
    settings.ROOT_URLCONF = bench_urlconf().__name__  # adds /bench/floor/
    call_command("migrate", verbosity=0)
    user = make_user("bench")
    with console.status(f"Creating {args.applications:,} applications…"):
        fill(user, args.applications)
    if connection.vendor == "postgresql":
        # What autovacuum does to a freshly loaded table on a real database: planner
        # statistics (without them the raw query alone runs ~3x slower) and the visibility
        # map (without it an index-only scan still visits every row).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")

    client = Client(SERVER_NAME="localhost")
    client.force_login(user)

    def getter(url: str):
        def get():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            return response

        return get

    page = getter("/insights/")
    html = page().content.decode()
    # The fragments the page asks htmx for, exactly as it asks for them.
    fragments = {
        url.split("section=")[1]: url.replace("&amp;", "&")
        for url in re.findall(r'hx-get="([^"]+)"', html)
    }
    assert fragments, "the page should load some sections as fragments"

    steps = funnel_steps(user)
    sent_position = next(s.position for s in steps)

    def raw():
        with connection.cursor() as cursor:
            cursor.execute(RAW_FUNNEL, [user.pk, sent_position])
            return cursor.fetchall()

    # Same numbers both ways, or the comparison means nothing.
    summary = funnel(user, applications(user, Filters()), steps, silence_cutoff(user))
    by_position = dict(raw())
    ended = [sum(summary.ended[i].values()) for i in range(len(steps))]
    assert ended == [by_position.get(s.position, 0) for s in steps], (ended, by_position)

    def count_queries(url: str) -> int:
        queries = []
        with connection.execute_wrapper(lambda execute, *a: queries.append(1) or execute(*a)):
            getter(url)()
        return len(queries)

    def funnel_alone():
        return funnel(user, applications(user, Filters()), steps, silence_cutoff(user))

    # The page and the raw query take turns, round after round, so that a busy moment of a
    # shared machine slows both alike instead of skewing the ratio.
    times = interleaved(
        {
            "page": getter("/insights/"),
            "raw": raw,
            "funnel": funnel_alone,
            "floor": getter("/bench/floor/"),
        },
        args.runs,
    )
    page_time, raw_time, orm_time, floor_time = (
        times[name] for name in ("page", "raw", "funnel", "floor")
    )
    page_queries = count_queries("/insights/")
    fragment_times = {
        name: (p50(getter(url), args.runs), count_queries(url)) for name, url in fragments.items()
    }
    full_time, full_queries = (
        p50(getter("/insights/?full=1"), args.runs),
        count_queries("/insights/?full=1"),
    )
    ratio = page_time / raw_time
    total = page_time + sum(t for t, _ in fragment_times.values())

    table = Table(title=f"Insights page vs one raw SQL funnel ({connection.vendor})")
    table.add_column("What")
    table.add_column("p50", justify="right")
    table.add_column("× raw SQL", justify="right")
    colour = "green" if ratio <= 2 else "yellow"
    table.add_row(
        f"Insights page, first response ({page_queries} queries)",
        f"{page_time * 1000:.1f} ms",
        f"[{colour}]{ratio:.2f}×[/{colour}] (target ≤ 2×)",
    )
    for name, (fragment_time, fragment_queries) in fragment_times.items():
        table.add_row(
            f"  then the {name} fragment ({fragment_queries} queries)",
            f"{fragment_time * 1000:.1f} ms",
            f"{fragment_time / raw_time:.2f}×",
        )
    table.add_row(
        "  page + fragments, until everything has loaded",
        f"{total * 1000:.1f} ms",
        f"{total / raw_time:.2f}×",
    )
    table.add_row(
        f"Full version, every section at once ({full_queries} queries)",
        f"{full_time * 1000:.1f} ms",
        f"{full_time / raw_time:.2f}×",
    )
    table.add_row(
        "The funnel function alone (ORM: the counting query, then its stages)",
        f"{orm_time * 1000:.1f} ms",
        f"{orm_time / raw_time:.2f}×",
    )
    table.add_row("Raw SQL funnel (one query)", f"{raw_time * 1000:.1f} ms", "1.00×")
    table.add_row(
        "Framework floor: an empty page behind the login (session, user)",
        f"{floor_time * 1000:.1f} ms",
        f"{floor_time / raw_time:.2f}×",
    )
    console.print(table)
    console.print(
        f"{args.applications:,} applications, "
        f"{args.applications * 5:,} stage changes, {args.runs} runs each."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
