"""``onward work``: run the background jobs once, or ``--loop`` every ``--interval`` seconds."""

import logging
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections
from rich.console import Console

from onward.core import work

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Run every registered background job once (or repeatedly with --loop). "
        "Safe to run twice at once: each job claims its rows with row locks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Repeat until interrupted.")
        parser.add_argument(
            "--interval", type=float, default=60, help="Seconds between passes with --loop."
        )

    def handle(self, *args, loop: bool, interval: float, **options):
        # Rich types file as typing.IO; Django's OutputWrapper is a TextIOBase (works, not an IO).
        console = Console(file=self.stdout, highlight=False)  # type: ignore[arg-type]
        try:
            while True:
                failed = self.run_pass(console)
                if not loop:
                    if failed:
                        raise CommandError(f"{failed} job(s) failed.")
                    return
                time.sleep(interval)
                # A long-running loop must not hold on to a connection the server has dropped.
                close_old_connections()
        except KeyboardInterrupt:
            console.print("Stopped.")

    def run_pass(self, console: Console) -> int:
        """Run every job once; return how many failed."""
        jobs = work.registered_jobs()
        if not jobs:
            console.print("No background jobs are registered; nothing to do.")
            return 0
        failed = 0
        for job in jobs:
            name = work.job_name(job)
            try:
                result = job()
            except Exception as exc:  # one failing job must not stop the others
                failed += 1
                logger.exception("Background job %s failed", name)
                console.print(f"[red]✗[/red] {name}: {type(exc).__name__}: {exc}")
                continue
            summary = f": {result}" if result else ""
            console.print(f"[green]✓[/green] {name}{summary}")
        return failed
