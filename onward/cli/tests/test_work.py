import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from onward.core import work


@pytest.fixture
def registry(monkeypatch):
    """An empty registry for the test, whatever the apps registered."""
    monkeypatch.setattr(work, "_jobs", {})
    return work


def test_it_says_there_is_nothing_to_do_without_jobs(registry, capsys):
    call_command("work")

    assert "No background jobs are registered" in capsys.readouterr().out


def test_it_runs_every_registered_job_once_per_pass(registry, capsys):
    calls = []

    def first():
        calls.append("first")
        return "3 reminders sent"

    def second():
        calls.append("second")

    registry.register(first)
    registry.register(second)
    registry.register(first)  # registering twice keeps one

    call_command("work")

    assert calls == ["first", "second"]
    assert "3 reminders sent" in capsys.readouterr().out


def test_it_runs_the_other_jobs_when_one_fails_and_then_reports_the_failure(registry):
    calls = []

    def broken():
        raise RuntimeError("boom")

    def fine():
        calls.append("fine")

    registry.register(broken)
    registry.register(fine)

    with pytest.raises(CommandError, match="1 job"):
        call_command("work")
    assert calls == ["fine"]


def test_it_repeats_passes_with_loop(registry, monkeypatch):
    passes = []

    def job():
        passes.append(1)
        if len(passes) == 3:
            raise KeyboardInterrupt

    registry.register(job)
    sleeps = []
    monkeypatch.setattr("time.sleep", sleeps.append)
    closed = []
    monkeypatch.setattr(
        "onward.cli.management.commands.work.close_old_connections", lambda: closed.append(1)
    )

    call_command("work", loop=True, interval=5)

    assert len(passes) == 3
    assert sleeps == [5, 5]
    assert len(closed) == 2  # a stale connection is dropped between passes
