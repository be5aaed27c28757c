"""Connecting a mailbox (under Settings) and acting on what the inbox checks found."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from onward.network.models import Channel
from onward.pipeline.models import LossType, Stage, StageKind

from . import imap
from .crypto import UnreadablePassword
from .forms import MailboxForm
from .models import InboxSignal, Mailbox, SignalStatus


def rejected_stage(user) -> Stage | None:
    return (
        Stage.objects.for_user(user)
        .filter(kind=StageKind.LOST, loss_type=LossType.REJECTED)
        .order_by("position", "pk")
        .first()
    )


# --- The mailbox --------------------------------------------------------------------------


def report_connection(request: HttpRequest, mailbox: Mailbox) -> None:
    """Log in and open the folder now, and say how it went. One check at a time per user,
    each step time-limited (``imap.CHECK_TIMEOUT_SECONDS``)."""
    if not mailbox.begin_connection_check(CHECK_HOLD):
        messages.error(request, "A connection check is already running. Try again in a minute.")
        return
    try:
        imap.check_login(
            mailbox.host, mailbox.port, mailbox.username, mailbox.get_password(), mailbox.folder
        )
    except UnreadablePassword as exc:
        messages.error(request, str(exc))
    except Exception as exc:  # any failure is reported to the user, in plain words
        messages.error(request, f"Could not connect. {imap.plain_error(exc)}")
    else:
        messages.success(
            request, f"Connected: Onward logged in to {mailbox.host} and opened {mailbox.folder}."
        )
    finally:
        mailbox.end_connection_check()


# How long a connection check holds the mailbox at most (its steps' time limits, and a margin).
CHECK_HOLD = timedelta(seconds=6 * imap.CHECK_TIMEOUT_SECONDS)


def turned_off(request: HttpRequest) -> HttpResponse | None:
    """The page saying the administrator turned inbox checks off (ONWARD_INBOX_CHECKS): no
    mailbox can be connected or checked then. A refused POST is a 403."""
    if settings.ONWARD_INBOX_CHECKS:
        return None
    return TemplateResponse(
        request,
        "inbox/mailbox_form.html",
        {"turned_off": True, "mailbox": Mailbox.objects.for_user(request.user).first()},
        status=403 if request.method == "POST" else 200,
    )


@login_required
def mailbox_settings(request: HttpRequest) -> HttpResponse:
    if off := turned_off(request):
        return off
    mailbox = Mailbox.objects.for_user(request.user).first()
    form = MailboxForm(request.POST or None, instance=mailbox)
    if request.method == "POST" and form.is_valid():
        form.instance.user = request.user
        mailbox = form.save()
        messages.success(request, "Mailbox saved.")
        if "check" in request.POST:
            report_connection(request, mailbox)
        return redirect("inbox:settings")
    return TemplateResponse(request, "inbox/mailbox_form.html", {"form": form, "mailbox": mailbox})


@login_required
@require_POST
def mailbox_check(request: HttpRequest) -> HttpResponse:
    if off := turned_off(request):
        return off
    mailbox = get_object_or_404(Mailbox.objects.for_user(request.user))
    report_connection(request, mailbox)
    return redirect("inbox:settings")


@login_required
@require_POST
def mailbox_disconnect(request: HttpRequest) -> HttpResponse:
    mailbox = get_object_or_404(Mailbox.objects.for_user(request.user))
    mailbox.delete()
    messages.success(request, "Disconnected. Onward no longer has your mailbox password.")
    return redirect("inbox:settings")


# --- Signals ------------------------------------------------------------------------------


@login_required
def signal_list(request: HttpRequest) -> HttpResponse:
    signals = (
        InboxSignal.objects.for_user(request.user)
        .new()
        .select_related("application__company", "application__stage", "contact", "company")
    )
    page = Paginator(signals, settings.ONWARD_PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "inbox/signal_list.html",
        {"page": page, "mailbox": Mailbox.objects.for_user(request.user).first()},
    )


def own_signal(request: HttpRequest, signal_id: int) -> InboxSignal:
    return get_object_or_404(
        InboxSignal.objects.for_user(request.user).select_related("application__stage", "contact"),
        pk=signal_id,
    )


def already_done(request: HttpRequest) -> HttpResponse:
    messages.info(request, "That message was already dealt with.")
    return redirect("inbox:signal_list")


@login_required
@require_POST
def signal_reject(request: HttpRequest, signal_id: int) -> HttpResponse:
    """Move the application into the rejected stage; that opens the guided debrief."""
    signal = own_signal(request, signal_id)
    if not signal.is_new:
        return already_done(request)
    application = signal.application
    stage = rejected_stage(request.user)
    if application is None or application.stage.is_closed:
        messages.error(request, "There is no open application to mark as rejected.")
        return redirect("inbox:signal_list")
    if stage is None:
        messages.error(
            request, "You have no stage for rejections: add a lost stage of type Rejected."
        )
        return redirect("inbox:signal_list")
    # Dated when the email came, unless the application moved since.
    when = min(max(signal.received_at, application.stage_changed_at), timezone.now())
    try:
        with transaction.atomic():
            if not signal.close(SignalStatus.HANDLED):
                return already_done(request)
            change = application.move_to(stage, when=when, note=f"Email: {signal.subject}"[:500])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("inbox:signal_list")
    if change and change.next_url:
        return redirect(change.next_url)
    messages.success(request, f"Moved “{application.title}” to {application.stage}.")
    return redirect("inbox:signal_list")


@login_required
@require_POST
def signal_log(request: HttpRequest, signal_id: int) -> HttpResponse:
    """Log the email as an interaction with the contact (the stay-in-touch clock restarts)."""
    signal = own_signal(request, signal_id)
    if not signal.is_new:
        return already_done(request)
    contact = signal.contact
    if contact is None:
        messages.error(request, "That message is not from one of your contacts.")
        return redirect("inbox:signal_list")
    summary = f"Email: {signal.subject}" + (f"\n\n{signal.snippet}" if signal.snippet else "")
    with transaction.atomic():
        if not signal.close(SignalStatus.HANDLED):
            return already_done(request)
        contact.log_interaction(
            happened_on=min(timezone.localdate(signal.received_at), timezone.localdate()),
            channel=Channel.EMAIL,
            summary=summary,
            application=signal.application,
        )
    messages.success(request, f"Logged on {contact}.")
    return redirect("inbox:signal_list")


@login_required
@require_POST
def signal_dismiss(request: HttpRequest, signal_id: int) -> HttpResponse:
    signal = own_signal(request, signal_id)
    if signal.close(SignalStatus.DISMISSED):
        messages.success(request, "Dismissed.")
    return redirect("inbox:signal_list")
