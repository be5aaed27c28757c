"""``onward mcp --user NAME [--read-only]``: serve one user's job search to their own AI
assistant over the Model Context Protocol, on stdin/stdout (the assistant starts this command;
see the README for a client configuration)."""

from django.core.management.base import BaseCommand

from onward.assistant.server import build_server
from onward.cli.common import user_named


class Command(BaseCommand):
    help = "Serve your job search to an MCP client (an AI assistant) over stdio."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="Whose search (only theirs is served).")
        parser.add_argument(
            "--read-only", action="store_true", help="Offer the read tools only: nothing changes."
        )

    def handle(self, *args, user, read_only, **options):
        # stdout is the protocol's channel: nothing else may be printed there.
        build_server(user_named(user), read_only=read_only).run("stdio")
