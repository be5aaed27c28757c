"""The inbox check, run by ``onward work``: read each enabled mailbox and keep the messages
that come from the user's contacts or companies."""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from onward.core.zones import user_zone

from . import imap
from .classify import ACKNOWLEDGEMENT, OTHER, classify_text
from .crypto import UnreadablePassword
from .dates import find_datetime
from .extract import about, is_ats
from .matching import Matcher, is_free_mail
from .models import InboxSignal, Mailbox
from .parsing import parse_message

logger = logging.getLogger(__name__)

# A mailbox is read at most this often, however often ``onward work`` runs.
CHECK_EVERY = timedelta(minutes=5)
# A runner holds the mailboxes it claimed this long; one that died releases them then.
CLAIM_FOR = timedelta(minutes=10)
# On the first check (or after the server renumbered the folder), look back this far.
LOOK_BACK = timedelta(days=30)


def claim_mailboxes(now: datetime) -> list[Mailbox]:
    """Take the mailboxes due for a check, so that a second runner skips them.

    The claim is a short transaction (SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL, an
    IMMEDIATE transaction on SQLite) that sets ``claimed_until``; the slow IMAP reading
    happens after it, holding no lock.
    """
    with transaction.atomic():
        due = Mailbox.objects.filter(enabled=True, user__is_active=True).filter(
            Q(claimed_until__isnull=True) | Q(claimed_until__lt=now),
            Q(checked_at__isnull=True) | Q(checked_at__lte=now - CHECK_EVERY),
        )
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True, of=("self",))
        mailboxes = list(
            due.select_related("user").order_by(F("checked_at").asc(nulls_first=True), "pk")
        )
        Mailbox.objects.filter(pk__in=[m.pk for m in mailboxes]).update(
            claimed_until=now + CLAIM_FOR
        )
    return mailboxes


def signals_from(
    mailbox: Mailbox, fetched: imap.Fetched, now: datetime
) -> list[tuple[InboxSignal, list]]:
    """The fetched messages that concern the user's search, as unsaved signals, each with the
    applications to choose from when it could be about several.

    Kept: mail from the user's contacts or companies (by address or domain), mail from an
    applicant-tracking system or a no-reply address naming one of the user's companies, and
    a confident acknowledgement of an application the user has not tracked yet (so it can be
    added). Everything else is left alone and nothing of it is stored.
    """
    matcher = Matcher(mailbox.user)
    zone = user_zone(mailbox.user)
    signals: dict[str, tuple[InboxSignal, list]] = {}
    for _uid, raw in fetched.messages:
        parsed = parse_message(raw, fetched_at=now)
        if parsed is None or parsed.message_id in signals:
            continue
        verdict = classify_text(parsed.subject, parsed.text)
        company_name, role = about(
            parsed.from_name, parsed.from_address, parsed.subject, parsed.text
        )
        recruiting = verdict.kind != OTHER and not verdict.uncertain
        match = matcher.match(
            parsed.from_address,
            display=parsed.from_name,
            subject=parsed.subject,
            text=parsed.text,
            company_name=company_name or "",
            role=role or "",
            recruiting=recruiting,
        )
        untracked = (
            match is None
            and verdict.kind == ACKNOWLEDGEMENT
            and recruiting
            and company_name is not None
            and (is_ats(parsed.domain) or not is_free_mail(parsed.domain))
        )
        if match is None and not untracked:
            continue
        signal = InboxSignal(
            user=mailbox.user,
            message_id=parsed.message_id,
            received_at=parsed.received_at,
            from_address=parsed.from_address,
            from_name=parsed.from_name,
            subject=parsed.subject,
            snippet=parsed.snippet,
            kind=verdict.kind,
            confidence=verdict.confidence,
            company_name=(company_name or "")[:200],
            role=(role or "")[:200],
            mentioned_at=find_datetime(
                f"{parsed.subject}\n{parsed.text}", parsed.received_at, zone
            ),
            company=match.company if match else None,
            contact=match.contact if match else None,
            application=match.application if match else None,
            created_at=now,
        )
        candidates = list(match.applications) if match and match.application is None else []
        signals[parsed.message_id] = (signal, candidates)
    return list(signals.values())


def check_mailbox(mailbox: Mailbox, now: datetime) -> int:
    """Read one mailbox and store its new signals; how many. Raises when reading fails."""
    fetched = imap.fetch_new(
        mailbox.host,
        mailbox.port,
        mailbox.username,
        mailbox.get_password(),
        mailbox.folder,
        uid_validity=mailbox.uid_validity,
        last_uid=mailbox.last_uid,
        since=(now - LOOK_BACK).date(),
    )
    found = signals_from(mailbox, fetched, now)
    if fetched.uid_validity != mailbox.uid_validity:
        mailbox.start_over()
    with transaction.atomic():
        known = set(
            InboxSignal.objects.filter(
                user=mailbox.user, message_id__in=[s.message_id for s, _ in found]
            ).values_list("message_id", flat=True)
        )
        fresh = store([s for s, _ in found if s.message_id not in known])
        choices = {s.message_id: c for s, c in found if c}
        if choices:
            # bulk_create with ignore_conflicts gives no primary keys: read them back.
            ids = dict(
                InboxSignal.objects.filter(
                    user=mailbox.user, message_id__in=[s.message_id for s in fresh]
                ).values_list("message_id", "pk")
            )
            InboxSignal.candidates.through.objects.bulk_create(
                InboxSignal.candidates.through(inboxsignal_id=ids[key], application_id=a.pk)
                for key, apps in choices.items()
                if key in ids
                for a in apps
            )
        # An update, not save(): the user may have disconnected the mailbox meanwhile.
        Mailbox.objects.filter(pk=mailbox.pk).update(
            uid_validity=fetched.uid_validity,
            last_uid=max([mailbox.last_uid, *(uid for uid, _ in fetched.messages)]),
            checked_at=now,
            last_error="",
            claimed_until=None,
        )
    return len(fresh)


def store(signals: list[InboxSignal]) -> list[InboxSignal]:
    """Save the signals (``ignore_conflicts``: one stored meanwhile by another runner is kept
    once); those saved. Should the database refuse one, the others are saved one by one and
    that one is skipped, so one odd message never stops a mailbox for good."""
    try:
        with transaction.atomic():
            return InboxSignal.objects.bulk_create(signals, ignore_conflicts=True)
    except (DatabaseError, UnicodeError):
        saved = []
        for signal in signals:
            try:
                with transaction.atomic():
                    InboxSignal.objects.bulk_create([signal], ignore_conflicts=True)
            except (DatabaseError, UnicodeError) as exc:
                logger.warning("Skipped message %r: %s", signal.message_id, exc)
            else:
                saved.append(signal)
        return saved


def record_failure(mailbox: Mailbox, exc: Exception, now: datetime) -> None:
    error = str(exc) if isinstance(exc, UnreadablePassword) else imap.plain_error(exc)
    Mailbox.objects.filter(pk=mailbox.pk).update(
        last_error=error, checked_at=now, claimed_until=None
    )


def check_inboxes(now: datetime | None = None) -> str:
    """Check every enabled mailbox that is due; one failing mailbox does not stop the others.

    Safe to run twice at once: mailboxes are claimed (see :func:`claim_mailboxes`), and a
    message is stored at most once per user (a unique Message-ID).
    """
    if not settings.ONWARD_INBOX_CHECKS:
        return "inbox checks are turned off on this server (ONWARD_INBOX_CHECKS)"
    now = now or timezone.now()
    checked = failed = found = 0
    for mailbox in claim_mailboxes(now):
        try:
            found += check_mailbox(mailbox, now)
        except Exception as exc:  # a bad password or an unreachable server: note it, go on
            logger.warning("Inbox check failed for mailbox %s: %s", mailbox.pk, exc)
            record_failure(mailbox, exc, now)
            failed += 1
            continue
        checked += 1
    summary = f"{checked} mailbox(es) checked, {found} new signal(s)"
    return summary + (f", {failed} failed (see Settings → Inbox checks)" if failed else "")
