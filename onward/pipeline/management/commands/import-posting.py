"""``onward import-posting SOURCE [--user NAME] [--json]``: read a job posting from a saved
page or a web address. With --json it saves nothing and prints what was found; with --user
it saves each posting found as a new application (skipping ones already tracked).

The file name has a dash on purpose: Django names a command after its module file.
"""

import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from rich.console import Console

from onward.pipeline.models import Stage
from onward.pipeline.postings import FetchError, PageReading, read_file, read_url
from onward.pipeline.postings.saving import save_posting


class Command(BaseCommand):
    help = (
        "Read a job posting from a saved page (.html) or an http(s) address; print it with "
        "--json, or save it for --user."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="A saved page's path, or the posting's address.")
        parser.add_argument("--user", help="Save the posting for this user.")
        parser.add_argument(
            "--json", action="store_true", help="Save nothing; print what was found as JSON."
        )
        parser.add_argument("--stage", help="The stage to save into (default: the first one).")

    def handle(self, *args, source: str, user: str | None, json: bool, stage: str | None, **opts):
        if not json and not user:
            raise CommandError("Give --user NAME to save the posting, or --json to print it.")
        owner = None
        if user:
            try:
                owner = get_user_model().objects.get(username=user)
            except get_user_model().DoesNotExist as exc:
                raise CommandError(f"There is no user called {user!r}.") from exc
        # Rich types file as typing.IO; Django's OutputWrapper is a TextIOBase (works, not an IO).
        console = Console(file=self.stderr, stderr=True)  # type: ignore[arg-type]
        with console.status(f"Reading {source}…"):
            reading = read_source(source)
        if json:
            self.stdout.write(dump(reading))
            return
        save_all(self, owner, reading, stage)


def read_source(source: str) -> PageReading:
    if source.startswith(("http://", "https://")):
        try:
            return read_url(source)
        except FetchError as exc:
            raise CommandError(str(exc)) from exc
    path = Path(source)
    if not path.is_file():
        raise CommandError(f"{source} is neither a file nor an http(s) address.")
    try:
        return read_file(path.read_bytes())
    except OSError as exc:
        raise CommandError(f"{source} could not be read: {exc.strerror or exc}.") from exc


def dump(reading: PageReading) -> str:
    return json.dumps(reading.as_json(), ensure_ascii=False, indent=2)


def save_all(command: BaseCommand, owner, reading: PageReading, stage_name: str | None) -> None:
    if not reading.postings:
        raise CommandError(reading.message)
    stage = None
    if stage_name:
        stage = Stage.objects.for_user(owner).filter(name__iexact=stage_name).first()
        if stage is None:
            raise CommandError(f"{owner} has no stage called {stage_name!r}.")
    saved = 0
    for posting in reading.postings:
        name = posting["title"] or "(untitled)"
        try:
            application = save_posting(owner, posting, reading.url, stage)
        except ValidationError as exc:
            command.stdout.write(f"Not saved: {name}: {' '.join(exc.messages)}")
        else:
            saved += 1
            link = settings.SITE_URL + application.get_absolute_url()
            command.stdout.write(f"Saved: {application} ({link})")
    if not saved:
        raise CommandError("Nothing was saved.")
