"""What the export and import commands share: finding the user, a progress bar."""

from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn


def find_user(username: str):
    try:
        return get_user_model().objects.get(username=username)
    except get_user_model().DoesNotExist:
        raise CommandError(f"There is no user called {username!r}.") from None


def console_for(command) -> Console:
    return Console(file=command.stdout, stderr=False)


@contextmanager
def progress_bar(console: Console, label: str, total: int | None):
    """A rich progress bar; yields the function that advances it by n records."""
    with Progress(
        TextColumn(f"[bold]{label}[/]"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task(label, total=total or None)
        yield lambda n: progress.advance(task, n)
