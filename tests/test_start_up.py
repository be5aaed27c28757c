"""A worker starts light: Plotly (large) is imported when a page first draws a chart, and
psycopg only when the database is PostgreSQL."""

import os
import subprocess
import sys

import pytest

CHECK = """
import sys
import django
django.setup()
from django.urls import get_resolver
import onward.asgi  # what `onward serve` loads
get_resolver().url_patterns  # every view module
print(" ".join(sorted(m for m in ("plotly", "psycopg") if m in sys.modules)))
"""


@pytest.mark.subprocess
def test_serving_imports_neither_plotly_nor_psycopg_on_sqlite(tmp_path):
    env = {**os.environ, "ONWARD_DATA_DIR": str(tmp_path), "DATABASE_URL": ""}
    env["DJANGO_SETTINGS_MODULE"] = "onward.settings"
    result = subprocess.run(
        [sys.executable, "-c", CHECK], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
