"""``onward debrief-step --user NAME``: the open debriefs and their next step; with
``--debrief ID --step HABIT --state done|skipped|todo``, change a step through the same
``DebriefStep.update`` as the debrief's page and the API."""

from typing import IO, cast

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.table import Table
from rich.text import Text

from onward.cli.common import day, refused_as_command_error, user_named
from onward.debrief.models import Debrief, StepState
from onward.debrief.taxonomy import Habit


class Command(BaseCommand):
    help = "List open debriefs with their next step, or tick, skip or reopen a step."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="Whose debriefs.")
        parser.add_argument("--debrief", type=int, help="The debrief's id (from the list).")
        parser.add_argument("--step", choices=Habit.values, help="Which step.")
        parser.add_argument("--state", choices=StepState.values, help="Its new state.")
        parser.add_argument("--notes", help="Replaces the step's notes.")
        parser.add_argument("--remind-on", help="Remind me of the step that day (YYYY-MM-DD).")

    def handle(self, *args, user, debrief, step, state, notes, remind_on, **options):
        owner = user_named(user)
        debriefs = Debrief.objects.for_user(owner).select_related("application__company")
        if debrief is None:
            if step or state:
                raise CommandError("Say which debrief: --debrief ID (run without it for the list).")
            return self.show(debriefs.to_finish())
        if not (step and state):
            raise CommandError("Changing a step needs --step and --state.")
        found = debriefs.filter(pk=debrief).first()
        if found is None:
            raise CommandError(f"You have no debrief {debrief}.")
        with refused_as_command_error():
            found.step(step).update(
                state=state, notes=notes, remind_on=day(remind_on) if remind_on else None
            )
        self.stdout.write(f"{Habit(step).label}: {StepState(state).label.lower()}.")

    def show(self, debriefs) -> None:
        table = Table(title="Open debriefs")
        for column in ("Id", "Application", "Next step", "Done"):
            table.add_column(column)
        for item in debriefs.prefetch_related("steps"):
            steps = sorted(item.steps.all(), key=lambda s: s.position)
            todo = [s for s in steps if s.state == StepState.TODO]
            table.add_row(
                str(item.pk),
                Text(f"{item.application.title} at {item.application.company}"),
                f"{todo[0].get_habit_display()} ({todo[0].habit})" if todo else "all done",
                f"{len(steps) - len(todo)} of {len(steps)}",
            )
        Console(file=cast(IO[str], self.stdout)).print(table)
