"""``onward serve``: serve Onward with gunicorn (not Django's development server)."""

import socket

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from gunicorn.app.base import BaseApplication
from rich.console import Console

from onward.cli.management.commands.init import collect_static, pending_migrations, static_manifest

THREADS = 4


def uses_manifest_storage() -> bool:
    return "Manifest" in settings.STORAGES["staticfiles"]["BACKEND"]


def site_url(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else host
    if ":" in shown:  # an IPv6 address
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def ensure_port_free(host: str, port: int) -> None:
    """Refuse to start (and to claim a running address) when the port is taken: gunicorn would
    only log the failure after we printed where Onward runs."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # As gunicorn binds: a port left in TIME_WAIT by a server just stopped counts as free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise CommandError(
                f"Cannot listen on {host}:{port} ({error.strerror}): another program is using "
                "that port. Stop it, or choose another with --port."
            ) from None


def gunicorn_options(*, host: str, port: int, workers: int, threads: int = THREADS) -> dict:
    """Gunicorn's settings for the command's flags."""
    bind_host = f"[{host}]" if ":" in host else host
    return {
        "bind": f"{bind_host}:{port}",
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "accesslog": "-",
        "errorlog": "-",
        "timeout": 60,
        "proc_name": "onward",
        # Gunicorn's runtime control socket would live in ~/.gunicorn, outside the data folder;
        # Onward does not use it.
        "control_socket_disable": True,
    }


class OnwardApplication(BaseApplication):
    """Gunicorn run in-process, configured from a dict instead of its own command line."""

    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from onward.wsgi import application

        return application


class Command(BaseCommand):
    help = "Serve Onward with gunicorn. Put it behind a reverse proxy for HTTPS."

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
        self.run_server(gunicorn_options(host=host, port=port, workers=workers))

    def run_server(self, options: dict) -> None:
        # Rich types file as typing.IO; Django's OutputWrapper is a TextIOBase (works, not an IO).
        console = Console(file=self.stdout, highlight=False)  # type: ignore[arg-type]
        host, _, port = options["bind"].rpartition(":")
        ensure_port_free(host.strip("[]"), int(port))
        console.print(
            f"[bold green]Onward[/bold green] is running at "
            f"[bold]{site_url(host.strip('[]'), int(port))}[/bold]  (Ctrl+C to stop)"
        )
        self.stdout.flush()
        OnwardApplication(options).run()
