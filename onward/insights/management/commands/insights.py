"""``onward insights --user NAME``: the insights page in the terminal, for a quick look or a
script: the funnel with its rates, how applications stand, what stands out, and a breakdown."""

from datetime import date

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.table import Table

from onward.insights import metrics, page
from onward.insights.stats import Rate


def rate_text(rate: Rate | None) -> str:
    """As on the page: a percentage with "k of n" and its interval, or a warning."""
    if rate is None:
        return "—"
    if not rate.n:
        return "[dim]no data yet[/]"
    if rate.too_small:
        return f"[dim]{rate.k} of {rate.n} (too little data)[/]"
    low, high = rate.interval
    return f"[bold]{rate.value:.0%}[/] {rate.k} of {rate.n} [dim]({low:.0%}–{high:.0%})[/]"


def day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"{value!r} is not a date (YYYY-MM-DD).") from exc


class Command(BaseCommand):
    help = "Show a user's funnel, findings and a breakdown, as on the insights page."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="Whose search to show.")
        parser.add_argument("--from", dest="start", help="Applied on or after (YYYY-MM-DD).")
        parser.add_argument("--to", dest="end", help="Applied on or before (YYYY-MM-DD).")
        parser.add_argument(
            "--include-wishlist", action="store_true", help="Count wishlist items too."
        )
        parser.add_argument(
            "--by", choices=list(metrics.DIMENSIONS), help="Also break the funnel down by this."
        )

    def handle(self, *args, user, start, end, include_wishlist, by, **options):
        try:
            owner = get_user_model().objects.get(username=user)
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"There is no user called {user!r}.") from exc
        filters = metrics.Filters(
            start=day(start) if start else None,
            end=day(end) if end else None,
            include_wishlist=include_wishlist,
        )
        if filters.start and filters.end and filters.start > filters.end:
            raise CommandError("The end date is before the start date.")
        console = Console(file=self.stdout)
        context = {**page.main(owner, filters), **page.findings(owner, filters)}
        summary = context["summary"]
        if not summary.total:
            console.print("No applications match these filters yet.")
            return

        funnel = Table(title="Funnel: each application at the furthest step it reached")
        for column in ("Step", "Reached", "Went on to the next step"):
            funnel.add_column(column, justify="right" if column == "Reached" else "left")
        for row in summary.rows:
            waiting = f" [dim]({row['pending']} still waiting)[/]" if row["pending"] else ""
            conversion = rate_text(row["conversion"]) + waiting if row["next"] else "—"
            funnel.add_row(row["step"].name, str(row["reached"]), conversion)
        console.print(funnel)
        console.print(f"Got a reply: {rate_text(summary.response_rate)}")
        console.print(f"Ghosted:     {rate_text(summary.ghosting_rate)}")
        console.print(
            "How they stand: "
            + ", ".join(f"{label.lower()} {n}" for _, label, n in summary.outcomes if n)
        )

        diagnosis = context["diagnosis"]
        console.print("\n[bold]What stands out[/]")
        if not diagnosis.findings:
            console.print("Nothing beyond noise yet.")
        for finding in diagnosis.findings:
            console.print(f"• [bold]{finding.title}[/]")
            for line in finding.evidence:
                console.print(f"    {line}")
            console.print(f"    {finding.advice}")
        for note in diagnosis.missing:
            console.print(f"[dim]  {note}[/]")

        if by:
            groups = page.breakdown(owner, filters, by)["groups"]
            table = Table(title=f"By {metrics.DIMENSIONS[by].lower()}")
            for column in ("Group", "Applications", "Got a reply", "Ghosted"):
                table.add_column(column)
            for group in groups:
                table.add_row(
                    group.label,
                    str(group.total),
                    rate_text(group.response_rate),
                    rate_text(group.ghosting_rate),
                )
            console.print(table)
