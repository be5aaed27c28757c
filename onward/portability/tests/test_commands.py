"""onward export and onward import."""

import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from onward.pipeline.models import Application
from onward.testing import make_application, make_contact

from .helpers import contents


def test_it_exports_and_imports_from_the_command_line(alice, bob, tmp_path, capsys):
    make_application(alice, "Interviewing", title="Data engineer")
    make_contact(alice, "Sam Lee")
    archive = tmp_path / "alice.zip"
    call_command("export", user="alice", output=archive)
    assert "Exported" in capsys.readouterr().out
    with zipfile.ZipFile(archive) as zipped:
        assert "records/pipeline.application.jsonl" in zipped.namelist()
        assert "csv/applications.csv" in zipped.namelist()

    call_command("import", archive, user="bob", dry_run=True)
    assert "Would import" in capsys.readouterr().out
    assert not Application.objects.for_user(bob).exists()

    call_command("import", archive, user="bob")
    assert "pipeline.Application: 1" in capsys.readouterr().out
    assert Application.objects.get(user=bob).title == "Data engineer"
    again = tmp_path / "bob.zip"
    call_command("export", user="bob", output=again)
    assert contents(again.read_bytes()) == contents(archive.read_bytes())


def test_it_fails_with_a_reason_and_a_non_zero_exit(alice, tmp_path):
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"nope")
    with pytest.raises(CommandError, match="Nothing was imported. This is not a zip file"):
        call_command("import", bad, user="alice")
    with pytest.raises(CommandError, match="no user called 'zed'"):
        call_command("export", user="zed", output=tmp_path / "x.zip")
    with pytest.raises(CommandError, match="is a folder"):
        call_command("export", user="alice", output=tmp_path)
