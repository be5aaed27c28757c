import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[3] / "bench" / "inbox_classify.py"


@pytest.mark.subprocess
def test_the_classifier_benchmark_prints_its_figures():
    """bench/inbox_classify.py end to end (no database), so it does not rot."""
    result = subprocess.run(
        [sys.executable, str(BENCH), "--rounds", "1"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Corpus split: test, 113 emails" in result.stdout
    for line in ("rejection", "interview", "accuracy", "emails/s"):
        assert line in result.stdout
