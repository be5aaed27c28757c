import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[3] / "bench" / "linkedin_import.py"


@pytest.mark.subprocess
@pytest.mark.bench
def test_the_import_benchmark_runs_on_a_small_file():
    """bench/linkedin_import.py end to end with small files, so it does not rot."""
    env = {key: value for key, value in os.environ.items() if key != "ONWARD_DATA_DIR"}
    result = subprocess.run(
        [sys.executable, str(BENCH), "--rows", "300", "--rows", "100"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "first import" in result.stdout and "re-import" in result.stdout
    assert "300" in result.stdout and "100" in result.stdout
