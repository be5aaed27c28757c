import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[3] / "bench" / "postings.py"


@pytest.mark.subprocess
@pytest.mark.bench
def test_the_posting_benchmark_runs():
    """bench/postings.py end to end with few rounds, so it does not rot."""
    result = subprocess.run(
        [sys.executable, str(BENCH), "--rounds", "1", "--large-runs", "1", "--large-mb", "0.2"],
        env=dict(os.environ),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "pages/second" in result.stdout
    assert "field accuracy" in result.stdout and "CPU time" in result.stdout
