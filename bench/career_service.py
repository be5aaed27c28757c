"""A career service's Onward on PostgreSQL: many accounts, pages under concurrent users.

    DATABASE_URL=postgres://user@host/db .venv/bin/python bench/career_service.py
    DATABASE_URL=... .venv/bin/python bench/career_service.py --users 200 --applications 30000

Creates a scratch database on the server of DATABASE_URL (``onward_career_<pid>``, dropped at
the end), fills it with ``--users`` accounts holding ``--applications`` applications between
them (five stage changes each, a company per five applications, interviews, notes, and the
debriefs of each account's newest losses), written with bulk_create in large batches (no
signals). Then starts ``onward serve --workers 4`` on ``--port`` and has ``--clients``
threads, each logged in as a different account (a session made directly, as a login would),
request the board, the table (page 1, sorted, filtered), Today, an application and the
settings page in turn for ``--seconds``, twice: back to back (the server saturated: its
throughput), then as people use it, each user pausing ``--think`` seconds on average between
pages (the latency a user sees). Prints p50/p95 per page, requests/s, the server's CPU time
per request and its memory. See bench/README.md.
"""

import argparse
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from run import percentile  # noqa: E402  (bench/run.py, beside this file)
from serve import cpu_seconds, resident_mb, wait_until_up  # noqa: E402

BATCH = 5000


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=2000)
    parser.add_argument("--applications", type=int, default=300_000, help="In all accounts.")
    parser.add_argument("--changes-each", type=int, default=5, help="Stage changes each.")
    parser.add_argument("--clients", type=int, default=16, help="Concurrent users.")
    parser.add_argument("--workers", type=int, default=4, help="onward serve --workers.")
    parser.add_argument("--seconds", type=float, default=60, help="How long the clients run.")
    parser.add_argument("--port", type=int, default=8111)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--think",
        type=float,
        default=5.0,
        help="A user's mean pause between pages, in seconds, for the second run (0: skip it).",
    )
    parser.add_argument(
        "--think-seconds",
        type=float,
        default=120,
        help="How long the run with pauses lasts (longer: each user asks for fewer pages).",
    )
    parser.add_argument(
        "--keep", action="store_true", help="Keep the filled database (its name is printed)."
    )
    parser.add_argument(
        "--database", help="Measure this database, filled and kept by an earlier --keep run."
    )
    return parser.parse_args(argv)


def fill(n_users: int, n_applications: int, n_changes: int, rng: random.Random, say) -> list:
    """The accounts and their searches, in batches; returns the users."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import connection
    from django.utils import timezone

    from onward.accounts.models import Profile
    from onward.core.naming import company_key
    from onward.pipeline.models import (
        DEFAULT_STAGES,
        Application,
        Company,
        Interview,
        Note,
        Source,
        Stage,
        StageChange,
        StageKind,
        WorkMode,
    )

    User = get_user_model()
    password = make_password("career-not-a-secret")  # one hash for all: nobody logs in with it
    users = User.objects.bulk_create(
        (User(username=f"seeker{i:05d}", password=password) for i in range(n_users)),
        batch_size=BATCH,
    )
    Profile.objects.bulk_create((Profile(user=u) for u in users), batch_size=BATCH)
    Stage.objects.bulk_create(
        (
            Stage(user=u, name=name, kind=kind, loss_type=loss, position=i)
            for u in users
            for i, (name, kind, loss) in enumerate(DEFAULT_STAGES)
        ),
        batch_size=BATCH,
    )
    stages: dict[int, list] = {}
    for stage in Stage.objects.order_by("position"):
        stages.setdefault(stage.user_id, []).append(stage)
    say(f"{n_users:,} accounts with their stages")

    now = timezone.now()
    per_user = [n_applications // n_users] * n_users
    for i in range(n_applications - sum(per_user)):
        per_user[i] += 1
    done = 0
    ids = {"application": 0}
    lost: dict[int, list] = {}  # user id: (when, application id) of the lost applications
    # A few hundred accounts at a time: their applications, then their histories.
    for first in range(0, n_users, 200):
        chunk = users[first : first + 200]
        companies = Company.objects.bulk_create(
            (
                Company(user=u, name=f"Company {k}", name_key=company_key(f"Company {k}"))
                for u, n in zip(chunk, per_user[first:], strict=False)
                for k in range(max(1, n // 5))
            ),
            batch_size=BATCH,
        )
        by_user: dict[int, list] = {}
        for company in companies:
            by_user.setdefault(company.user_id, []).append(company)
        apps, changes, interviews, notes = [], [], [], []
        for u, n in zip(chunk, per_user[first:], strict=False):
            own = stages[u.pk]
            for i in range(n):
                walk = [rng.choice(own)]
                while len(walk) < n_changes:
                    walk.append(rng.choice([s for s in own if s.pk != walk[-1].pk]))
                start = now - timedelta(days=rng.uniform(n_changes, 365))
                dates = sorted(start + (now - start) * rng.random() for _ in range(n_changes))
                ids["application"] += 1
                pk = ids["application"]
                apps.append(
                    {
                        "id": pk,
                        "user_id": u.pk,
                        "company_id": rng.choice(by_user[u.pk]).pk,
                        "title": f"Role {i}",
                        "location": rng.choice(["Berlin", "Remote", "Lisbon", "London"]),
                        "work_mode": rng.choice(WorkMode.values),
                        "source": rng.choice(Source.values),
                        "applied_on": dates[0].date(),
                        "excitement": rng.randint(1, 5),
                        "stage_id": walk[-1].pk,
                        "stage_changed_at": dates[-1],
                        "created_at": dates[0],
                        "updated_at": dates[-1],
                    }
                )
                for k, (stage, when) in enumerate(zip(walk, dates, strict=True)):
                    changes.append(
                        {
                            "application_id": pk,
                            "from_stage_id": walk[k - 1].pk if k else None,
                            "to_stage_id": stage.pk,
                            "changed_at": when,
                            "recorded_at": when,
                        }
                    )
                if i % 5 == 0:
                    interviews.append(
                        {
                            "application_id": pk,
                            "round_name": "Technical interview",
                            "kind": "technical",
                            "starts_at": dates[-1],
                        }
                    )
                if i % 3 == 0:
                    notes.append(
                        {"application_id": pk, "body": "Followed up.", "created_at": dates[0]}
                    )
                if walk[-1].kind == StageKind.LOST:
                    lost.setdefault(u.pk, []).append((dates[-1], pk))
        copy(Application, apps)
        copy(StageChange, changes)
        copy(Interview, interviews)
        copy(Note, notes)
        done += len(apps)
        say(f"{done:,} applications, {done * n_changes:,} stage changes")
    for model in (Application, StageChange, Interview, Note):
        with connection.cursor() as cursor:
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )
    return users, lost


def copy(model, rows: list[dict]) -> None:
    """Rows written with PostgreSQL's COPY; a column a row leaves out takes the field's default."""
    from django.db import connection

    given = rows[0].keys() if rows else ()
    fields = [f for f in model._meta.concrete_fields if f.attname != "id" or "id" in given]
    defaults = {f.attname: f.get_default() for f in fields}
    columns = ", ".join(f.column for f in fields)
    sql = f"COPY {model._meta.db_table} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as out:
        for row in rows:
            out.write_row([row.get(f.attname, defaults[f.attname]) for f in fields])


def open_debriefs(users, lost) -> None:
    """The measured accounts' two newest losses get their debriefs, as a move would open them
    (Today lists those waiting); one at a time, so only for the accounts that are measured."""
    from onward.debrief.models import Debrief
    from onward.pipeline.models import Application

    for user in users:
        newest = [pk for _, pk in sorted(lost.get(user.pk, []), reverse=True)[:2]]
        for application in Application.objects.filter(pk__in=newest).select_related(
            "stage", "user"
        ):
            Debrief.open_for(
                application, flow=application.stage.loss_type, when=application.stage_changed_at
            )


def pages_for(user) -> list[tuple[str, str]]:
    from onward.pipeline.models import Application

    sample = Application.objects.filter(user=user).order_by("pk").first()
    pages = [("Board", "/board/"), ("Table, page 1", "/applications/")]
    pages.append(("Table, by company", "/applications/?sort=company"))
    if sample:
        pages.append(
            ("Table, filtered", f"/applications/?company={sample.company_id}&sort=-applied")
        )
    pages.append(("Today", "/today/"))
    if sample:
        pages.append(("Application", f"/applications/{sample.pk}/"))
    pages.append(("Settings", "/settings/"))
    return pages


def session_cookie(user) -> str:
    """A logged-in session for the user, as the login view would make it."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def client_loop(port, cookie, pages, until, results, errors, lock, rng, think) -> None:
    """One user going through their pages until ``until``; with ``think``, pausing a random
    time between pages (exponential, that mean), as a person reading them does."""
    import httpx

    with httpx.Client(
        base_url=f"http://127.0.0.1:{port}", cookies={"sessionid": cookie}, timeout=60
    ) as http:
        order = list(pages)
        while time.perf_counter() < until:
            rng.shuffle(order)
            for label, url in order:
                started = time.perf_counter()
                response = http.get(url)
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    if response.status_code == 200:
                        results.setdefault(label, []).append(elapsed)
                    else:
                        errors.append(f"{url}: {response.status_code}")
                if think:
                    pause = rng.expovariate(1 / think)
                    if time.perf_counter() + pause >= until:
                        return
                    time.sleep(pause)


def main(argv=None) -> int:
    args = parse_args(argv)
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL server (a scratch database is made there).")
    scratch = Path(tempfile.mkdtemp(prefix="onward-career-"))
    os.environ["ONWARD_DATA_DIR"] = str(scratch)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onward.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import setup_test_environment
    from rich.console import Console
    from rich.table import Table

    console = Console(width=120)
    name = args.database or f"onward_career_{os.getpid()}"
    setup_test_environment()
    if args.database:
        old_name = connection.settings_dict["NAME"]
        connection.close()
        connection.settings_dict["NAME"] = name
    else:
        connection.settings_dict.setdefault("TEST", {})["NAME"] = name
        old_name = connection.creation.create_test_db(
            verbosity=0, autoclobber=True, serialize=False
        )
    server = None
    try:
        rng = random.Random(args.seed)
        if args.database:
            users = list(get_user_model().objects.filter(username__startswith="seeker"))
            chosen = rng.sample(users, min(args.clients, len(users)))
        else:
            started = time.perf_counter()
            users, lost = fill(
                args.users,
                args.applications,
                args.changes_each,
                random.Random(args.seed),
                lambda text: console.print(f"  {time.perf_counter() - started:6.0f} s  {text}"),
            )
            chosen = rng.sample(users, min(args.clients, len(users)))
            open_debriefs(chosen, lost)
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
            console.print(f"Filled in {time.perf_counter() - started:.0f} s.")
        sessions = [(session_cookie(u), pages_for(u)) for u in chosen]
        connection.close()

        parts = urlsplit(url)
        env = {
            **os.environ,
            "DATABASE_URL": urlunsplit(parts._replace(path=f"/{name}")),
            "ONWARD_TEST_DB_NAME": "",
        }
        onward = [sys.executable, "-m", "onward"]
        # init collects the static files (serve would, but after its start-up wait began).
        subprocess.run([*onward, "init"], env=env, cwd=ROOT, check=True, capture_output=True)
        log = (scratch / "server.log").open("w")
        server = subprocess.Popen(
            [*onward, "serve", "--port", str(args.port), "--workers", str(args.workers)],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        wait_until_up(args.port, server)
        errors: list[str] = []
        lock = threading.Lock()

        def run(seconds: float, think: float) -> tuple[dict[str, list[float]], float]:
            """The users' requests for that long: their timings, and the server's CPU seconds."""
            got: dict[str, list[float]] = {}
            until = time.perf_counter() + seconds
            threads = [
                threading.Thread(
                    target=client_loop,
                    args=(args.port, cookie, pages, until, got, errors, lock, random.Random(i)),
                    kwargs={"think": think},
                )
                for i, (cookie, pages) in enumerate(sessions)
            ]
            cpu = cpu_seconds(server.pid)
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            return got, cpu_seconds(server.pid) - cpu

        # A short warm-up (each worker's first requests import and connect), then the runs.
        run(5, 0)
        runs = [
            (
                f"Saturation: {args.clients} users requesting pages back to back for "
                f"{args.seconds:.0f} s (throughput; each request waits behind the others)",
                args.seconds,
                *run(args.seconds, 0),
                os.getloadavg(),
            )
        ]
        if args.think:
            runs.append(
                (
                    f"As used: {args.clients} users pausing {args.think:g} s on average between "
                    f"pages for {args.think_seconds:.0f} s (the latency a user sees)",
                    args.think_seconds,
                    *run(args.think_seconds, args.think),
                    os.getloadavg(),
                )
            )
        memory = resident_mb(server.pid)
    finally:
        if server is not None:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        connection.close()
        if args.keep or args.database:
            console.print(f"The database {name} is kept: drop it when done.")
        else:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        shutil.rmtree(scratch, ignore_errors=True)

    console.print(
        f"{args.users:,} accounts, {args.applications:,} applications, "
        f"{args.applications * args.changes_each:,} stage changes; onward serve --workers "
        f"{args.workers} on {os.cpu_count()} cores."
    )
    for title, seconds, results, cpu, load in runs:
        table = Table(title=title)
        for column in ["Page", "Requests", "p50 ms", "p95 ms"]:
            table.add_column(column, justify="left" if column == "Page" else "right")
        total = 0
        for label, samples in results.items():
            total += len(samples)
            table.add_row(
                label,
                str(len(samples)),
                f"{statistics.median(samples):.1f}",
                f"{percentile(samples, 0.95):.1f}",
            )
        everything = [ms for samples in results.values() for ms in samples]
        if everything:
            table.add_row(
                "All pages",
                str(total),
                f"{statistics.median(everything):.1f}",
                f"{percentile(everything, 0.95):.1f}",
            )
        console.print(table)
        console.print(
            f"{total / seconds:.1f} requests/s; server CPU {cpu * 1000 / max(total, 1):.1f} ms a "
            f"request (supervisor + workers); load average {load[0]:.1f} {load[1]:.1f} "
            f"{load[2]:.1f}."
        )
    console.print(f"Server memory after the runs (supervisor + workers): {memory:.0f} MB.")
    if errors:
        console.print(f"[red]{len(errors)} requests did not answer 200[/red], e.g. {errors[:3]}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
