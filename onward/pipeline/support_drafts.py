"""Asking for support: drafts to ask a mentor for advice and a contact for a referral.

They are kinds of the drafting machinery (onward/core/drafts.py): the same plain {placeholder}
templates the user can reword, and the same copy / mailto / .eml / SMTP ways out. They live with
the pipeline because a draft may be about an application (a referral for a role).
"""

from django.urls import reverse
from django.utils import timezone

from onward.core.drafts import (
    DRAFT_KINDS,
    Draft,
    DraftKindSpec,
    DraftTemplate,
    one_line,
    register_kind,
    render,
)
from onward.network.models import Contact

from .models import Application, StageKind

ASK_ADVICE = "ask_advice"
ASK_REFERRAL = "ask_referral"
NETWORK_KINDS = [ASK_ADVICE, ASK_REFERRAL]
# When the template's subject uses a placeholder with no value (no application to name).
DEFAULT_SUBJECTS = {ASK_ADVICE: "Could I ask your advice?", ASK_REFERRAL: "A quick question"}

register_kind(
    ASK_ADVICE,
    DraftKindSpec(
        label="Ask a mentor for advice",
        help="People who have been there usually like being asked. Keep it specific and easy "
        "to say yes to: twenty minutes, at their convenience.",
        subject="Could I ask your advice?",
        body=(
            "Hi {recipient_first_name},\n"
            "\n"
            "I hope you're doing well. I'm in the middle of a job search, and I've just had a "
            "no from {company} for the {role} role.\n"
            "\n"
            "You've seen a lot more of this than I have, and I'd value your perspective on "
            "where I could do better. Would you have twenty minutes for a call or a coffee in "
            "the next couple of weeks? Whenever suits you.\n"
            "\n"
            "Thank you,\n"
            "{my_name}"
        ),
    ),
)
register_kind(
    ASK_REFERRAL,
    DraftKindSpec(
        label="Ask for a referral",
        help="Make it easy: name the role, say why you fit in a sentence or two, and offer "
        "to send anything they need. Give them an easy way to say no.",
        subject="A question about the {role} role at {company}",
        body=(
            "Hi {recipient_first_name},\n"
            "\n"
            "I hope all is well with you. I've seen that {company} is hiring for a {role}, "
            "and I'd love to apply.\n"
            "\n"
            "Would you be comfortable referring me, or telling me who the best person to "
            "talk to is? I'm happy to send my CV and a few lines you could forward.\n"
            "\n"
            "And if it's not a good time or not something you'd like to do, no problem at "
            "all: I'd still be glad to hear how things are going for you.\n"
            "\n"
            "Thanks a lot,\n"
            "{my_name}"
        ),
    ),
)


def application_for(contact: Contact, application_id: str = "") -> Application | None:
    """The application a draft is about: the one asked for, else the latest one at the
    contact's company (a referral) or the latest one lost (advice)."""
    mine = Application.objects.for_user(contact.user).select_related("company", "stage")
    if application_id.isdigit():
        chosen = mine.filter(pk=int(application_id)).first()
        if chosen:
            return chosen
    if contact.company_key:
        at_company = mine.filter(company__name_key=contact.company_key).exclude(
            stage__kind=StageKind.LOST
        )
        found = at_company.order_by("-created_at", "-pk").first()
        if found:
            return found
    return mine.filter(stage__kind=StageKind.LOST).order_by("-stage_changed_at", "-pk").first()


def draft_values(contact: Contact, application: Application | None) -> dict[str, str]:
    user = contact.user
    name = contact.name.strip()
    return {
        "recipient_name": name,
        "recipient_first_name": name.split()[0] if name else "there",
        "company": application.company.name if application else contact.company_name,
        "role": application.title if application else "",
        "my_name": user.get_full_name() or user.get_username(),
    }


def make_draft(contact: Contact, kind: str, application: Application | None) -> Draft:
    if kind not in NETWORK_KINDS or kind not in DRAFT_KINDS:
        raise KeyError(kind)
    subject, body = DraftTemplate.objects.template_for(contact.user, kind)
    values = draft_values(contact, application)
    return Draft(
        to=contact.email,
        to_name=one_line(contact.name),
        subject=one_line(render(subject, values)) or DEFAULT_SUBJECTS[kind],
        body=render(body, values),
        from_email=contact.user.email,
    )


def record_sent(contact: Contact, kind: str, application: Application | None):
    """A sent request is an interaction: it resets the stay-in-touch clock."""
    return contact.log_interaction(
        happened_on=timezone.localdate(),
        channel="email",
        summary=f"Sent: {DRAFT_KINDS[kind].label.lower()}.",
        application=application,
    )


def support_actions(contact: Contact) -> list[tuple[str, str]]:
    """The drafts a person's page offers (registered with the network's contact actions)."""
    return [
        (DRAFT_KINDS[kind].label, reverse("pipeline:contact_draft", args=[contact.pk, kind]))
        for kind in NETWORK_KINDS
    ]
