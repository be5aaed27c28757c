"""`onward serve`'s own cost per request: the framework floor (a trivial page behind
login_required, bench/floor_urls.py) through the real server against Django's test client.

    .venv/bin/python bench/serve_floor.py [--workers 1,2,4] [--connections 8] [--seconds 10]
    DATABASE_URL=postgres://user@host/db .venv/bin/python bench/serve_floor.py   # that database

Runs `onward init` on a scratch data folder (SQLite) or on DATABASE_URL's database, logs one
user in, times the floor through django.test.Client in this process (CPU per request), then
for each worker count starts `onward serve` and has --connections keep-alive connections
request it back to back: requests/s, p50/p95, and the server's CPU time per request (which a
busy machine inflates far less than the clock), and its memory. See bench/README.md.
"""

import argparse
import asyncio
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from serve import cpu_seconds, percentile, resident_mb, wait_until_up  # noqa: E402

PATH = "/bench/floor/"


async def connection_loop(port: int, cookie: str, until: float, timings: list, errors: list):
    """One keep-alive connection asking for the floor page until ``until`` (a client cheap
    enough not to be what is measured)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    request = (
        f"GET {PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: sessionid={cookie}\r\n\r\n"
    ).encode()
    while time.perf_counter() < until:
        started = time.perf_counter()
        writer.write(request)
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin1").split("\r\n")
        headers = dict(
            (name.strip().lower(), value.strip())
            for name, _, value in (line.partition(":") for line in head[1:] if line)
        )
        await reader.readexactly(int(headers.get("content-length", 0)))
        timings.append((time.perf_counter() - started) * 1000)
        if head[0].split()[1] != "200":
            errors.append(head[0])
    writer.close()


async def load(port: int, cookie: str, connections: int, seconds: float):
    timings: list[float] = []
    errors: list[str] = []
    until = time.perf_counter() + seconds
    await asyncio.gather(
        *(connection_loop(port, cookie, until, timings, errors) for _ in range(connections))
    )
    return timings, errors


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", default="1,2,4", help="Worker counts to measure.")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--port", type=int, default=8211)
    parser.add_argument(
        "--data-folder",
        type=Path,
        help="An initialised data folder to serve (it gains a user; `onward init` brings it up "
        "to date). Default: a new scratch folder, removed afterwards.",
    )
    args = parser.parse_args(argv)
    scratch = args.data_folder or Path(tempfile.mkdtemp(prefix="onward-bench-floor-"))
    env = {
        **os.environ,
        "ONWARD_DATA_DIR": str(scratch),
        "DATABASE_URL": os.environ.get("DATABASE_URL", ""),
        "ONWARD_TEST_DB_NAME": "",
        "DJANGO_SETTINGS_MODULE": "floor_settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "bench"), str(ROOT)]),
    }
    os.environ.update(env)
    onward = [sys.executable, "-m", "onward"]
    rows = []
    try:
        subprocess.run([*onward, "init"], env=env, check=True, capture_output=True, cwd=ROOT)
        import django

        django.setup()
        from django.contrib.auth import get_user_model
        from django.db import connections
        from django.test import Client
        from django.test.utils import setup_test_environment

        setup_test_environment()
        user, _ = get_user_model().objects.get_or_create(username="floor-bench")
        client = Client()
        client.force_login(user)
        cookie = client.cookies["sessionid"].value
        for _ in range(50):
            client.get(PATH)
        n = int(30 * args.seconds)  # 300 in a default run
        cpu, samples = time.process_time(), []
        for _ in range(n):
            started = time.perf_counter()
            assert client.get(PATH).status_code == 200
            samples.append((time.perf_counter() - started) * 1000)
        in_process = (statistics.median(samples), (time.process_time() - cpu) * 1000 / n)
        connections.close_all()

        for workers in [int(w) for w in args.workers.split(",")]:
            server = subprocess.Popen(
                [*onward, "serve", "--port", str(args.port), "--workers", str(workers)],
                env=env,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            try:
                wait_until_up(args.port, server)
                # Warm up every worker (its first request imports the views): connections
                # made afresh in each round reach the workers as they come up.
                for _ in range(2 * workers + 1):
                    asyncio.run(load(args.port, cookie, args.connections, min(1.5, args.seconds)))
                alone, _ = asyncio.run(load(args.port, cookie, 1, min(3, args.seconds)))
                cpu = cpu_seconds(server.pid)
                started = time.perf_counter()
                timings, errors = asyncio.run(
                    load(args.port, cookie, args.connections, args.seconds)
                )
                elapsed = time.perf_counter() - started
                used = cpu_seconds(server.pid) - cpu
                rows.append(
                    (
                        workers,
                        statistics.median(alone),
                        len(timings) / elapsed,
                        statistics.median(timings),
                        percentile(timings, 0.95),
                        used * 1000 / len(timings),
                        resident_mb(server.pid),
                        os.getloadavg()[0],
                        len(errors),
                    )
                )
            finally:
                server.send_signal(signal.SIGINT)
                try:
                    server.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    server.kill()
    finally:
        if not args.data_folder:
            shutil.rmtree(scratch, ignore_errors=True)

    database = "PostgreSQL" if env["DATABASE_URL"] else "SQLite"
    print(f"The floor page ({PATH}, logged in) on {database}, {os.cpu_count()} cores:")
    print(
        f"  django.test.Client, in process: p50 {in_process[0]:.2f} ms, "
        f"CPU {in_process[1]:.2f} ms a request"
    )
    print(
        f"  onward serve, {args.connections} connections back to back (and one connection alone):"
    )
    for workers, alone, rate, p50, p95, cpu_ms, memory, load_now, errors in rows:
        print(
            f"    --workers {workers}: {rate:5.0f} requests/s, p50 {p50:6.1f} ms, p95 {p95:6.1f} "
            f"ms (alone: p50 {alone:.1f} ms); server CPU {cpu_ms:.2f} ms a request; "
            f"{memory:.0f} MB; load {load_now:.1f}" + (f"; {errors} not 200" if errors else "")
        )
    return 1 if any(row[-1] for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
