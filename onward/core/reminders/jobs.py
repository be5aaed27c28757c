"""Background work for reminders, run by ``onward work``."""

import logging
from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from onward.core.http import site_url
from onward.core.text import one_line

from .models import Reminder

logger = logging.getLogger(__name__)


def digest_text(user, reminders: list[Reminder]) -> str:
    lines = [f"Hello {user.get_short_name() or user.get_username()},", ""]
    lines.append("This came due in Onward:" if len(reminders) == 1 else "These came due in Onward:")
    lines.append("")
    for reminder in reminders:
        link = f" {site_url(reminder.link)}" if reminder.link else ""
        lines.append(f"- {reminder.title}{link}")
    lines += ["", f"Everything that is due: {site_url(reverse('reminders:due'))}", ""]
    lines.append("You can turn these emails off under Settings.")
    return "\n".join(lines)


def claim_due(now) -> dict:
    """Claim the reminders due for a digest, in one short transaction: mark them ``emailed_at``
    and return them by user. Two runners at once never claim the same rows: on PostgreSQL the
    second skips the rows the first holds (FOR UPDATE SKIP LOCKED), on SQLite it waits for the
    first's IMMEDIATE transaction, then finds them marked."""
    with transaction.atomic():
        claim = (
            Reminder.objects.due(now)
            .filter(
                emailed_at__isnull=True,
                user__is_active=True,
                user__profile__email_reminders=True,
            )
            .exclude(user__email="")
        )
        if connection.features.has_select_for_update_skip_locked:
            claim = claim.select_for_update(skip_locked=True, of=("self",))
        by_user = defaultdict(list)
        for reminder in claim.select_related("user").order_by("user_id", "due_at", "pk"):
            by_user[reminder.user].append(reminder)
        claimed = [r.pk for reminders in by_user.values() for r in reminders]
        Reminder.objects.filter(pk__in=claimed).update(emailed_at=now)
    return by_user


def email_due_reminders(now=None) -> str:
    """Email each user one digest of the reminders that fell due since the last pass.

    Claim, then work: the rows are claimed in a short transaction (``claim_due``) and the mail
    is sent after it commits, so a slow mail server never holds the database's write lock. A
    digest that could not be sent gives its reminders back for the next pass.
    """
    if not settings.ONWARD_SMTP_ENABLED:
        return "email is not configured (ONWARD_EMAIL_HOST); nothing sent"
    now = now or timezone.now()
    sent = failed = 0
    by_user = claim_due(now)
    mail = get_connection()
    for user, reminders in by_user.items():
        subject = (
            # One line: a line break in a title (a vertical tab too) made the digest unsendable.
            f"Onward: {one_line(reminders[0].title)}"
            if len(reminders) == 1
            else f"Onward: {len(reminders)} things are due"
        )
        message = EmailMessage(
            subject[:150], digest_text(user, reminders), to=[user.email], connection=mail
        )
        try:
            message.send()
        except Exception:  # one unreachable mailbox must not stop the others
            logger.exception("Could not email reminders to user %s", user.pk)
            Reminder.objects.filter(pk__in=[r.pk for r in reminders], emailed_at=now).update(
                emailed_at=None
            )
            failed += 1
            continue
        sent += 1
    summary = f"{sent} digest(s) sent"
    return summary + (f", {failed} failed (see the log)" if failed else "")
