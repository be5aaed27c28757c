"""``onward read-posting-skills [--user NAME]``: read the skills every saved posting asks for.

New and edited applications are read as they are saved; this fills in the ones saved before
(or restored from a backup). Safe to run again."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import track

from onward.growth.models import PostingSkill
from onward.pipeline.models import Application


class Command(BaseCommand):
    help = "Read the skills each saved job posting asks for (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument("--user", help="Only this user's applications.")

    def handle(self, *args, user: str | None = None, **options):
        applications = Application.objects.order_by("pk")
        if user is not None:
            try:
                owner = get_user_model().objects.get(username=user)
            except get_user_model().DoesNotExist as exc:
                raise CommandError(f"There is no user called {user!r}.") from exc
            applications = applications.filter(user=owner)
        console = Console(file=self.stdout, stderr=False)  # type: ignore[arg-type]
        total = applications.count()
        found = 0
        for application in track(
            applications.iterator(), total=total, description="Reading", console=console
        ):
            found += len(PostingSkill.refresh(application))
        console.print(f"Read {total} applications: {found} asked-for skills found.")
