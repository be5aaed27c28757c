"""Your data over the API: the full export, importing one, deleting the account
(``onward.portability``, as on the web's Settings → Your data)."""

import tempfile

from django.http import FileResponse
from django.utils import timezone
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from onward.portability.deletion import delete_account
from onward.portability.exporting import export_account
from onward.portability.importing import ArchiveError, import_account

router = Router(tags=["your data"])


@router.get("/export", response={200: None})
def export(request):
    """Everything the account holds, as the zip *Download everything* gives (format:
    docs/data.md)."""
    handle = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it when sent)
    export_account(request.user, handle)
    handle.seek(0)
    name = f"onward-{request.user.get_username()}-{timezone.localdate():%Y%m%d}.zip"
    return FileResponse(handle, as_attachment=True, filename=name, content_type="application/zip")


class ImportOut(Schema):
    dry_run: bool
    merge: bool
    total: int
    created: dict[str, int]
    already_there: int
    skipped: dict[str, int]


class Problem(Schema):
    detail: str


@router.post("/import", response={200: ImportOut, 400: Problem})
def import_export(
    request, file: File[UploadedFile], dry_run: Form[bool] = False, merge: Form[bool] = False
):
    """Import an Onward export (multipart field ``file``) into this account: one with no
    job-search data yet, or with ``merge=true`` one that holds some (records it already holds
    are kept and counted in ``skipped`` by kind, the rest added). All or nothing: a 400 names
    the record and the reason. ``dry_run=true`` checks it, saves nothing and gives the counts."""
    try:
        report = import_account(request.user, file, dry_run=dry_run, merge=merge)
    except ArchiveError as exc:
        return Status(400, {"detail": f"Nothing was imported. {exc}"})
    return Status(
        200,
        {
            "dry_run": dry_run,
            "merge": merge,
            "total": report.total,
            "created": report.created,
            "already_there": report.total_skipped,
            "skipped": report.skipped,
        },
    )


class DeleteIn(Schema):
    password: str


@router.post("/account/delete", response={204: None})
def delete(request, payload: DeleteIn):
    """Delete this account and everything it holds, for good; the password confirms it.
    A wrong password is a 422 and deletes nothing."""
    delete_account(request.user, payload.password)  # a ValidationError is the API's 422
    return Status(204, None)
