"""``onward send-mail --user NAME --to ADDRESS --subject "..." --body-file note.txt``: send a
message through the server's mail server with the same ``outbox.send`` as the draft pages and
the API, within the same per-user sending limits (exit code 1 past them)."""

import sys
from smtplib import SMTPException

from django.core.management.base import BaseCommand, CommandError

from onward.cli.common import refused_as_command_error, user_named
from onward.core import outbox
from onward.core.drafts import Draft


class Command(BaseCommand):
    help = "Send a message for a user through the configured mail server (within their limits)."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="Who sends it (replies go to them).")
        parser.add_argument("--to", required=True, help="The recipient's address.")
        parser.add_argument("--to-name", default="", help="The recipient's name.")
        parser.add_argument("--subject", required=True)
        parser.add_argument(
            "--body-file", required=True, help="A text file with the message, or - for stdin."
        )

    def handle(self, *args, user, to, to_name, subject, body_file, **options):
        sender = user_named(user)
        try:
            if body_file == "-":
                body = sys.stdin.read()
            else:
                with open(body_file, encoding="utf-8") as handle:
                    body = handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Could not read {body_file}: {exc}") from exc
        draft = Draft(to=to.strip(), to_name=to_name, subject=subject, body=body)
        try:
            with refused_as_command_error():
                entry = outbox.send(sender, draft)
        except outbox.SendingLimitReached as refusal:
            raise CommandError(str(refusal)) from refusal
        except (SMTPException, OSError) as exc:
            raise CommandError(f"The mail server refused the message: {exc}") from exc
        self.stdout.write(f"Sent to {entry.to}.")
