"""The finish line: when an application reaches a won stage, a short close-out helps end the
search well. Withdraw the other open applications politely, thank the support circle and the
referrers, rest the search's reminders and the weekly goals (routine answers ``search_won``),
keep a wins entry (wellbeing answers too) and choose whom to keep in touch with."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from onward.core.drafts import DraftKindSpec, register_kind
from onward.core.reminders.models import Reminder
from onward.network.models import Contact

from .models import Application, ApplicationContact, ContactRole, StageKind
from .signals import search_won

WITHDRAW = "withdraw"
SHARE_NEWS = "share_news"
CLOSE_OUT_KINDS = [WITHDRAW, SHARE_NEWS]

register_kind(
    WITHDRAW,
    DraftKindSpec(
        label="Withdrawing politely",
        help="Short and warm: you have accepted another role, you thank them, and you leave "
        "the door open.",
        subject="Withdrawing my application – {role}",
        body=(
            "Hi {recipient_first_name},\n"
            "\n"
            "Thank you for considering me for the {role} role at {company}. I've accepted "
            "another offer, so I'd like to withdraw my application.\n"
            "\n"
            "I appreciated the time you and the team gave me, and I'd be glad to stay in "
            "touch.\n"
            "\n"
            "Best wishes,\n"
            "{signature}"
        ),
    ),
)
register_kind(
    SHARE_NEWS,
    DraftKindSpec(
        label="Good news, and thank you",
        help="The people who helped you along will want to know, and to be thanked.",
        subject="Some good news",
        body=(
            "Hi {recipient_first_name},\n"
            "\n"
            "I wanted you to hear it from me: I've accepted the {role} role at {company}.\n"
            "\n"
            "Thank you for your help and encouragement during the search. It made a real "
            "difference, and I'd love to return the favour whenever I can.\n"
            "\n"
            "All the best,\n"
            "{signature}"
        ),
    ),
)


@dataclass
class Withdrawal:
    application: Application
    contact: Contact | None

    @property
    def draft_url(self) -> str:
        if self.contact is None:
            return ""
        url = reverse("pipeline:contact_draft", args=[self.contact.pk, WITHDRAW])
        return f"{url}?application={self.application.pk}"


def still_open(won: Application):
    """The user's other applications still in play (not won, not lost)."""
    return (
        Application.objects.for_user(won.user)
        .exclude(pk=won.pk)
        .filter(stage__kind__in=[StageKind.OPEN, StageKind.ACTIVE, StageKind.OFFER])
        .select_related("company", "stage")
        .order_by("company__name", "pk")
    )


def withdrawals(won: Application) -> list[Withdrawal]:
    """Each open application with the person to tell: its recruiter, else hiring manager,
    else anyone linked to it."""
    order = [ContactRole.RECRUITER, ContactRole.HIRING_MANAGER, ContactRole.INTERVIEWER]
    applications = list(still_open(won))
    links = ApplicationContact.objects.filter(application__in=applications).select_related(
        "contact"
    )
    best: dict[int, tuple[int, Contact]] = {}
    for link in links:
        rank = order.index(link.role) if link.role in order else len(order)
        if link.application_id not in best or rank < best[link.application_id][0]:
            best[link.application_id] = (rank, link.contact)
    return [Withdrawal(a, best[a.pk][1] if a.pk in best else None) for a in applications]


def people_to_thank(won: Application) -> list[Contact]:
    """The support circle and everyone who referred the user, each once."""
    referrers = ApplicationContact.objects.filter(
        application__user=won.user, role=ContactRole.REFERRER
    ).values("contact_id")
    return list(
        Contact.objects.for_user(won.user)
        .filter(Q(support_circle=True) | Q(pk__in=referrers))
        .distinct()
        .order_by("name", "pk")
    )


# How long the search's reminders rest once it is won (the same two months as the goals).
PAUSE = timedelta(days=60)


@transaction.atomic
def wrap_up(won: Application, now=None) -> None:
    """Close the search on the won application: its reminders about other applications rest
    for two months (they are still there if the new job falls through), and the apps above
    pause the weekly goals and keep the win (idempotent: doing it twice changes nothing)."""
    now = now or timezone.now()
    Reminder.objects.for_user(won.user).open().filter(application__isnull=False).exclude(
        application=won
    ).filter(Q(snoozed_until__isnull=True) | Q(snoozed_until__lt=now + PAUSE)).update(
        snoozed_until=now + PAUSE
    )
    search_won.send(sender=Application, application=won)


def closeout_on_win(sender, application, change, **kwargs) -> str | None:
    """Moving into a won stage opens the close-out (``application_moved`` receiver)."""
    if change.to_stage.kind == StageKind.WON:
        return reverse("pipeline:closeout", args=[application.pk])
    return None
