"""What Onward knows about an application, turned into reflection prompts and draft values."""

from dataclasses import dataclass, field

from django.utils import timezone

from onward.accounts.models import sender_values
from onward.core.drafts import DRAFT_KINDS, Draft, DraftTemplate, is_no_reply, render
from onward.core.naming import greeting_name
from onward.core.text import one_line
from onward.network.models import Contact
from onward.pipeline.models import ApplicationContact, ContactRole

from .taxonomy import StageReached

# Who a draft of each kind goes to first, when the application has several contacts.
RECIPIENT_ORDER = {
    "thank_you": [ContactRole.RECRUITER, ContactRole.HIRING_MANAGER, ContactRole.INTERVIEWER],
    "feedback_request": [
        ContactRole.HIRING_MANAGER,
        ContactRole.INTERVIEWER,
        ContactRole.RECRUITER,
    ],
    "status_check": [ContactRole.RECRUITER, ContactRole.HIRING_MANAGER, ContactRole.INTERVIEWER],
    "closing_note": [ContactRole.RECRUITER, ContactRole.HIRING_MANAGER, ContactRole.INTERVIEWER],
    "feedback_follow_up": [
        ContactRole.HIRING_MANAGER,
        ContactRole.INTERVIEWER,
        ContactRole.RECRUITER,
    ],
    "feedback_thanks": [ContactRole.HIRING_MANAGER, ContactRole.INTERVIEWER, ContactRole.RECRUITER],
}
# The feedback drafts go first to whoever was asked for feedback.
FEEDBACK_KINDS = {"feedback_follow_up", "feedback_thanks"}
ALLOWED_ROLES = {ContactRole.RECRUITER, ContactRole.HIRING_MANAGER, ContactRole.INTERVIEWER}


@dataclass
class InterviewFact:
    round_name: str
    kind: str
    starts_at: object
    interviewers: list[str]
    questions: str
    notes: str
    self_rating: int | None


@dataclass
class Recipient:
    contact: Contact
    roles: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        roles = ", ".join(ContactRole(role).label.lower() for role in self.roles)
        email = self.contact.email or "no email yet"
        return f"{self.contact.name} ({roles}; {email})"


def day_month(moment) -> str:
    local = timezone.localtime(moment)
    return f"{local.day} {local:%B}"


def interview_facts(application) -> list[InterviewFact]:
    interviews = application.interviews.prefetch_related("interviewers").order_by("starts_at")
    return [
        InterviewFact(
            round_name=interview.round_name,
            kind=interview.get_kind_display(),
            starts_at=interview.starts_at,
            interviewers=[person.name for person in interview.interviewers.all()],
            questions=interview.questions,
            notes=interview.notes,
            self_rating=interview.self_rating,
        )
        for interview in interviews
    ]


# The reflection prompts for each point the application reached. Written to be answered in a
# few lines each, not as an essay.
REFLECT_PROMPTS = {
    StageReached.APPLICATION: [
        "Read the posting again next to what you sent. Which of their must-haves did your CV "
        "show plainly, and which did it leave the reader to guess?",
        "Was the role a stretch, a sideways step or a step down? Would you apply to the same "
        "kind of role again, and with what changed?",
        "How did you apply: a referral, the company site, a job board? Applications through a "
        "person get read more often; was there anyone you could have asked?",
        "Did a cover note or the first lines of your CV say why this company, in their words?",
    ],
    StageReached.SCREEN: [
        "How did your two-minute introduction land? Would you tell it the same way tomorrow?",
        "When they asked why this role and why now, what did you say, and did it sound like "
        "you meant it?",
        "Salary, notice period, location: did anything practical come up that might have ended it?",
        "Which of your questions showed you had done your homework on the company?",
    ],
    StageReached.TECHNICAL: [
        "Go through the questions you were asked. Which could you answer cold, and which "
        "would you want another go at?",
        "When you got stuck, did you think out loud and ask for what you needed?",
        "Which examples from your work did you use, and did each have a clear result?",
        "Was there a skill they kept coming back to? That is often the one that decided it.",
    ],
    StageReached.FINAL: [
        "Getting to the final round means they could see you in the role: the decision was "
        "probably close. What might the other candidate have had that you didn't show?",
        "How did the conversations about team, culture and motivation feel? Where did you "
        "connect, and where did it feel forced?",
        "Did you ask about the team's real problems, and say how you would help with them?",
        "Is there anyone from the final round worth staying in touch with?",
    ],
}


def reflect_prompts(stage: str, facts: list[InterviewFact]) -> list[str]:
    """The prompts for how far the application got, pointing at what Onward already knows."""
    prompts = list(REFLECT_PROMPTS[StageReached(stage)])
    for fact in facts:
        with_whom = f" with {', '.join(fact.interviewers)}" if fact.interviewers else ""
        when = day_month(fact.starts_at)
        if fact.questions.strip():
            prompts.append(
                f"In the {fact.round_name} on {when}{with_whom} you noted the questions below. "
                "Which one would you answer differently now?"
            )
        elif fact.round_name:
            prompts.append(
                f"Think back to the {fact.round_name} on {when}{with_whom}: what would you "
                "repeat, and what would you change?"
            )
    return prompts


def recipients(application) -> list[Recipient]:
    """The people a draft may go to: the application's recruiters, hiring managers and
    interviewers, never a no-reply address."""
    found: dict[int, Recipient] = {}
    links = ApplicationContact.objects.filter(
        application=application, role__in=ALLOWED_ROLES
    ).select_related("contact")
    for link in links:
        found.setdefault(link.contact.pk, Recipient(link.contact)).roles.append(link.role)
    for contact in Contact.objects.filter(interviews__application=application).distinct():
        recipient = found.setdefault(contact.pk, Recipient(contact))
        if ContactRole.INTERVIEWER not in recipient.roles:
            recipient.roles.append(ContactRole.INTERVIEWER)
    return [
        r
        for r in sorted(found.values(), key=lambda r: (r.contact.name, r.contact.pk))
        if not (r.contact.email and is_no_reply(r.contact.email))
    ]


def default_recipient(people: list[Recipient], kind: str, debrief=None) -> Recipient | None:
    if kind in FEEDBACK_KINDS and debrief is not None and debrief.feedback_contact_id:
        asked = [r for r in people if r.contact.pk == debrief.feedback_contact_id]
        if asked:
            return asked[0]
    order = RECIPIENT_ORDER.get(kind, list(ALLOWED_ROLES))
    for role in order:
        with_email = [r for r in people if role in r.roles and r.contact.email]
        if with_email:
            return with_email[0]
    return people[0] if people else None


def draft_values(debrief, contact: Contact | None) -> dict[str, str]:
    application = debrief.application
    user = debrief.user
    latest = application.interviews.order_by("-starts_at", "-pk").first()
    interviewers = (
        Contact.objects.filter(interviews__application=application)
        .distinct()
        .order_by("name")
        .values_list("name", flat=True)
    )
    name = one_line(contact.name) if contact else ""
    # Only what is not private: the round, the role, the people's names, the date, and the
    # one line the user chose to share. Notes, questions and reflections never go in.
    return {
        "recipient_name": name,
        "recipient_first_name": greeting_name(name) or "there",
        "company": application.company.name,
        "role": application.title,
        "round": latest.round_name if latest else "",
        "interview_date": day_month(latest.starts_at) if latest else "",
        "interviewers": ", ".join(interviewers),
        "detail": debrief.thank_you_detail,
        **sender_values(user),
    }


def make_draft(debrief, kind: str, contact: Contact | None) -> Draft:
    """The draft of ``kind`` for this debrief, from the user's template, for ``contact``."""
    if kind not in DRAFT_KINDS:
        raise KeyError(kind)
    subject, body = DraftTemplate.objects.template_for(debrief.user, kind)
    values = draft_values(debrief, contact)
    return Draft(
        to=contact.email if contact else "",
        to_name=one_line(contact.name) if contact else "",
        subject=one_line(render(subject, values)),
        body=render(body, values),
        from_email=debrief.user.email,
    )
