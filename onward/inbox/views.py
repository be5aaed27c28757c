"""Connecting a mailbox (under Settings) and acting on what the inbox checks found."""

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from . import actions, imap
from .crypto import UnreadablePassword
from .forms import MailboxForm
from .models import InboxSignal, Mailbox, SignalStatus
from .signal_tools import signal_tools

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

# How many recently handled messages the list keeps at hand, to undo.
RECENT_FOR_UNDO = 5


@login_required
def signal_list(request: HttpRequest) -> HttpResponse:
    mine = InboxSignal.objects.for_user(request.user).select_related(
        "application__company", "application__stage", "contact", "company"
    )
    signals = mine.new().prefetch_related("candidates__company")
    page = Paginator(signals, settings.ONWARD_PAGE_SIZE).get_page(request.GET.get("page"))
    recent = mine.exclude(status=SignalStatus.NEW).filter(
        handled_at__gte=timezone.now() - timedelta(days=7)
    )
    return TemplateResponse(
        request,
        "inbox/signal_list.html",
        {
            "page": page,
            "recent": recent.order_by("-handled_at", "-pk")[:RECENT_FOR_UNDO],
            "mailbox": Mailbox.objects.for_user(request.user).first(),
            "signal_tools": signal_tools(request),
        },
    )


def own_signal(request: HttpRequest, signal_id: int) -> InboxSignal:
    return get_object_or_404(
        InboxSignal.objects.for_user(request.user).select_related(
            "application__stage", "application__company", "contact", "company"
        ),
        pk=signal_id,
    )


def _report(request: HttpRequest, step: Callable[[], actions.Done]) -> HttpResponse:
    """Run an action; its message, then the page it names or the list."""
    try:
        done = step()
    except actions.ActionError as exc:
        messages.error(request, str(exc))
        return redirect("inbox:signal_list")
    messages.success(request, done.message)
    return redirect(done.next_url or "inbox:signal_list")


@login_required
@require_POST
def signal_act(request: HttpRequest, signal_id: int) -> HttpResponse:
    """The next step the message's kind suggests (see ``actions``), or the kind the user
    chose (``kind``: a second opinion they applied)."""
    signal = own_signal(request, signal_id)
    kind = request.POST.get("kind", "")
    return _report(request, lambda: actions.take_next_step(signal, kind))


@login_required
@require_POST
def signal_log(request: HttpRequest, signal_id: int) -> HttpResponse:
    signal = own_signal(request, signal_id)
    return _report(request, lambda: actions.log_on_contact(signal))


@login_required
@require_POST
def signal_choose(request: HttpRequest, signal_id: int) -> HttpResponse:
    """Say which application an ambiguous message is about."""
    signal = own_signal(request, signal_id)
    try:
        chosen = int(request.POST.get("application", ""))
        application = actions.choose_application(signal, chosen)
    except (ValueError, actions.ActionError):
        messages.error(request, "Choose one of the applications listed.")
    else:
        messages.success(request, f"Linked to “{application.title}”.")
    return redirect("inbox:signal_list")


@login_required
@require_POST
def signal_undo(request: HttpRequest, signal_id: int) -> HttpResponse:
    signal = own_signal(request, signal_id)
    try:
        messages.success(request, actions.undo(signal))
    except actions.ActionError as exc:
        messages.error(request, str(exc))
    return redirect("inbox:signal_list")


@login_required
@require_POST
def signal_dismiss(request: HttpRequest, signal_id: int) -> HttpResponse:
    signal = own_signal(request, signal_id)
    if signal.close(SignalStatus.DISMISSED):
        messages.success(request, "Dismissed.")
    return redirect("inbox:signal_list")
