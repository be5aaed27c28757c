import os
import subprocess
import sys
from pathlib import Path

import pytest

from onward.cli.tests.test_serve import free_port

BENCH = Path(__file__).resolve().parents[3] / "bench" / "run.py"


@pytest.mark.subprocess
@pytest.mark.bench
def test_it_runs_the_benchmark_on_a_small_scratch_database():
    """bench/run.py end to end with a tiny fill, so `make bench` does not rot."""
    small = ["--sizes", "20", "--changes-each", "3", "--runs", "2", "--warmup", "0"]
    env = {key: value for key, value in os.environ.items() if key != "ONWARD_DATA_DIR"}

    result = subprocess.run(
        [sys.executable, str(BENCH), *small], env=env, capture_output=True, text=True
    )

    assert result.returncode == 0, result.stdout + result.stderr
    for page in ["Board", "Table, page 1", "Today", "Application", "Floor"]:
        assert page in result.stdout
    assert "20 applications, 60 stage changes" in result.stdout


# Not marked bench: it serves SQLite whatever DATABASE_URL says (see the script).
@pytest.mark.subprocess
def test_the_slow_client_benchmark_runs(initialised_data_folder):
    """bench/serve.py end to end with a few slow clients, so it does not rot."""
    # An initialised copy: `onward init` on a new folder took most of the test's time.
    from_the_template = ["--data-folder", str(initialised_data_folder)]
    script = BENCH.parent / "serve.py"
    env = {key: value for key, value in os.environ.items() if key != "ONWARD_DATA_DIR"}

    result = subprocess.run(
        [sys.executable, str(script), "--slow", "5", "--requests", "3", *from_the_template],
        env=env,
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "beside   5 slow clients" in result.stdout
    assert "MB resident" in result.stdout


# Not marked bench: it serves SQLite whatever DATABASE_URL says (see the script).
@pytest.mark.subprocess
def test_the_server_floor_benchmark_runs(initialised_data_folder):
    """bench/serve_floor.py end to end with one worker for a second, so it does not rot."""
    from_the_template = ["--data-folder", str(initialised_data_folder)]
    script = BENCH.parent / "serve_floor.py"
    env = {key: value for key, value in os.environ.items() if key != "ONWARD_DATA_DIR"}
    env["DATABASE_URL"] = ""
    port = str(free_port())

    result = subprocess.run(
        [
            sys.executable,
            str(script),
            "--workers",
            "1",
            "--seconds",
            "1",
            "--port",
            port,
            *from_the_template,
        ],
        env=env,
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "django.test.Client, in process" in result.stdout
    assert "--workers 1:" in result.stdout
