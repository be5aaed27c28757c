"""Behind HTTPS, with ONWARD_HSTS_SECONDS and ONWARD_SSL_REDIRECT set, `onward check --deploy`
finds nothing to warn about; without them it warns, so the check does look."""

import os
import subprocess
import sys

import pytest

HTTPS = {
    "ONWARD_HSTS_SECONDS": "31536000",
    "ONWARD_SSL_REDIRECT": "1",
    "ONWARD_ALLOWED_HOSTS": "onward.example.org",
}


def deploy_check(tmp_path, **settings: str) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        # As on a server: none of this machine's Onward settings, nor the tests' async switch.
        if not key.startswith("ONWARD_") and key != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env.update(ONWARD_DATA_DIR=str(tmp_path), ONWARD_DEBUG="", **settings)
    return subprocess.run(
        [sys.executable, "-m", "onward", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )


@pytest.mark.subprocess
def test_the_deploy_check_is_clean_behind_https(tmp_path):
    result = deploy_check(tmp_path, **HTTPS)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.subprocess
def test_without_the_https_settings_it_warns(tmp_path):
    result = deploy_check(tmp_path)
    assert result.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr
