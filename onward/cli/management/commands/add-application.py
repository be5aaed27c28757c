"""``onward add-application --user NAME --title T --company C``: add an application from a
terminal or a script, through the same ``Application.start`` as the web form and the API."""

from django.core.management.base import BaseCommand, CommandError

from onward.cli.common import day, decimal_argument, refused_as_command_error, user_named
from onward.pipeline.models import Application, Company, Source, Stage, StageKind, WorkMode

amount = decimal_argument("an amount")


class Command(BaseCommand):
    help = "Add an application (a new company is created with it)."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="Whose search.")
        parser.add_argument("--title", required=True, help="The job title.")
        parser.add_argument("--company", required=True, help="The company's name.")
        parser.add_argument("--stage", help="A stage's name (default: your first active one).")
        parser.add_argument("--applied", help="The date applied (YYYY-MM-DD).")
        parser.add_argument("--url", default="", help="The job posting's address.")
        parser.add_argument("--location", default="")
        parser.add_argument("--source", choices=Source.values)
        parser.add_argument("--work-mode", choices=WorkMode.values)
        parser.add_argument("--salary-min", type=amount)
        parser.add_argument("--salary-max", type=amount)
        parser.add_argument("--currency", default="", help="ISO code, e.g. EUR.")

    def handle(self, *args, **options):
        user = user_named(options["user"])
        stages = Stage.objects.for_user(user)
        if options["stage"]:
            stage = stages.filter(name__iexact=options["stage"].strip()).first()
            if stage is None:
                names = ", ".join(s.name for s in stages)
                raise CommandError(f"No stage called {options['stage']!r}. Yours: {names}.")
        else:
            stage = stages.filter(kind=StageKind.ACTIVE).first() or stages.first()
        fields = {
            "title": options["title"],
            "job_url": options["url"],
            "location": options["location"],
            "salary_min": options["salary_min"],
            "salary_max": options["salary_max"],
            "salary_currency": options["currency"],
        }
        for name in ("source", "work_mode"):
            if options[name]:
                fields[name] = options[name]
        if options["applied"]:
            fields["applied_on"] = day(options["applied"])
        with refused_as_command_error():
            company = Company.named(user, options["company"])
            application = Application.start(user, company=company, stage=stage, **fields)
        self.stdout.write(
            f"Added “{application}” (id {application.pk}) in {application.stage.name}."
        )
