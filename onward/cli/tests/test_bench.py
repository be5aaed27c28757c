import os
import subprocess
import sys
from pathlib import Path

import pytest

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
