"""Run the test suite in every lane this machine can run, and say loudly which it skipped.

Two lanes. SQLite runs every test (the browser tests when Debian's chromium is installed, and
the few marked ``subprocess``, which run ``onward`` or a bench script in a child process).
PostgreSQL runs the tests that touch the database (marked ``database`` by conftest.py) and the
bench scripts, which take DATABASE_URL; the rest (parsers, settings, pure functions) would only
repeat what the SQLite lane proved. Each lane runs on two pytest-xdist workers. With
ONWARD_REQUIRE_ALL_LANES=1 (CI), a lane that cannot run is a failure, not a skip.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time

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


POSTGRESQL_TESTS = "(database and not browser and not subprocess) or bench"

# Both cores: pytest-xdist runs the tests in two processes (each with its own test database).
WORKERS = os.environ.get("ONWARD_TEST_WORKERS", "2")


def run_lane(name: str, env_extra: dict[str, str], pytest_args: list[str]) -> int:
    env = {**os.environ, **env_extra, "ONWARD_DATA_DIR": tempfile.mkdtemp(prefix="onward-test-")}
    # Let Python and pytest cache compiled (and assertion-rewritten) modules: each lane starts
    # several interpreters, and compiling the tests again in each took seconds.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    print(f"\n=== Lane: {name} ===", flush=True)
    # loadgroup: the browser tests share one worker (see conftest.py); the rest spread freely.
    command = [sys.executable, "-m", "pytest", "-n", WORKERS, "--dist", "loadgroup", *pytest_args]
    started = time.monotonic()
    code = subprocess.call(command, env=env)
    print(f"=== Lane: {name}: {time.monotonic() - started:.0f} s ===", flush=True)
    return code


def main() -> int:
    extra = sys.argv[1:]
    skipped: list[str] = []
    failures: list[str] = []

    def lane(name: str, env: dict[str, str], marks: str) -> None:
        code = run_lane(name, env, [*(["-m", marks] if marks else []), *extra])
        # 5: no test selected. A lane must run tests, unless arguments (-k ...) narrowed it.
        if code != 0 and not (code == 5 and extra):
            failures.append(name)

    has_chromium = os.path.exists(CHROMIUM) or bool(shutil.which("chromium"))
    if not has_chromium:
        skipped.append("browser tests (chromium is not installed: apt install chromium)")
    no_browser = "" if has_chromium else "not browser"

    lane("SQLite", {"ONWARD_EXPECT_DB": "sqlite", "DATABASE_URL": ""}, no_browser)

    if postgres_available():
        env_pg = {"ONWARD_EXPECT_DB": "postgresql", "DATABASE_URL": PG_URL}
        # Browser tests drive the same views; they run once, in the SQLite lane. The other
        # subprocess tests set up their own SQLite installation whatever the lane.
        lane("PostgreSQL", env_pg, POSTGRESQL_TESTS)
    else:
        skipped.append(f"PostgreSQL lane (no server at {PG_URL})")

    for what in skipped:
        banner(f"SKIPPED: {what}")
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
