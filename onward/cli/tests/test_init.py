import os
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from onward.accounts.models import Profile
from onward.pipeline.models import Stage

User = get_user_model()
PASSWORD = "a long enough passphrase 42"


@pytest.fixture(autouse=True)
def static_root(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    return settings.STATIC_ROOT


def run_init(capsys, **options) -> str:
    call_command("init", **options)
    return capsys.readouterr().out


def test_it_creates_the_first_account_with_its_stages_once(db, tmp_path, capsys):
    password_file = tmp_path / "password"
    password_file.write_text(PASSWORD + "\n")

    first = run_init(capsys, username="sam", password_file=str(password_file))
    second = run_init(capsys, username="sam", password_file=str(password_file))

    user = User.objects.get(username="sam")
    assert User.objects.count() == 1
    assert user.check_password(PASSWORD)
    assert user.is_superuser and user.is_staff
    assert Stage.objects.for_user(user).count() == 10
    assert Profile.objects.filter(user=user).count() == 1
    assert "created" in first
    assert "exists" in second


def test_it_changes_nothing_the_second_time(db, static_root, capsys):
    run_init(capsys)
    files = sorted(p.relative_to(static_root) for p in static_root.rglob("*"))

    second = run_init(capsys)

    assert files, "the first run collects the static files"
    assert sorted(p.relative_to(static_root) for p in static_root.rglob("*")) == files
    assert "Database: up to date" in second
    assert "Static files: up to date" in second
    assert not User.objects.exists()


def test_it_collects_the_static_files_again_only_when_a_source_changed(
    db, settings, static_root, tmp_path, capsys
):
    """Collecting (and compressing) every file again cost seconds on each `onward init`."""
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "extra.css").write_text("body { color: black; }")
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, sources]
    run_init(capsys)
    collected = static_root / "extra.css"
    collected.unlink()  # were it collected again, it would be back

    unchanged = run_init(capsys)
    assert "Static files: up to date" in unchanged
    assert not collected.exists()

    (sources / "extra.css").write_text("body { color: navy; }")
    changed = run_init(capsys)
    assert "Static files: collected" in changed
    assert collected.read_text() == "body { color: navy; }"


def test_it_takes_the_password_from_the_environment(db, monkeypatch, capsys):
    monkeypatch.setenv("ONWARD_INIT_PASSWORD", PASSWORD)

    run_init(capsys, username="sam", skip_static=True)

    assert User.objects.get(username="sam").check_password(PASSWORD)


def test_it_prompts_for_the_password_twice(db, monkeypatch, capsys):
    monkeypatch.delenv("ONWARD_INIT_PASSWORD", raising=False)
    answers = iter([PASSWORD, PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))

    run_init(capsys, username="sam", skip_static=True)

    assert User.objects.get(username="sam").check_password(PASSWORD)


def test_it_refuses_prompted_passwords_that_differ(db, monkeypatch):
    monkeypatch.delenv("ONWARD_INIT_PASSWORD", raising=False)
    answers = iter([PASSWORD, PASSWORD + "x"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))

    with pytest.raises(CommandError, match="differ"):
        call_command("init", username="sam", skip_static=True)
    assert not User.objects.exists()


def test_it_refuses_a_weak_password(db, monkeypatch):
    monkeypatch.setenv("ONWARD_INIT_PASSWORD", "password")

    with pytest.raises(CommandError, match="Password not accepted"):
        call_command("init", username="sam", skip_static=True)
    assert not User.objects.exists()


def test_it_does_not_make_a_second_account_a_superuser(db, monkeypatch, capsys):
    monkeypatch.setenv("ONWARD_INIT_PASSWORD", PASSWORD)
    run_init(capsys, username="sam", skip_static=True)

    run_init(capsys, username="kim", skip_static=True)

    assert not User.objects.get(username="kim").is_superuser
    assert Stage.objects.for_user(User.objects.get(username="kim")).count() == 10


@pytest.mark.subprocess
def test_it_sets_up_a_fresh_data_folder_and_then_finds_it_up_to_date(tmp_path):
    """The real thing, in a subprocess: a new SQLite database in a new data folder."""
    data_dir = tmp_path / "data"
    env = {
        **os.environ,
        "ONWARD_DATA_DIR": str(data_dir),
        "DATABASE_URL": "",
        "ONWARD_INIT_PASSWORD": PASSWORD,
    }
    command = [sys.executable, "-m", "onward", "init", "--username", "sam", "--skip-static"]

    first = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    second = subprocess.run(command, env=env, capture_output=True, text=True, check=True)

    assert (data_dir / "secret_key").exists()
    assert (data_dir / "onward.sqlite3").exists()
    assert "applied" in first.stdout and "created" in first.stdout
    assert "Database: up to date" in second.stdout and "exists" in second.stdout
