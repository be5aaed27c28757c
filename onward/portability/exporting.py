"""The full export of one account: a zip with a manifest, one JSON Lines file per kind of record,
and CSV files a spreadsheet opens. The format is described in docs/data.md.

Records are read in chunks and written as they are read, and the archive's ids of the records a
chunk links to are asked of the database (see Numbering), so memory does not grow with the
account.
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

from .catalogue import (
    FILES,
    ID_BEARING_TEXT,
    Spec,
    label,
    spec_for,
    specs,
    target_of,
    through_of,
)

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
    numbering = Numbering(user)
    files: list[tuple[str, str]] = []  # (path in the zip, name in storage)
    included: list[str] = []
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for spec in specs():
            with archive.open(spec.file_name, "w", force_zip64=True) as raw:
                out = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
                for record in records(spec, user, numbering, files):
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
    spec: Spec, user, numbering: "Numbering", files: list[tuple[str, str]] | None = None
) -> Iterator[dict]:
    """The user's rows of one model as JSON objects, numbered 1, 2, ... in the archive; the
    uploaded files they carry are added to ``files`` as (path in the zip, name in storage)."""
    numbering.written.add(spec.label)
    columns = ["pk", *(f.attname for f in spec.fields), *(f.attname for f in spec.links)]
    if spec.generic:
        columns += [spec.generic.ct_field + "_id", spec.generic.fk_field]
    rewrites = {
        f: ID_BEARING_TEXT[(spec.label, f)] for (m, f) in ID_BEARING_TEXT if m == spec.label
    }
    chunk: list[dict] = []
    number = 0  # the archive id of the chunk's last record
    rows = owned(spec, user).order_by("pk").values(*columns).iterator(chunk_size=CHUNK)
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield from encode(spec, chunk, number, numbering, rewrites, files)
            number += len(chunk)
            chunk = []
    yield from encode(spec, chunk, number, numbering, rewrites, files)


class Numbering:
    """The archive's ids of the records already written. A record's id is its place among the
    user's records of its kind in key order (1, 2, 3, ...), so the database can say it: for the
    records a chunk links to, a count of the user's records before the first, then the keys
    from the first to the last. Nothing is kept per record (a map of every record written took
    11 MB at 10,000 applications, 19 MB at 20,000)."""

    def __init__(self, user):
        self.user = user
        self.written: set[str] = set()  # the kinds of record already in the archive

    def of(self, name: str, pks: set[int]) -> dict[int, int]:
        """{database id: archive id} of the user's records of kind ``name`` among ``pks``
        (a record of a kind not written yet, or of no kind exported, has none)."""
        if name not in self.written or not pks:
            return {}
        mine = owned(spec_for(name), self.user).order_by()
        low, high = min(pks), max(pks)
        before = mine.filter(pk__lt=low).count()
        keys = mine.filter(pk__gte=low, pk__lte=high).order_by("pk").values_list("pk", flat=True)
        return {
            pk: number
            for number, pk in enumerate(keys.iterator(chunk_size=CHUNK), before + 1)
            if pk in pks
        }


def encode(
    spec: Spec,
    chunk: list[dict],
    number: int,
    numbering: Numbering,
    rewrites: dict,
    files: list[tuple[str, str]] | None,
) -> Iterator[dict]:
    """A chunk of rows as records, the first numbered ``number + 1``."""
    many = {m.name: related_ids(m, [row["pk"] for row in chunk]) for m in spec.many}
    file_field, name_field = FILES.get(spec.label, (None, None))
    # Every record the chunk links to, by kind: {kind: database ids}.
    wanted: dict[str, set[int]] = {}
    for link in spec.links:
        pks = {row[link.attname] for row in chunk} - {None}
        wanted.setdefault(label(target_of(link)), set()).update(pks)
    for name, related in many.items():
        target = label(target_of(spec.model._meta.get_field(name)))
        wanted.setdefault(target, set()).update(pk for pks in related.values() for pk in pks)
    for name, rules in rewrites.items():
        for row in chunk:
            for pattern, target in rules:
                if isinstance(value := row[name], str) and (match := pattern.match(value)):
                    wanted.setdefault(target, set()).add(int(match.group(2)))
    if spec.generic:
        for row in chunk:
            if (kind := generic_label(row, spec)) is not None:
                wanted.setdefault(kind, set()).add(row[spec.generic.fk_field])
    ids = {name: numbering.of(name, pks) for name, pks in wanted.items()}
    for row in chunk:
        number += 1
        record: dict[str, Any] = {"id": number}
        for field in spec.fields:
            value = plain(row[field.attname])
            if field.name == file_field:
                value = file_path(number, value, row[name_field])
                if value and files is not None:
                    files.append((value, row[field.attname]))
            for pattern, target in rewrites.get(field.name, ()):
                if isinstance(value, str) and (match := pattern.match(value)):
                    found = ids.get(target, {}).get(int(match.group(2)))
                    value = f"{match.group(1)}:{found}" if found else value
            record[field.name] = value
        for link in spec.links:
            pk = row[link.attname]
            record[link.name] = None if pk is None else ids[label(target_of(link))].get(pk)
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


def generic_label(row: dict, spec: Spec) -> str | None:
    """The kind of record a generic link points to (None: it points nowhere)."""
    assert spec.generic is not None
    type_id, object_id = row[spec.generic.ct_field + "_id"], row[spec.generic.fk_field]
    if type_id is None or object_id is None:
        return None
    model = ContentType.objects.get_for_id(type_id).model_class()
    return model._meta.label if model else None


def generic_target(row: dict, spec: Spec, ids: dict[str, dict[int, int]]) -> dict | None:
    """A generic link as {"model": label, "id": archive id}; None when it points nowhere the
    archive holds (a row since deleted)."""
    assert spec.generic is not None
    target = generic_label(row, spec)
    number = ids.get(target, {}).get(row[spec.generic.fk_field]) if target else None
    return {"model": target, "id": number} if target and number else None


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
    write_csv(
        archive,
        "csv/contacts.csv",
        [
            "Name", "Email", "Phone", "LinkedIn", "Company", "Title", "Relationship",
            "Support circle", "Tags", "How we met", "Connected on", "Notes",
        ],
        contact_rows(user),
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


def contact_rows(user) -> Iterator[list]:
    """The contacts' rows, their tags read a chunk of contacts at a time."""
    chunk: list[Contact] = []
    for contact in Contact.objects.for_user(user).order_by("pk").iterator(chunk_size=CHUNK):
        chunk.append(contact)
        if len(chunk) == CHUNK:
            yield from contact_chunk(chunk)
            chunk = []
    yield from contact_chunk(chunk)


def contact_chunk(contacts: list[Contact]) -> Iterator[list]:
    names: dict[int, list[str]] = {}
    tagged = Contact.tags.through.objects.filter(contact__in=contacts)
    for contact_id, tag in tagged.values_list("contact_id", "tag__name"):
        names.setdefault(contact_id, []).append(tag)
    for c in contacts:
        yield [
            c.name, c.email, c.phone, c.linkedin_url, c.company_name, c.title, c.relationship,
            "yes" if c.support_circle else "", ", ".join(sorted(names.get(c.pk, []))),
            c.how_we_met, c.connected_on, c.notes,
        ]  # fmt: skip
