"""Settings → Your data: download everything, import an export, delete the account."""

import secrets
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from .catalogue import specs
from .deletion import delete_account, is_only_account
from .exporting import count_records, export_account
from .forms import ArchiveForm, DeleteAccountForm
from .importing import ArchiveError, existing_data, import_account

PENDING_KEY = "portability_pending_import"


def summary(counts: dict[str, int]) -> list[tuple[str, int]]:
    """(kind of record, how many) for the kinds the user has."""
    return [
        (str(s.model._meta.verbose_name_plural), counts[s.label])
        for s in specs()
        if counts[s.label]
    ]


def _page(request, *, form=None, error="", preview=None, status=200):
    counts = count_records(request.user)
    return TemplateResponse(
        request,
        "portability/your_data.html",
        {
            "summary": summary(counts),
            "form": form or ArchiveForm(),
            "error": error,
            "preview": preview,
            "held": existing_data(request.user, counts),
        },
        # htmx swaps in only successful responses: it gets the page with the error as a 200.
        status=200 if request.htmx else status,
    )


@login_required
def your_data(request):
    return _page(request)


@login_required
def export_download(request):
    # Written to a temporary file first (on disk, not in memory), then streamed.
    handle = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it when sent)
    export_account(request.user, handle)
    handle.seek(0)
    name = f"onward-{request.user.get_username()}-{timezone.localdate():%Y%m%d}.zip"
    return FileResponse(handle, as_attachment=True, filename=name, content_type="application/zip")


def pending_folder() -> Path:
    return settings.DATA_DIR / "pending-imports"


def _forget_pending(request) -> Path | None:
    name = request.session.pop(PENDING_KEY, None)
    if not name:
        return None
    path = pending_folder() / name
    return path if path.is_file() else None


@login_required
@require_POST
def import_preview(request):
    """Check the upload by importing it and undoing it; keep it for the confirmation."""
    form = ArchiveForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form=form, status=400)
    if old := _forget_pending(request):
        old.unlink(missing_ok=True)
    upload = form.cleaned_data["file"]
    try:
        report = import_account(request.user, upload, dry_run=True)
    except ArchiveError as exc:
        return _page(request, error=str(exc), status=400)
    pending_folder().mkdir(mode=0o700, exist_ok=True)
    name = f"{request.user.pk}-{secrets.token_hex(16)}.zip"
    upload.seek(0)
    with (pending_folder() / name).open("wb") as out:
        shutil.copyfileobj(upload, out)
    request.session[PENDING_KEY] = name
    preview = [
        (str(s.model._meta.verbose_name_plural), report.created[s.label])
        for s in specs()
        if report.created.get(s.label)
    ]
    return _page(
        request, preview={"rows": preview, "total": report.total, "manifest": report.manifest}
    )


@login_required
@require_POST
def import_confirm(request):
    path = _forget_pending(request)
    if path is None:
        messages.error(request, "There is no checked import waiting: upload the export again.")
        return redirect("portability:index")
    try:
        with path.open("rb") as handle:
            report = import_account(request.user, handle)
    except ArchiveError as exc:
        return _page(request, error=str(exc), status=400)
    finally:
        path.unlink(missing_ok=True)
    messages.success(request, f"Imported {report.total} records into your account.")
    return redirect("portability:index")


@login_required
def delete_account_page(request):
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            delete_account(request.user, form.cleaned_data["password"])
        except ValidationError as exc:
            form.add_error("password", exc.message_dict["password"])
        else:
            logout(request)
            messages.success(request, "Your account and everything in it have been deleted.")
            return redirect("accounts:login")
    return TemplateResponse(
        request,
        "portability/delete_account.html",
        {
            "form": form,
            "summary": summary(count_records(request.user)),
            "only_account": is_only_account(request.user),
        },
        status=400 if form.errors else 200,
    )
