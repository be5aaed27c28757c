"""``onward serve``: serve Onward with uvicorn (not Django's development server).

Why uvicorn: it reads every request on an event loop and hands Django (onward.asgi) a request
only once it has arrived in full, so a client sending its body a byte a second holds a
coroutine, not one of a few worker threads; bodies over ONWARD_MAX_REQUEST_MB are refused as
they arrive. ``--workers`` processes (uvicorn's own supervisor) scale across cores.
"""

import uvicorn
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from rich.console import Console

from onward.cli.management.commands.init import collect_static, pending_migrations, static_manifest


def uses_manifest_storage() -> bool:
    return "Manifest" in settings.STORAGES["staticfiles"]["BACKEND"]


def site_url(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else host
    if ":" in shown:  # an IPv6 address
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def server_options(*, host: str, port: int, workers: int) -> dict:
    """uvicorn's settings for the command's flags."""
    return {
        "app": "onward.asgi:application",
        "host": host,
        "port": port,
        "workers": workers,
        # Onward reads X-Forwarded-For and -Proto itself, and only when told it is behind a
        # proxy (ONWARD_BEHIND_PROXY): uvicorn must not trust them on its own.
        "proxy_headers": False,
        "server_header": False,
        "timeout_keep_alive": 5,
        "log_level": "info",
        # Onward's settings serve static files through whitenoise; lifespan events are unused.
        "lifespan": "off",
    }


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
        self.run_server(server_options(host=host, port=port, workers=workers))

    def run_server(self, options: dict) -> None:
        # Rich types file as typing.IO; Django's OutputWrapper is a TextIOBase (works, not an IO).
        console = Console(file=self.stdout, highlight=False)  # type: ignore[arg-type]
        console.print(
            f"[bold green]Onward[/bold green] is running at "
            f"[bold]{site_url(options['host'], options['port'])}[/bold]  (Ctrl+C to stop)"
        )
        self.stdout.flush()
        uvicorn.run(**options)
