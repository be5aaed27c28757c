"""The full export of one account: a zip with a manifest, one JSON Lines file per kind of record,
and CSV files a spreadsheet opens. The format is described in docs/data.md.

Records are read in chunks and written as they are read, so memory does not grow with the
account (only the map from database ids to the archive's own ids does: a few integers a row).
"""

import csv
import io
import json
import shutil
import zipfile
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import PurePath
from typing import IO, Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.db import models
from django.utils import timezone

from onward.network.models import Contact, Interaction
from onward.pipeline.models import Application

from .catalogue import FILES, ID_BEARING_TEXT, Spec, label, specs, target_of, through_of

FORMAT = "onward-export"
FORMAT_VERSION = 1
CHUNK = 2000

Progress = Callable[[int], None]


def plain(value: Any) -> Any:
    """A database value as JSON: dates and times in ISO 8601 (UTC for moments), decimals as
    text so no digit is lost."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def count_records(user) -> dict[str, int]:
    return {s.label: owned(s, user).count() for s in specs()}


def owned(spec: Spec, user) -> models.QuerySet:
    return spec.model._base_manager.filter(**{spec.owner_path: user})


def export_account(user, target: IO[bytes], progress: Progress | None = None) -> dict:
    """Write ``user``'s whole account to ``target`` as a zip; returns the manifest."""
    counts = count_records(user)
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": timezone.now().astimezone(UTC).isoformat(),
        "account": {
            "username": user.get_username(),
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": plain(user.date_joined),
        },
        "records": counts,
        "csv": ["csv/applications.csv", "csv/contacts.csv", "csv/interactions.csv"],
    }
    ids: dict[str, dict[int, int]] = {}
    files: list[tuple[str, str]] = []  # (path in the zip, name in storage)
    included: list[str] = []
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for spec in specs():
            with archive.open(spec.file_name, "w", force_zip64=True) as raw:
                out = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
                for record in records(spec, user, ids, files):
                    out.write(json.dumps(record, ensure_ascii=False, sort_keys=True))
                    out.write("\n")
                    if progress:
                        progress(1)
                out.flush()
                out.detach()
        for path, stored in files:
            with default_storage.open(stored, "rb") as source, archive.open(path, "w") as copy:
                shutil.copyfileobj(source, copy)
            included.append(path)
        # The uploaded files (résumés, cover letters), each at the path its record names.
        manifest["documents"] = included
        write_csvs(archive, user)
        archive.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
    return manifest


def records(
    spec: Spec, user, ids: dict[str, dict[int, int]], files: list[tuple[str, str]] | None = None
) -> Iterator[dict]:
    """The user's rows of one model as JSON objects, numbered 1, 2, ... in the archive; the
    uploaded files they carry are added to ``files`` as (path in the zip, name in storage)."""
    own = ids.setdefault(spec.label, {})
    columns = ["pk", *(f.attname for f in spec.fields), *(f.attname for f in spec.links)]
    if spec.generic:
        columns += [spec.generic.ct_field + "_id", spec.generic.fk_field]
    rewrites = {
        f: ID_BEARING_TEXT[(spec.label, f)] for (m, f) in ID_BEARING_TEXT if m == spec.label
    }
    chunk: list[dict] = []
    rows = owned(spec, user).order_by("pk").values(*columns).iterator(chunk_size=CHUNK)
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield from encode(spec, chunk, own, ids, rewrites, files)
            chunk = []
    yield from encode(spec, chunk, own, ids, rewrites, files)


def encode(
    spec: Spec,
    chunk: list[dict],
    own: dict,
    ids: dict,
    rewrites: dict,
    files: list[tuple[str, str]] | None,
) -> Iterator[dict]:
    many = {m.name: related_ids(m, [row["pk"] for row in chunk]) for m in spec.many}
    file_field, name_field = FILES.get(spec.label, (None, None))
    for row in chunk:
        local = own[row["pk"]] = len(own) + 1
        record: dict[str, Any] = {"id": local}
        for field in spec.fields:
            value = plain(row[field.attname])
            if field.name == file_field:
                value = file_path(local, value, row[name_field])
                if value and files is not None:
                    files.append((value, row[field.attname]))
            for pattern, target in rewrites.get(field.name, ()):
                if isinstance(value, str) and (match := pattern.match(value)):
                    number = ids.get(target, {}).get(int(match.group(2)))
                    value = f"{match.group(1)}:{number}" if number else value
            record[field.name] = value
        for link in spec.links:
            pk = row[link.attname]
            target_ids = ids.get(label(target_of(link)), {})
            record[link.name] = None if pk is None else target_ids.get(pk)
        for name, related in many.items():
            target_ids = ids[label(target_of(spec.model._meta.get_field(name)))]
            record[name] = sorted(target_ids[pk] for pk in related.get(row["pk"], ()))
        if spec.generic:
            record["target"] = generic_target(row, spec, ids)
        yield record


def file_path(local: int, stored: str, filename: str) -> str:
    """Where a stored file goes in the zip: documents/<archive id>/<the user's file name>;
    '' when there is none, or when it is missing from the data folder (the record stays)."""
    if not stored or not default_storage.exists(stored):
        return ""
    # The user's name, without any folder in it; the stored name's when there is none.
    name = PurePath((filename or "").replace("\\", "/")).name
    if name in ("", ".", ".."):
        name = PurePath(stored).name
    return f"documents/{local}/{name}"


def related_ids(field: models.ManyToManyField, pks: list[int]) -> dict[int, list[int]]:
    through = through_of(field)
    source = field.m2m_field_name() + "_id"
    target = field.m2m_reverse_field_name() + "_id"
    found: dict[int, list[int]] = {}
    for left, right in through._base_manager.filter(**{f"{source}__in": pks}).values_list(
        source, target
    ):
        found.setdefault(left, []).append(right)
    return found


def generic_target(row: dict, spec: Spec, ids: dict) -> dict | None:
    """A generic link as {"model": label, "id": archive id}; None when it points nowhere the
    archive holds (a row since deleted)."""
    assert spec.generic is not None
    type_id, object_id = row[spec.generic.ct_field + "_id"], row[spec.generic.fk_field]
    if type_id is None or object_id is None:
        return None
    model = ContentType.objects.get_for_id(type_id).model_class()
    number = ids.get(model._meta.label, {}).get(object_id) if model else None
    return {"model": model._meta.label, "id": number} if model and number else None


# --- CSV for spreadsheets -----------------------------------------------------------------

# A cell starting with one of these is run as a formula by Excel, LibreOffice and Google Sheets
# (tab and carriage return too, per OWASP's CSV-injection advice).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """A cell a spreadsheet shows as text: a leading quote stops formulas running."""
    if value is None:
        return ""
    value = plain(value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def write_csv(archive: zipfile.ZipFile, name: str, header: list[str], rows) -> None:
    with archive.open(name, "w") as raw:
        # utf-8-sig: Excel reads the accents right only with the byte-order mark.
        out = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        writer = csv.writer(out)
        writer.writerow(header)
        for row in rows:
            writer.writerow([spreadsheet_safe(v) for v in row])
        out.flush()
        out.detach()


def write_csvs(archive: zipfile.ZipFile, user) -> None:
    applications = (
        Application.objects.for_user(user)
        .order_by("pk")
        .values_list(
            "company__name", "title", "stage__name", "applied_on", "source", "work_mode",
            "location", "salary_min", "salary_max", "salary_currency", "job_url",
            "excitement", "resume_version", "notes", "created_at", "stage_changed_at",
        )
    )  # fmt: skip
    write_csv(
        archive,
        "csv/applications.csv",
        [
            "Company", "Title", "Stage", "Date applied", "Source", "Work mode", "Location",
            "Salary min", "Salary max", "Currency", "Job URL", "Excitement",
            "Résumé version", "Notes", "Created", "Last stage change",
        ],
        applications.iterator(chunk_size=CHUNK),
    )  # fmt: skip
    contacts = Contact.objects.for_user(user).order_by("pk")
    names: dict[int, list[str]] = {}
    for contact_id, tag in Contact.tags.through.objects.filter(contact__user=user).values_list(
        "contact_id", "tag__name"
    ):
        names.setdefault(contact_id, []).append(tag)
    write_csv(
        archive,
        "csv/contacts.csv",
        [
            "Name", "Email", "Phone", "LinkedIn", "Company", "Title", "Relationship",
            "Support circle", "Tags", "How we met", "Connected on", "Notes",
        ],
        (
            [c.name, c.email, c.phone, c.linkedin_url, c.company_name, c.title, c.relationship,
             "yes" if c.support_circle else "", ", ".join(sorted(names.get(c.pk, []))),
             c.how_we_met, c.connected_on, c.notes]
            for c in contacts.iterator(chunk_size=CHUNK)
        ),
    )  # fmt: skip
    interactions = (
        Interaction.objects.for_user(user)
        .order_by("pk")
        .values_list(
            "contact__name", "happened_on", "channel", "summary",
            "application__company__name", "application__title",
        )
    )  # fmt: skip
    write_csv(
        archive,
        "csv/interactions.csv",
        ["Contact", "Date", "Channel", "Summary", "Company", "Application"],
        interactions.iterator(chunk_size=CHUNK),
    )
