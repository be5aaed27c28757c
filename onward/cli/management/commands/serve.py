"""``onward serve``: serve Onward with uvicorn (not Django's development server).

Why uvicorn: it reads every request on an event loop and hands Django (onward.asgi) a request
only once it has arrived in full, so a client sending its body a byte a second holds a
coroutine, not one of a few worker threads; bodies over ONWARD_MAX_REQUEST_MB are refused as
they arrive. ``--workers`` processes (uvicorn's own supervisor) scale across cores.
"""

import os
import socket
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from rich.console import Console

from onward.cli.management.commands.init import (
    collect_static,
    pending_migrations,
    static_manifest,
    uses_manifest_storage,
)


def site_url(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else host
    if ":" in shown:  # an IPv6 address
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


# A factory (uvicorn --factory): each worker warms itself up before it takes requests.
APP = "onward.asgi:served_application"


def ensure_port_free(host: str, port: int) -> None:
    """Refuse to start (and to claim a running address) when the port is taken: the server
    would only log the failure after we printed where Onward runs."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # As the server binds: a port left in TIME_WAIT by a server just stopped counts as free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise CommandError(
                f"Cannot listen on {host}:{port} ({error.strerror}): another program is using "
                "that port. Stop it, or choose another with --port."
            ) from None


def uvicorn_command(*, host: str, port: int, workers: int) -> list[str]:
    """uvicorn's command line for the command's flags."""
    return [
        sys.executable,
        "-m",
        "uvicorn",
        APP,
        "--factory",
        f"--host={host}",
        f"--port={port}",
        f"--workers={workers}",
        # Onward reads X-Forwarded-For and -Proto itself, and only when told it is behind a
        # proxy (ONWARD_BEHIND_PROXY): uvicorn must not trust them on its own.
        "--no-proxy-headers",
        "--no-server-header",
        "--timeout-keep-alive=5",
        # Static files are whitenoise's; lifespan events are unused.
        "--lifespan=off",
    ]


class Command(BaseCommand):
    help = "Serve Onward with uvicorn. Put it behind a reverse proxy for HTTPS."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="Address to listen on.")
        parser.add_argument("--port", type=int, default=8000, help="Port to listen on.")
        parser.add_argument("--workers", type=int, default=2, help="Worker processes.")

    def handle(self, *args, host: str, port: int, workers: int, **options):
        # Rich types file as typing.IO; Django's OutputWrapper is a TextIOBase (works, not an IO).
        console = Console(file=self.stdout, highlight=False)  # type: ignore[arg-type]
        if not 0 < port < 65536:
            raise CommandError("The port must be between 1 and 65535.")
        if workers < 1:
            raise CommandError("At least one worker is needed.")
        pending = pending_migrations()
        if pending:
            raise CommandError(
                f"The database needs {pending} migration(s): run `onward init` first."
            )
        if uses_manifest_storage() and not static_manifest().exists():
            # Someone skipped `onward init`: without collected files every page would lack CSS.
            console.print("Collecting static files…")
            collect_static()
        if host not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
            console.print(
                f"[yellow]Note:[/yellow] {host} is not in ONWARD_ALLOWED_HOSTS "
                f"({', '.join(settings.ALLOWED_HOSTS)}); requests must use one of those names."
            )
        ensure_port_free(host, port)
        console.print(
            f"[bold green]Onward[/bold green] is running at "
            f"[bold]{site_url(host, port)}[/bold]  (Ctrl+C to stop)"
        )
        self.stdout.flush()
        connections.close_all()
        # uvicorn replaces this process (same pid, so signals reach it): what the checks above
        # loaded (Django, the static files' collection) is not kept in the supervisor's memory
        # beside the workers'.
        command = uvicorn_command(host=host, port=port, workers=workers)
        os.execv(command[0], command)
