"""``onward applications --user NAME``: the applications table in the terminal, filtered by the
same FilterSet as the page and the API."""

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.table import Table
from rich.text import Text

from onward.cli.common import user_named
from onward.pipeline.filters import SORTS, ApplicationFilter
from onward.pipeline.models import Application, Company, Stage


class Command(BaseCommand):
    help = "List applications, with the table's filters."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="Whose search.")
        parser.add_argument("--search", help="Part of a title, company, location or notes.")
        parser.add_argument("--stage", help="A stage's name.")
        parser.add_argument("--company", help="A company's name.")
        parser.add_argument("--from", dest="applied_from", help="Applied on or after.")
        parser.add_argument("--to", dest="applied_to", help="Applied on or before.")
        parser.add_argument(
            "--sort", choices=[f"{sign}{key}" for key in SORTS for sign in ("", "-")]
        )
        parser.add_argument("--limit", type=int, default=50, help="Rows to show (default 50).")

    def handle(self, *args, user, limit, **options):
        owner = user_named(user)
        data = {
            "q": options["search"],
            "applied_from": options["applied_from"],
            "applied_to": options["applied_to"],
            "sort": options["sort"],
        }
        # Names in the terminal, ids in the FilterSet (as the page's select sends them).
        for name, model in (("stage", Stage), ("company", Company)):
            if options[name]:
                found = model.objects.for_user(owner).filter(name__iexact=options[name].strip())
                if not found.exists():
                    raise CommandError(f"You have no {name} called {options[name]!r}.")
                data[name] = found.first().pk
        filters = ApplicationFilter(
            {k: v for k, v in data.items() if v},
            Application.objects.for_user(owner).with_related(),
            user=owner,
        )
        if not filters.is_valid():
            reasons = "; ".join(f"{k}: {' '.join(v)}" for k, v in filters.errors.items())
            raise CommandError(reasons)
        rows = filters.qs
        total = rows.count()
        table = Table(title=f"Applications ({min(total, limit)} of {total})")
        for column in ("Id", "Title", "Company", "Stage", "Applied"):
            table.add_column(column)
        for application in rows[:limit]:
            # Text(): a title like "[bold]" is the user's text, not rich markup.
            table.add_row(
                str(application.pk),
                Text(application.title),
                Text(application.company.name),
                Text(application.stage.name),
                str(application.applied_on or "—"),
            )
        Console(file=self.stdout).print(table)
