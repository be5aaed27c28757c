"""Run the test suite in every lane this machine can run, and say loudly which it skipped.

Lanes: SQLite (always), PostgreSQL (when 127.0.0.1:5432 answers), and the browser tests
(when Debian's chromium is installed). With ONWARD_REQUIRE_ALL_LANES=1 (CI), a lane that
cannot run is a failure, not a skip.
"""

import os
import shutil
import subprocess
import sys
import tempfile

PG_URL = os.environ.get("ONWARD_TEST_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
REQUIRE_ALL = os.environ.get("ONWARD_REQUIRE_ALL_LANES") == "1"
CHROMIUM = "/usr/bin/chromium"


def postgres_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(PG_URL.replace("postgres://", "postgresql://"), connect_timeout=3):
            return True
    except Exception as exc:  # any failure means the lane cannot run here
        print(f"PostgreSQL not reachable at {PG_URL}: {exc}")
        return False


def banner(text: str) -> None:
    line = "!" * 78
    print(f"\n{line}\n!! {text}\n{line}\n", flush=True)


# Both cores: pytest-xdist runs the tests in two processes (each with its own test database).
WORKERS = os.environ.get("ONWARD_TEST_WORKERS", "2")


def run_lane(name: str, env_extra: dict[str, str], pytest_args: list[str]) -> int:
    env = {**os.environ, **env_extra, "ONWARD_DATA_DIR": tempfile.mkdtemp(prefix="onward-test-")}
    print(f"\n=== Lane: {name} ===", flush=True)
    command = [sys.executable, "-m", "pytest", "-n", WORKERS, *pytest_args]
    return subprocess.call(command, env=env)


def main() -> int:
    extra = sys.argv[1:]
    skipped: list[str] = []
    failures: list[str] = []

    has_chromium = os.path.exists(CHROMIUM) or bool(shutil.which("chromium"))
    browser_args = [] if has_chromium else ["-m", "not browser"]
    if not has_chromium:
        skipped.append("browser tests (chromium is not installed: apt install chromium)")

    env_sqlite = {"ONWARD_EXPECT_DB": "sqlite", "DATABASE_URL": ""}
    if run_lane("SQLite", env_sqlite, [*browser_args, *extra]) != 0:
        failures.append("SQLite")

    if postgres_available():
        env_pg = {"ONWARD_EXPECT_DB": "postgresql", "DATABASE_URL": PG_URL}
        # Browser tests drive the same views; they run once, in the SQLite lane.
        if run_lane("PostgreSQL", env_pg, ["-m", "not browser", *extra]) != 0:
            failures.append("PostgreSQL")
    else:
        skipped.append(f"PostgreSQL lane (no server at {PG_URL})")

    for lane in skipped:
        banner(f"SKIPPED: {lane}")
    if failures:
        banner(f"FAILED lanes: {', '.join(failures)}")
        return 1
    if skipped and REQUIRE_ALL:
        banner("ONWARD_REQUIRE_ALL_LANES=1: every lane must run; failing.")
        return 1
    print("All lanes that ran passed." + (" (Some were skipped: see above.)" if skipped else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
