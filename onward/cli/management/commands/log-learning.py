"""``onward log-learning --user NAME --item "Title" --hours 1.5``: log time spent on a learning
plan item, through the same ``LearningItem.log_time`` as the growth page and the API."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from onward.cli.common import day, decimal_argument, refused_as_command_error, user_named
from onward.core.zones import user_zone
from onward.growth.models import LearningItem

hours = decimal_argument("a number of hours (e.g. 1.5)")


class Command(BaseCommand):
    help = "Log time spent on an item of your learning plan (counts towards the weekly goal)."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="Whose learning plan.")
        parser.add_argument("--item", required=True, help="The item's title (or id).")
        parser.add_argument("--hours", required=True, type=hours, help="e.g. 1.5")
        parser.add_argument("--on", help="The day (YYYY-MM-DD, default today).")
        parser.add_argument("--note", default="", help="What you did.")

    def handle(self, *args, user, item, hours, on, note, **options):
        owner = user_named(user)
        items = LearningItem.objects.for_user(owner)
        found = (
            items.filter(pk=int(item)).first()
            if item.isdigit()
            else items.filter(title__iexact=item.strip()).first()
        )
        if found is None:
            titles = ", ".join(items.values_list("title", flat=True)[:10]) or "none yet"
            raise CommandError(f"No learning item {item!r}. Yours: {titles}.")
        with refused_as_command_error():
            today = timezone.localdate(timezone=user_zone(owner))
            log = found.log_time(hours, day(on) if on else today, note)
        self.stdout.write(f"Logged {log.activity.hours} h on “{found.title}”.")
