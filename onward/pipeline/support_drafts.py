"""Asking for support: drafts to ask a mentor for advice and a contact for a referral.

They are kinds of the drafting machinery (onward/core/drafts.py): the same plain {placeholder}
templates the user can reword, and the same copy / mailto / .eml / SMTP ways out. They live with
the pipeline because a draft may be about an application (a referral for a role).
"""

from enum import StrEnum

from django.urls import reverse
from django.utils import timezone

from onward.accounts.models import sender_values
from onward.core.drafts import (
    DRAFT_KINDS,
    Draft,
    DraftKindSpec,
    DraftTemplate,
    register_kind,
    render,
)
from onward.core.naming import greeting_name
from onward.core.text import one_line
from onward.network.models import Contact

from .models import Application, StageKind

ASK_ADVICE = "ask_advice"
ASK_REFERRAL = "ask_referral"
RECONNECT = "reconnect"
NETWORK_KINDS = [ASK_ADVICE, ASK_REFERRAL, RECONNECT]
# When the template's subject uses a placeholder with no value (no application to name).
DEFAULT_SUBJECTS = {
    ASK_ADVICE: "Could I ask your advice?",
    ASK_REFERRAL: "A quick question",
    RECONNECT: "It's been a while",
}

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
            "I hope you're doing well. {situation}\n"
            "\n"
            "You've seen a lot more of this than I have, and I'd value your perspective. Would "
            "you have twenty minutes for a call or a coffee in the next couple of weeks? "
            "Whenever suits you.\n"
            "\n"
            "Thank you,\n"
            "{signature}"
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
            "I hope all is well with you. {situation}\n"
            "\n"
            "And if it's not a good time or not something you'd like to do, no problem at "
            "all: I'd still be glad to hear how things are going for you.\n"
            "\n"
            "Thanks a lot,\n"
            "{signature}"
        ),
    ),
)

register_kind(
    RECONNECT,
    DraftKindSpec(
        label="Reconnect",
        help="A short hello with no request attached keeps a relationship warm. Mention "
        "something of theirs: news, an article, a milestone.",
        subject="It's been a while",
        body=(
            "Hi {recipient_first_name},\n"
            "\n"
            "I hope you're well. {situation}\n"
            "\n"
            "No need to reply if you're busy; I just wanted to say hello. I'd be glad to hear "
            "how things are going for you.\n"
            "\n"
            "Best wishes,\n"
            "{signature}"
        ),
    ),
)


class Standing(StrEnum):
    """Where the user stands with an application, as a draft to someone else sees it."""

    NONE = "none"  # no application (yet) at that company
    WISHLIST = "wishlist"  # on the list, not applied
    APPLIED = "applied"  # applied, no interview yet
    INTERVIEWING = "interviewing"
    OFFER = "offer"
    ACCEPTED = "accepted"
    ENDED = "ended"  # rejected, ghosted or withdrawn


def standing(application: Application | None) -> Standing:
    if application is None:
        return Standing.NONE
    kind = application.stage.kind
    if kind == StageKind.OPEN:
        return Standing.WISHLIST
    if kind == StageKind.ACTIVE:
        interviewed = application.interviews.exists()
        return Standing.INTERVIEWING if interviewed else Standing.APPLIED
    if kind == StageKind.OFFER:
        return Standing.OFFER
    if kind == StageKind.WON:
        return Standing.ACCEPTED
    return Standing.ENDED


def application_for(contact: Contact, kind: str, application_id: str = "") -> Application | None:
    """The application a draft is about: the one asked for, else for a referral the latest one
    at the contact's company (however it stands), for advice the latest one that ended."""
    mine = Application.objects.for_user(contact.user).select_related("company", "stage")
    if application_id.isdigit():
        chosen = mine.filter(pk=int(application_id)).first()
        if chosen:
            return chosen
    if kind in (ASK_REFERRAL, RECONNECT):
        if not contact.company_key:
            return None
        at_company = mine.filter(company__name_key=contact.company_key)
        return at_company.order_by("-stage_changed_at", "-pk").first()
    return mine.filter(stage__kind=StageKind.LOST).order_by("-stage_changed_at", "-pk").first()


def not_offered(kind: str, application: Application | None) -> str:
    """Why this draft makes no sense for where things stand (empty when it does)."""
    if kind != ASK_REFERRAL or application is None:
        return ""
    where = f"the {application.title} role at {application.company.name}"
    state = standing(application)
    if state == Standing.ENDED:
        return (
            f"Your application for {where} has ended ({application.stage.name}): a referral "
            "for it cannot help now. Ask for advice instead, or add the new role you would "
            "like a referral for and choose it here."
        )
    if state == Standing.ACCEPTED:
        return f"You accepted {where}: this is a moment to thank people, not to ask for a referral."
    return ""


def situation(kind: str, application: Application | None, contact: Contact) -> str:
    """The sentence or two that say where things stand, in the user's voice."""
    state = standing(application)
    if application is None:
        if kind == RECONNECT:
            return "It's been a while since we last spoke, and I wanted to catch up."
        if kind == ASK_REFERRAL:
            company = contact.company_name or "your company"
            return (
                f"I'd love to work at {company}. If a role comes up that fits my background, "
                "would you be comfortable referring me, or telling me who the best person to "
                "talk to is? I'm happy to send my CV."
            )
        return (
            "I'm in the middle of a job search, and I'd like to get better at it rather than "
            "just keep going."
        )
    role, company = application.title, application.company.name
    if kind == RECONNECT:
        return {
            Standing.WISHLIST: f"I've been following {company}, and I'm thinking of applying "
            f"for the {role} role.",
            Standing.APPLIED: f"I've applied to {company} again, for the {role} role, and it "
            "made me think of you.",
            Standing.INTERVIEWING: f"I'm interviewing with {company} again, for the {role} "
            "role, and it made me think of you.",
            Standing.OFFER: f"{company} has offered me the {role} role, and it made me think "
            "of you.",
            Standing.ACCEPTED: f"I've joined {company} as {role}, and I'm glad to be closer to "
            "your work.",
            Standing.ENDED: f"It's been a while since the {role} process at {company}, and I "
            "still think of the conversations we had.",
        }[state]
    if kind == ASK_REFERRAL:
        return {
            Standing.WISHLIST: f"I've seen that {company} is hiring for a {role}, and I'd love "
            "to apply. Would you be comfortable referring me, or telling me who the best person "
            "to talk to is? I'm happy to send my CV and a few lines you could forward.",
            Standing.APPLIED: f"I've applied for the {role} role at {company} and haven't heard "
            "back yet. Would you be comfortable putting in a word for me with the hiring team, "
            "or telling me who they are? I'm happy to send my CV and a few lines you could "
            "forward.",
            Standing.INTERVIEWING: f"I'm in the interview process for the {role} role at "
            f"{company}. Could I ask you what the team is like from the inside, and anything "
            "you think I should know before the next round?",
            Standing.OFFER: f"{company} has offered me the {role} role, and I'm deciding. "
            "Would you tell me honestly what it's like to work there?",
        }.get(state, "")
    return {
        Standing.WISHLIST: f"I'm thinking of applying to {company} for the {role} role, and "
        "I'd like to get the application right.",
        Standing.APPLIED: f"I've applied to {company} for the {role} role, and I'd like to "
        "be ready if they call.",
        Standing.INTERVIEWING: f"I'm interviewing with {company} for the {role} role, and "
        "I'd like to prepare well for the next round.",
        Standing.OFFER: f"{company} has offered me the {role} role, and I'd like to think the "
        "decision through with someone who knows the field.",
        Standing.ACCEPTED: f"I've accepted the {role} role at {company}, and I'd like to start "
        "it well.",
        Standing.ENDED: f"I've just had a no from {company} for the {role} role, and I'd "
        "like to learn from it.",
    }[state]


def draft_values(contact: Contact, kind: str, application: Application | None) -> dict[str, str]:
    name = one_line(contact.name)
    return {
        "recipient_name": name,
        "recipient_first_name": greeting_name(name) or "there",
        "company": application.company.name if application else contact.company_name,
        "role": application.title if application else "",
        "situation": situation(kind, application, contact),
        **sender_values(contact.user),
    }


def make_draft(contact: Contact, kind: str, application: Application | None) -> Draft:
    if kind not in DRAFT_KINDS:
        raise KeyError(kind)
    subject, body = DraftTemplate.objects.template_for(contact.user, kind)
    values = draft_values(contact, kind, application)
    return Draft(
        to=contact.email,
        to_name=one_line(contact.name),
        subject=one_line(render(subject, values)) or DEFAULT_SUBJECTS.get(kind, "Hello"),
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
