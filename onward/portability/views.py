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

from onward.pipeline.models import Stage

from . import trackers
from .catalogue import specs
from .deletion import delete_account, is_only_account
from .exporting import count_records, export_account
from .forms import ArchiveForm, DeleteAccountForm, SpreadsheetForm, mapping_form
from .importing import ArchiveError, existing_data, import_account

PENDING_KEY = "portability_pending_import"
MERGE_KEY = "portability_pending_merge"
TABLE_KEY = "portability_pending_table"


def summary(counts: dict[str, int]) -> list[tuple[str, int]]:
    """(kind of record, how many) for the kinds the user has."""
    return [
        (str(s.model._meta.verbose_name_plural), counts[s.label])
        for s in specs()
        if counts[s.label]
    ]


def _page(
    request,
    *,
    form=None,
    error="",
    preview=None,
    status=200,
    spreadsheet_form=None,
    spreadsheet_error="",
):
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
            "spreadsheet_form": spreadsheet_form or SpreadsheetForm(),
            "spreadsheet_error": spreadsheet_error,
            "table_report": request.session.pop("portability_table_report", None),
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
    # An account that holds a search gets the export merged into it (the preview says so).
    merge = bool(existing_data(request.user))
    try:
        report = import_account(request.user, upload, dry_run=True, merge=merge)
    except ArchiveError as exc:
        return _page(request, error=str(exc), status=400)
    pending_folder().mkdir(mode=0o700, exist_ok=True)
    name = f"{request.user.pk}-{secrets.token_hex(16)}.zip"
    upload.seek(0)
    with (pending_folder() / name).open("wb") as out:
        shutil.copyfileobj(upload, out)
    request.session[PENDING_KEY] = name
    request.session[MERGE_KEY] = merge
    preview = [
        (str(s.model._meta.verbose_name_plural), report.created[s.label], report.skipped[s.label])
        for s in specs()
        if report.created.get(s.label) or (merge and report.skipped.get(s.label))
    ]
    return _page(
        request,
        preview={
            "rows": preview,
            "total": report.total,
            "already_there": report.total_skipped,
            "merge": merge,
            "manifest": report.manifest,
        },
    )


@login_required
@require_POST
def import_confirm(request):
    path = _forget_pending(request)
    merge = bool(request.session.pop(MERGE_KEY, False))
    if path is None:
        messages.error(request, "There is no checked import waiting: upload the export again.")
        return redirect("portability:index")
    try:
        with path.open("rb") as handle:
            report = import_account(request.user, handle, merge=merge)
    except ArchiveError as exc:
        return _page(request, error=str(exc), status=400)
    finally:
        path.unlink(missing_ok=True)
    kept = f" ({report.total_skipped} were already here and were kept as they are)" if merge else ""
    messages.success(request, f"Imported {report.total} records into your account{kept}.")
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


# --- Other trackers and spreadsheets ------------------------------------------------------


def _pending_table(request) -> tuple[Path, str] | None:
    pending = request.session.get(TABLE_KEY)
    if not pending:
        return None
    path = pending_folder() / pending["file"]
    return (path, pending["name"]) if path.is_file() else None


@login_required
@require_POST
def spreadsheet_upload(request):
    """Keep the uploaded table (nothing is saved to the account yet) and go to its mapping."""
    form = SpreadsheetForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, spreadsheet_form=form, status=400)
    upload = form.cleaned_data["file"]
    data = upload.read(trackers.MAX_BYTES + 1)
    try:
        trackers.read_table(data, upload.name)
    except trackers.TableError as exc:
        return _page(request, spreadsheet_error=str(exc), status=400)
    if old := _pending_table(request):
        old[0].unlink(missing_ok=True)
    pending_folder().mkdir(mode=0o700, exist_ok=True)
    name = f"{request.user.pk}-{secrets.token_hex(16)}.table"
    (pending_folder() / name).write_bytes(data)
    request.session[TABLE_KEY] = {"file": name, "name": upload.name}
    return redirect("portability:spreadsheet_map")


@login_required
def spreadsheet_map(request):
    """Choose what each column holds and where each status goes, see the first rows, import."""
    pending = _pending_table(request)
    if pending is None:
        messages.error(request, "Upload the file first.")
        return redirect("portability:index")
    path, filename = pending
    table = trackers.read_table(path.read_bytes(), filename)
    layout, mapping = trackers.guess_layout(table.headers)
    stages = list(Stage.objects.for_user(request.user).order_by("position", "pk"))
    if request.method == "POST":
        mapping = {
            i: request.POST[f"column_{i}"]
            for i in range(len(table.headers))
            if request.POST.get(f"column_{i}") in trackers.FIELDS
        }
    words = trackers.status_words(table, mapping, layout)
    guessed = trackers.guess_stages(request.user, words)
    initial = {f"column_{i}": name for i, name in mapping.items()}
    initial |= {f"status_{i}": guessed[w] for i, w in enumerate(words)}
    # A new mapping may bring new status words: the form is bound only when they are the same.
    same_words = request.POST.get("words") == "\x1f".join(words)
    bound = request.method == "POST" and same_words
    form = mapping_form(table.headers, words, stages, request.POST if bound else None, initial)
    stage_map = guessed
    problem = ""
    if bound and form.is_valid():
        stage_map = {w: form.cleaned_data[f"status_{i}"] for i, w in enumerate(words)}
    try:
        trackers.check_mapping(mapping)
    except trackers.TableError as exc:
        problem = str(exc)
    if bound and form.is_valid() and not problem and request.POST.get("action") == "import":
        try:
            report = trackers.import_table(request.user, table, mapping, stage_map, layout)
        except trackers.TableError as exc:
            problem = str(exc)
        else:
            path.unlink(missing_ok=True)
            request.session.pop(TABLE_KEY, None)
            messages.success(
                request,
                f"Added {report.created} applications; {report.unchanged} were already here; "
                f"{report.skipped_count} rows skipped.",
            )
            request.session["portability_table_report"] = {
                "skipped": report.skipped,
                "notes": report.notes,
            }
            return redirect("portability:index")
    names = {s.pk: s.name for s in stages}
    rows = [] if problem else trackers.preview(table, mapping, stage_map, layout)
    return TemplateResponse(
        request,
        "portability/spreadsheet_map.html",
        {
            "form": form,
            "filename": filename,
            "layout": trackers.LAYOUTS[layout].name if layout in trackers.LAYOUTS else "",
            "rows": [(n, p, why, names.get(p.stage_id) if p else "") for n, p, why in rows],
            "total": len(table.rows),
            "problem": problem,
            "words": "\x1f".join(words),
        },
        status=400 if problem and request.method == "POST" else 200,
    )
