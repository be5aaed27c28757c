"""``onward log-interaction --user NAME --contact "Name"``: log a touch with someone, through
the same ``Contact.log_interaction`` as the contact page and the API."""

from django.core.management.base import BaseCommand, CommandError

from onward.cli.common import day, refused_as_command_error, user_named
from onward.network.models import Channel, Contact


class Command(BaseCommand):
    help = "Log a call, email, coffee... with one of your contacts."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="Whose contacts.")
        parser.add_argument("--contact", required=True, help="The contact's name (or id).")
        parser.add_argument("--channel", choices=Channel.values, default=Channel.EMAIL)
        parser.add_argument("--on", help="When it happened (YYYY-MM-DD, default today).")
        parser.add_argument("--summary", default="", help="What you talked about.")

    def handle(self, *args, user, contact, channel, on, summary, **options):
        owner = user_named(user)
        contacts = Contact.objects.for_user(owner)
        matches = list(
            contacts.filter(pk=int(contact))
            if contact.isdigit()
            else contacts.filter(name__iexact=contact.strip())[:2]
        )
        if not matches:
            raise CommandError(f"You have no contact called {contact!r}.")
        if len(matches) > 1:
            raise CommandError(f"More than one contact is called {contact!r}: give the id.")
        fields = {"channel": channel, "summary": summary}
        if on:
            fields["happened_on"] = day(on)
        with refused_as_command_error():
            interaction = matches[0].log_interaction(**fields)
        self.stdout.write(f"Logged: {interaction}.")
