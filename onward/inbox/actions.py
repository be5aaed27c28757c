"""The next step for each kind of message, in one click, and its undo. The web calls these; each
is one transaction that closes the signal with what it did (``InboxSignal.done``), so the undo
knows what to take back.

- rejection: the application moves to the lost stage for rejections (the debrief opens)
- interview: an interview is added on the date and time the email names
- acknowledgement: the application is marked applied, or added if it was not tracked
- offer: the application moves to the offer stage
- assessment: a reminder falls due on the deadline the email names (else in a week)
- other: logged on the contact (see ``log_on_contact``) or dismissed
"""

from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from onward.core.naming import company_key
from onward.core.reminders.models import Reminder, ReminderKind
from onward.network.models import Channel, Interaction
from onward.pipeline.models import (
    Application,
    Company,
    Interview,
    InterviewKind,
    LossType,
    Stage,
    StageKind,
)

from .models import InboxSignal, SignalKind, SignalStatus

# An assessment whose email names no deadline is reminded of after this long.
ASSESSMENT_DEFAULT_DUE = timedelta(days=7)


class ActionError(Exception):
    """The step cannot be taken; the message says why, for the user."""


@dataclass(frozen=True)
class Done:
    message: str
    # A page to show next (the debrief after a rejection), if any.
    next_url: str | None = None


def _first_stage(user, kind: str, **filters) -> Stage | None:
    return (
        Stage.objects.for_user(user).filter(kind=kind, **filters).order_by("position", "pk").first()
    )


def target_stage(signal: InboxSignal) -> Stage | None:
    """The stage a rejection, an offer or an acknowledgement moves its application to."""
    user = signal.user
    if signal.kind == SignalKind.REJECTION:
        return _first_stage(user, StageKind.LOST, loss_type=LossType.REJECTED)
    if signal.kind == SignalKind.OFFER:
        return _first_stage(user, StageKind.OFFER)
    return _first_stage(user, StageKind.ACTIVE)


def _close(signal: InboxSignal, done: dict) -> None:
    if not signal.close(SignalStatus.HANDLED):
        raise ActionError("That message was already dealt with.")
    signal.done = done
    InboxSignal.objects.filter(pk=signal.pk).update(done=done)


def _open_application(signal: InboxSignal) -> Application:
    application = signal.application
    if application is None or application.stage.is_closed:
        what: str = {
            SignalKind.REJECTION.value: "mark as rejected",
            SignalKind.OFFER.value: "move to the offer stage",
            SignalKind.INTERVIEW.value: "add the interview to",
            SignalKind.ASSESSMENT.value: "remind you about",
        }.get(signal.kind, "act on")
        raise ActionError(f"There is no open application to {what}.")
    return application


def _move(signal: InboxSignal, application: Application, stage: Stage) -> Done:
    # Dated when the email came, unless the application moved since.
    when = min(max(signal.received_at, application.stage_changed_at), timezone.now())
    previous = application.stage
    change = application.move_to(stage, when=when, note=f"Email: {signal.subject}"[:500])
    _close(signal, {"moved": application.pk, "from": previous.pk, "to": stage.pk})
    return Done(f"Moved “{application.title}” to {stage}.", change.next_url if change else None)


@transaction.atomic
def take_next_step(signal: InboxSignal, kind: str = "") -> Done:
    """Do what the signal's kind suggests (see the module's docstring). Raises ActionError.

    ``kind``, when given, is the user's word for what the message is (a second opinion they
    applied): the signal takes that kind first, and the undo gives back the classifier's. If the
    step cannot be taken, nothing changes (one transaction)."""
    if not signal.is_new:
        raise ActionError("That message was already dealt with.")
    if kind and kind not in SignalKind.values:
        raise ActionError("That is not a kind of message Onward knows.")
    was = {"kind": signal.kind, "confidence": signal.confidence}
    if kind and kind != signal.kind:
        signal.kind, signal.confidence = kind, 1.0
        signal.save(update_fields=["kind", "confidence"])
    done = _step(signal)
    if signal.kind != was["kind"]:
        signal.done = {**signal.done, "kind_was": was}
        InboxSignal.objects.filter(pk=signal.pk).update(done=signal.done)
    return done


def _step(signal: InboxSignal) -> Done:
    try:
        if signal.kind in (SignalKind.REJECTION, SignalKind.OFFER):
            application = _open_application(signal)
            stage = target_stage(signal)
            if stage is None:
                raise ActionError(
                    "You have no stage for rejections: add a lost stage of type Rejected."
                    if signal.kind == SignalKind.REJECTION
                    else "You have no offer stage: add a stage of kind Offer."
                )
            return _move(signal, application, stage)
        if signal.kind == SignalKind.ACKNOWLEDGEMENT:
            return _acknowledge(signal)
        if signal.kind == SignalKind.INTERVIEW:
            return _add_interview(signal)
        if signal.kind == SignalKind.ASSESSMENT:
            return _remind_of_assessment(signal)
    except ValidationError as exc:
        raise ActionError(" ".join(exc.messages)) from None
    raise ActionError("There is nothing to do for this message but log it or dismiss it.")


def _acknowledge(signal: InboxSignal) -> Done:
    applied = target_stage(signal)
    if applied is None:
        raise ActionError("You have no active stage to mark the application applied.")
    application = signal.application
    if application is not None:
        if application.stage.kind != StageKind.OPEN:
            _close(signal, {"noted": application.pk})
            return Done(f"“{application.title}” was already marked applied.")
        return _move(signal, application, applied)
    if not signal.company_name and signal.company is None:
        raise ActionError("The email does not say which company it is from: add it by hand.")
    company = signal.company or (
        Company.objects.for_user(signal.user)
        .filter(name_key=company_key(signal.company_name))
        .first()
    )
    new_company = company is None
    if company is None:
        company = Company(user=signal.user, name=signal.company_name)
    title = signal.role or f"Role from “{signal.subject}”"[:200]
    application = Application.start(
        signal.user,
        company=company,
        stage=applied,
        title=title,
        applied_on=timezone.localdate(signal.received_at),
    )
    signal.application = application
    InboxSignal.objects.filter(pk=signal.pk).update(application=application)
    done = {"created": application.pk, "company": company.pk if new_company else None}
    _close(signal, done)
    return Done(f"Added “{application.title}” at {company} as applied.")


def interview_kind(signal: InboxSignal) -> str:
    text = f"{signal.subject} {signal.snippet}".casefold()
    for words, kind in (
        (("onsite", "on-site", "office", "vor ort", "locaux", "oficinas"), InterviewKind.ONSITE),
        (("final", "letzte", "dernier", "última"), InterviewKind.FINAL),
        (("technical", "technisch", "technique", "técnica", "coding"), InterviewKind.TECHNICAL),
        (("panel", "jury"), InterviewKind.PANEL),
    ):
        if any(word in text for word in words):
            return kind
    return InterviewKind.PHONE_SCREEN


def _add_interview(signal: InboxSignal) -> Done:
    application = _open_application(signal)
    if signal.mentioned_at is None:
        raise ActionError("The email names no date: add the interview from the application.")
    interview = Interview(
        application=application,
        round_name=(signal.subject or "Interview")[:100],
        kind=interview_kind(signal),
        starts_at=signal.mentioned_at,
        notes=f"From the email “{signal.subject}”.",
    )
    interview.full_clean(exclude=["application"])
    interview.save()
    _close(signal, {"interview": interview.pk})
    when = timezone.localtime(interview.starts_at)
    return Done(f"Interview added on {when:%a %d %b %Y, %H:%M}.", interview.get_absolute_url())


def _remind_of_assessment(signal: InboxSignal) -> Done:
    application = _open_application(signal)
    due = signal.mentioned_at or signal.received_at + ASSESSMENT_DEFAULT_DUE
    reminder = Reminder.objects.ensure(
        user=signal.user,
        kind=ReminderKind.CUSTOM,
        target=application,
        key=f"inbox-assessment:{signal.pk}",
        due_at=due,
        title=f"Hand in the assessment for {application.title} at {application.company}",
        application=application,
        notes=f"From the email “{signal.subject}”.",
    )
    _close(signal, {"reminder": reminder.pk})
    return Done(f"Reminder set for {timezone.localtime(due):%a %d %b %Y, %H:%M}.")


@transaction.atomic
def log_on_contact(signal: InboxSignal) -> Done:
    """Log the email as an interaction with the contact (the stay-in-touch clock restarts)."""
    contact = signal.contact
    if contact is None:
        raise ActionError("That message is not from one of your contacts.")
    if not signal.is_new:
        raise ActionError("That message was already dealt with.")
    summary = f"Email: {signal.subject}" + (f"\n\n{signal.snippet}" if signal.snippet else "")
    interaction = contact.log_interaction(
        happened_on=min(timezone.localdate(signal.received_at), timezone.localdate()),
        channel=Channel.EMAIL,
        summary=summary,
        application=signal.application,
    )
    _close(signal, {"interaction": interaction.pk})
    return Done(f"Logged on {contact}.")


@transaction.atomic
def choose_application(signal: InboxSignal, application_id: int) -> Application:
    """Settle an ambiguous match: the message is about this one of its candidates."""
    application = signal.candidates.filter(pk=application_id).first()
    if application is None:
        raise ActionError("Choose one of the applications listed.")
    signal.application = application
    signal.save(update_fields=["application"])
    signal.candidates.clear()
    return application


@transaction.atomic
def undo(signal: InboxSignal) -> str:
    """Take back what the last step did and show the message as new again."""
    if signal.status == SignalStatus.NEW:
        raise ActionError("There is nothing to undo.")
    done = signal.done or {}
    user = signal.user
    if "moved" in done:
        application = Application.objects.for_user(user).filter(pk=done["moved"]).first()
        previous = Stage.objects.for_user(user).filter(pk=done["from"]).first()
        if application is None or previous is None or application.stage_id != done["to"]:
            raise ActionError("The application has moved since: change its stage by hand.")
        application.move_to(previous, note="Undone from the inbox")
    elif "created" in done:
        Application.objects.for_user(user).filter(pk=done["created"]).delete()
        if done.get("company"):
            Company.objects.for_user(user).filter(pk=done["company"], applications=None).delete()
    elif "interview" in done:
        Interview.objects.for_user(user).filter(pk=done["interview"]).delete()
    elif "reminder" in done:
        Reminder.objects.for_user(user).filter(pk=done["reminder"]).delete()
    elif "interaction" in done:
        interaction = Interaction.objects.for_user(user).filter(pk=done["interaction"]).first()
        if interaction is not None:
            contact = interaction.contact
            interaction.delete()
            contact.sync_follow_up()
    # A kind the user applied goes back to the classifier's, with the rest.
    kind = done.get("kind_was") or {"kind": signal.kind, "confidence": signal.confidence}
    InboxSignal.objects.filter(pk=signal.pk).update(
        status=SignalStatus.NEW, handled_at=None, done={}, **kind
    )
    signal.status, signal.handled_at, signal.done = SignalStatus.NEW, None, {}
    signal.kind, signal.confidence = kind["kind"], kind["confidence"]
    return "Undone."
