"""``onward api-token --user NAME --name "laptop script" --days 30``: make an API token, through
the same ``ApiToken.issue`` as Settings → API tokens. The token is printed once; only its hash
is kept."""

from django.core.management.base import BaseCommand

from onward.accounts.models import DEFAULT_TOKEN_DAYS, LONGEST_TOKEN_DAYS, ApiToken
from onward.cli.common import refused_as_command_error, user_named


class Command(BaseCommand):
    help = "Make an API token for a user (printed once: copy it now)."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="Whose token.")
        parser.add_argument("--name", required=True, help="What it is for, e.g. 'laptop script'.")
        parser.add_argument(
            "--days",
            type=int,
            default=DEFAULT_TOKEN_DAYS,
            help=f"Days until it expires, 1 to {LONGEST_TOKEN_DAYS}; 0: never "
            f"(default {DEFAULT_TOKEN_DAYS}).",
        )

    def handle(self, *args, user, name, days, **options):
        owner = user_named(user)
        with refused_as_command_error():
            token, raw = ApiToken.issue(owner, name, days=days)
        until = (
            f"until {token.expires_at:%Y-%m-%d %H:%M} UTC" if token.expires_at else "until revoked"
        )
        self.stderr.write(f"API token “{token.name}” for {owner.get_username()}, valid {until}:")
        self.stdout.write(raw)
