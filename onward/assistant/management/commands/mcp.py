"""``onward mcp --user NAME [--read-only]``: serve one user's job search to their own AI
assistant over the Model Context Protocol, on stdin/stdout (the assistant starts this command;
see the README for a client configuration).

``onward mcp --http [--host H] [--port P]``: the same over streamable HTTP at ``/mcp``, for
assistants that connect to an address; each request needs one of the user's API tokens
(``Authorization: Bearer <token>``) and reaches only that user's data."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from onward.assistant.server import HttpAuth, build_server
from onward.cli.common import user_named


class Command(BaseCommand):
    help = "Serve your job search to an MCP client (an AI assistant), over stdio or HTTP."

    def add_arguments(self, parser):
        parser.add_argument("--user", help="Whose search (stdio: only theirs is served).")
        parser.add_argument(
            "--read-only", action="store_true", help="Offer the read tools only: nothing changes."
        )
        parser.add_argument(
            "--http", action="store_true", help="Serve streamable HTTP with API-token auth."
        )
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8001)

    def handle(self, *args, user, read_only, http, host, port, **options):
        if not http:
            if not user:
                raise CommandError("Say whose search to serve: --user NAME (or use --http).")
            # stdout is the protocol's channel: nothing else may be printed there.
            build_server(user_named(user), read_only=read_only).run("stdio")
            return
        if user:
            raise CommandError("Over HTTP the API token says whose search it is: drop --user.")
        auth = HttpAuth(site_url=settings.SITE_URL, endpoint=f"http://{host}:{port}/mcp")
        self.stderr.write(f"Serving MCP on {auth.endpoint} (Authorization: Bearer <API token>)")
        build_server(read_only=read_only, http=auth).run("streamable-http", host=host, port=port)
