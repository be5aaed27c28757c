import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[3] / "bench" / "portability.py"


@pytest.mark.subprocess
@pytest.mark.bench
def test_it_runs_the_export_and_import_benchmark_on_a_small_account():
    """bench/portability.py end to end with a tiny account, so `make bench` does not rot."""
    env = {key: value for key, value in os.environ.items() if key != "ONWARD_DATA_DIR"}
    result = subprocess.run(
        [sys.executable, str(BENCH), "--applications", "20"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "export" in result.stdout and "import" in result.stdout
    assert "100" in result.stdout  # 20 applications, 100 stage changes
