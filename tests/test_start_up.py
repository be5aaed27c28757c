"""A worker starts light: psycopg (and its pool) is imported only when the database is
PostgreSQL."""

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
print(" ".join(sorted(m for m in ("psycopg", "psycopg_pool") if m in sys.modules)))
"""


@pytest.mark.subprocess
def test_serving_on_sqlite_does_not_import_psycopg(tmp_path):
    env = {**os.environ, "ONWARD_DATA_DIR": str(tmp_path), "DATABASE_URL": ""}
    env["DJANGO_SETTINGS_MODULE"] = "onward.settings"
    result = subprocess.run(
        [sys.executable, "-c", CHECK], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
