"""Importing a full export into an account, in one transaction: a bad archive changes nothing
and the error names the file, the line and the record.

The rule: an export goes into an account that holds no job-search data yet (a new account; its
starting stages and settings are replaced by the archive's). Merging two searches would make
every record a guess (is this the same application?), so it is refused with a clear message.
"""

import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import IO, Any
from uuid import uuid4

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import DatabaseError, connection, models, transaction

from onward.core.naming import company_key
from onward.core.reminders.models import CalendarFeed
from onward.documents.models import check_upload
from onward.pipeline.models import Company

from .catalogue import (
    FILES,
    ID_BEARING_TEXT,
    REPLACED_ON_IMPORT,
    Spec,
    label,
    specs,
    target_of,
    through_of,
)
from .exporting import FORMAT, FORMAT_VERSION, owned

BATCH = 1000
# A manifest is a few kilobytes; anything much larger is not one.
MAX_MANIFEST = 1 << 20
# One record is at most a few hundred kilobytes (a long job description); a line past this
# is refused rather than read into memory.
MAX_LINE = 16 << 20

Progress = Callable[[int], None]


class ArchiveError(Exception):
    """The archive cannot be imported; the message says where and why. Nothing was saved."""


# Older format versions are brought up to date one step at a time: {version: function that
# turns a record of that version into the next}. Version 1 is the first.
UPGRADES: dict[int, Callable[[str, dict], dict]] = {}


@dataclass
class ImportReport:
    manifest: dict
    created: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.created.values())


def open_archive(source: IO[bytes]) -> tuple[zipfile.ZipFile, dict]:
    """The zip and its manifest, checked: an Onward export this version can read."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ArchiveError("This is not a zip file (an Onward export is a .zip).") from exc
    try:
        info = archive.getinfo("manifest.json")
    except KeyError:
        raise ArchiveError("The zip has no manifest.json: it is not an Onward export.") from None
    if info.file_size > MAX_MANIFEST:
        raise ArchiveError("manifest.json is too large to be an Onward manifest.")
    try:
        manifest = json.loads(archive.read(info))
    except (ValueError, zipfile.BadZipFile, OSError) as exc:
        raise ArchiveError(f"manifest.json cannot be read: {exc}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ArchiveError("manifest.json does not describe an Onward export.")
    version = manifest.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ArchiveError("manifest.json has no valid format_version.")
    if version > FORMAT_VERSION:
        raise ArchiveError(
            f"This export was made by a newer Onward (format version {version}); this one "
            f"reads versions up to {FORMAT_VERSION}. Update Onward, then import it again."
        )
    if not isinstance(manifest.get("records", {}), dict):
        raise ArchiveError("manifest.json: 'records' should map each kind of record to a count.")
    return archive, manifest


def existing_data(user, counts: dict[str, int] | None = None) -> dict[str, int]:
    """What the account already holds beyond the starting points an import replaces
    (``counts``: the user's records by kind, when already counted)."""
    found = {}
    for spec in specs():
        if spec.label not in REPLACED_ON_IMPORT:
            n = counts[spec.label] if counts is not None else owned(spec, user).count()
            if n:
                found[str(spec.model._meta.verbose_name_plural)] = n
    return found


def check_empty(user) -> None:
    if held := existing_data(user):
        listed = ", ".join(f"{n} {name}" for name, n in held.items())
        raise ArchiveError(
            f"This account already holds {listed}. An export is imported into an account with "
            "no job-search data yet: create a new account for it (or delete this data first)."
        )


def import_account(
    user, source: IO[bytes], progress: Progress | None = None, *, dry_run: bool = False
) -> ImportReport:
    """Import an export into ``user``'s (empty) account, all or nothing.

    ``dry_run`` reads and checks everything, then undoes it: a preview of what would be saved.
    Raises ArchiveError naming the record and the reason.
    """
    archive, manifest = open_archive(source)
    report = ImportReport(manifest)
    files = FileRestorer(archive, user, write=not dry_run)
    with archive:
        try:
            with transaction.atomic():
                check_empty(user)
                for name in REPLACED_ON_IMPORT:
                    spec = next(s for s in specs() if s.label == name)
                    owned(spec, user).delete()
                ids: dict[str, dict[int, int]] = {}
                for spec in specs():
                    report.created[spec.label] = Loader(spec, user, ids, manifest, files).load(
                        archive, progress
                    )
                if dry_run:
                    raise _Rollback
        except _Rollback:
            pass
        except DatabaseError as exc:
            files.discard()
            raise ArchiveError(f"The database refused the archive's records: {exc}") from None
        except BaseException:
            files.discard()
            raise
    return report


class FileRestorer:
    """Puts the archive's uploaded files into the data folder, each under a new random name
    in the importing user's folder, and takes them away again if the import fails."""

    def __init__(self, archive: zipfile.ZipFile, user, *, write: bool):
        self.archive, self.user, self.write = archive, user, write
        self.written: list[tuple[Any, str]] = []  # (storage, name)

    def restore(self, instance: models.Model, field_name: str, path: Any) -> str | None:
        """Store the file at ``path`` in the archive as ``instance``'s ``field_name``, after the
        checks an upload gets; returns what is wrong with it, or None."""
        if path in ("", None):
            return None
        if not isinstance(path, str) or not path.startswith("documents/"):
            return f"{field_name} should be a path under documents/ in the archive, or empty."
        try:
            info = self.archive.getinfo(path)
        except KeyError:
            return f"{field_name}: {path} is not in the archive."
        limit = settings.ONWARD_DOCUMENT_MAX_MB * 1024 * 1024
        if info.file_size > limit:
            return f"{path} is larger than {settings.ONWARD_DOCUMENT_MAX_MB} MB."
        try:
            with self.archive.open(info) as raw:
                data = raw.read(limit + 1)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            return f"{path} cannot be read: {exc}"
        if len(data) > limit:
            return f"{path} is larger than {settings.ONWARD_DOCUMENT_MAX_MB} MB."
        content = ContentFile(data, name=PurePath(path).name)
        try:
            content_type = check_upload(content)
        except ValidationError as exc:
            return f"{path}: {' '.join(exc.messages)}"
        # Same rules as an upload: the type and size are what the file is, not what it says.
        instance.content_type, instance.size = content_type, len(data)  # type: ignore[attr-defined]
        field_file = getattr(instance, field_name)
        if self.write:
            extension = PurePath(path).suffix.lower()
            field_file.save(f"{self.user.pk}/{uuid4().hex}{extension}", content, save=False)
            self.written.append((field_file.storage, field_file.name))
        return None

    def discard(self) -> None:
        for storage, name in self.written:
            storage.delete(name)
        self.written = []


class _Rollback(Exception):
    pass


class Loader:
    """Reads one model's records and saves them in batches."""

    def __init__(
        self,
        spec: Spec,
        user,
        ids: dict[str, dict[int, int]],
        manifest: dict,
        files: FileRestorer | None = None,
    ):
        self.spec, self.user, self.ids, self.manifest = spec, user, ids, manifest
        self.files = files
        self.file_field = FILES.get(spec.label, ("", ""))[0]
        self.own = ids.setdefault(spec.label, {})
        self.local_ids: set[int] = set()
        self.version = manifest["format_version"]
        self.known = {"id", *(f.name for f in spec.fields), *(f.name for f in spec.links)}
        self.known |= {m.name for m in spec.many}
        if spec.generic:
            self.known.add("target")
        self.auto_now = [f for f in spec.fields if getattr(f, "auto_now", False)]
        self.relations = [link.name for link in spec.links] + [spec.owner_field or ""]
        self.unique = unique_sets(spec)
        self.seen: list[set] = [set() for _ in self.unique]
        self.rewrites = {f: rules for (m, f), rules in ID_BEARING_TEXT.items() if m == spec.label}

    def load(self, archive: zipfile.ZipFile, progress: Progress | None) -> int:
        expected = self.manifest.get("records", {}).get(self.spec.label, 0)
        try:
            info = archive.getinfo(self.spec.file_name)
        except KeyError:
            if expected:
                raise ArchiveError(
                    f"The manifest lists {expected} {self.spec.label} records but the archive "
                    f"has no {self.spec.file_name}."
                ) from None
            return 0
        batch: list[tuple[models.Model, int, dict]] = []
        count = 0
        for line_no, record in self.lines(archive, info):
            self.where = f"{self.spec.file_name} line {line_no}"
            batch.append(self.build(record))
            count += 1
            if len(batch) == BATCH:
                self.save(batch)
                batch = []
            if progress:
                progress(1)
        self.save(batch)
        if isinstance(expected, int) and expected != count:
            raise ArchiveError(
                f"The manifest lists {expected} {self.spec.label} records but "
                f"{self.spec.file_name} holds {count}: the archive is incomplete."
            )
        return count

    def lines(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[tuple[int, dict]]:
        try:
            with archive.open(info) as raw:
                for line_no, line in enumerate(iter(lambda: raw.readline(MAX_LINE), b""), 1):
                    where = f"{self.spec.file_name} line {line_no}"
                    if not line.endswith(b"\n") and len(line) >= MAX_LINE:
                        raise ArchiveError(f"{where}: the record is too long.")
                    if not line.strip():
                        continue
                    try:
                        record = json.loads(line)
                    except (ValueError, UnicodeDecodeError):
                        raise ArchiveError(f"{where}: not a JSON record.") from None
                    if not isinstance(record, dict):
                        raise ArchiveError(f"{where}: a record should be a JSON object.")
                    for version in range(self.version, FORMAT_VERSION):
                        record = UPGRADES[version](self.spec.label, record)
                    yield line_no, record
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise ArchiveError(f"{self.spec.file_name} cannot be read: {exc}") from None

    def fail(self, record: dict, message: str) -> ArchiveError:
        return ArchiveError(f"{self.where} ({self.spec.label} {record.get('id')!r}): {message}")

    def build(self, record: dict) -> tuple[models.Model, int, dict]:
        spec = self.spec
        local = record.get("id")
        if not isinstance(local, int) or isinstance(local, bool) or local < 1:
            raise self.fail(record, "every record needs a whole-number id of 1 or more.")
        if local in self.local_ids:
            raise self.fail(record, "another record above has the same id.")
        self.local_ids.add(local)
        unknown = set(record) - self.known
        if unknown:
            raise self.fail(record, f"unknown field {sorted(unknown)[0]!r}.")
        values: dict[str, Any] = {}
        for f in spec.fields:
            if f.name == self.file_field:
                continue  # a path in the archive: the file is stored once the record is checked
            if f.name in record:
                raw = self.translate(f.name, record[f.name], record)
                try:
                    values[f.attname] = f.to_python(raw)
                except ValidationError as exc:
                    raise self.fail(record, f"{f.name}: {' '.join(exc.messages)}") from None
                except (TypeError, ValueError, OverflowError):
                    raise self.fail(record, f"{f.name}: {raw!r} is not a valid value.") from None
        for link in spec.links:
            values[link.attname] = self.resolve(record, link)
        if spec.owner_field:
            values[spec.owner_field + "_id"] = self.user.pk
        if spec.generic:
            values.update(self.resolve_generic(record))
        instance = spec.model(**values)
        prepare(instance)
        try:
            # Links are checked above, against the archive; ForeignKey.validate would cost a
            # query a record.
            instance.clean_fields(exclude=self.relations)
            instance.clean()
        except ValidationError as exc:
            raise self.fail(record, describe(exc)) from None
        self.check_unique(instance, record)
        if self.file_field:
            if self.files is None:
                raise self.fail(record, "this record's file cannot be read.")
            problem = self.files.restore(instance, self.file_field, record.get(self.file_field))
            if problem:
                raise self.fail(record, problem)
        many = {m.name: self.resolve_many(record, m) for m in spec.many}
        return instance, local, many

    def translate(self, name: str, value: Any, record: dict) -> Any:
        """An id-bearing text ("offer:3") with the archive's id replaced by the new one."""
        for pattern, target in self.rewrites.get(name, ()):
            if isinstance(value, str) and (match := pattern.match(value)):
                new = self.ids.get(target, {}).get(int(match.group(2)))
                if new is None:
                    raise self.fail(record, f"{name}: {value!r} names a record not in the archive.")
                return f"{match.group(1)}:{new}"
        return value

    def resolve(self, record: dict, link: models.ForeignKey) -> int | None:
        value = record.get(link.name)
        target = label(target_of(link))
        if value is None:
            if not link.null:
                raise self.fail(record, f"{link.name} is required.")
            return None
        new = self.ids.get(target, {}).get(value) if isinstance(value, int) else None
        if new is None:
            raise self.fail(
                record, f"{link.name} points to {target} {value!r}, not in the archive."
            )
        return new

    def resolve_many(self, record: dict, field: models.ManyToManyField) -> list[int]:
        value = record.get(field.name, [])
        target = label(target_of(field))
        if not isinstance(value, list):
            raise self.fail(record, f"{field.name} should be a list of ids.")
        found = []
        for item in value:
            new = self.ids.get(target, {}).get(item) if isinstance(item, int) else None
            if new is None:
                raise self.fail(record, f"{field.name}: {target} {item!r} is not in the archive.")
            found.append(new)
        return sorted(set(found))

    def resolve_generic(self, record: dict) -> dict:
        generic = self.spec.generic
        assert generic is not None
        target = record.get("target")
        empty = {generic.ct_field + "_id": None, generic.fk_field: None}
        if target is None:
            return empty
        if not isinstance(target, dict) or set(target) != {"model", "id"}:
            raise self.fail(record, 'target should be {"model": ..., "id": ...} or null.')
        model_label, local = target["model"], target["id"]
        new = self.ids.get(model_label, {}).get(local) if isinstance(model_label, str) else None
        if new is None or isinstance(local, bool):
            raise self.fail(record, f"target {model_label!r} {local!r} is not in the archive.")
        content_type = ContentType.objects.get_for_model(apps.get_model(model_label))
        return {generic.ct_field + "_id": content_type.pk, generic.fk_field: new}

    def check_unique(self, instance: models.Model, record: dict) -> None:
        for (names, fields), seen in zip(self.unique, self.seen, strict=True):
            key = tuple(getattr(instance, f) for f in fields)
            if None in key:
                continue
            if key in seen:
                raise self.fail(record, f"another record has the same {' and '.join(names)}.")
            seen.add(key)

    def save(self, batch: list[tuple[models.Model, int, dict]]) -> None:
        if not batch:
            return
        instances = [instance for instance, _, _ in batch]
        # bulk_create stamps auto_now fields with the time of the import: put the archive's back.
        kept = [[getattr(i, f.attname) for f in self.auto_now] for i in instances]
        self.spec.model._base_manager.bulk_create(instances)
        for (instance, local, _), values in zip(batch, kept, strict=True):
            self.own[local] = instance.pk
            for f, value in zip(self.auto_now, values, strict=True):
                setattr(instance, f.attname, value)
        if self.auto_now:
            self.restore_auto_now(instances)
        for m in self.spec.many:
            through = through_of(m)
            source, target = m.m2m_field_name() + "_id", m.m2m_reverse_field_name() + "_id"
            through._base_manager.bulk_create(
                through(**{source: instance.pk, target: other})
                for instance, _, many in batch
                for other in many[m.name]
            )

    def restore_auto_now(self, instances: list[models.Model]) -> None:
        """One UPDATE a row, sent together (bulk_update's CASE expressions are much slower)."""
        meta = self.spec.model._meta
        columns = ", ".join(f"{connection.ops.quote_name(f.column)} = %s" for f in self.auto_now)
        sql = (
            f"UPDATE {connection.ops.quote_name(meta.db_table)} SET {columns} "
            f"WHERE {connection.ops.quote_name(meta.pk.column)} = %s"
        )
        with connection.cursor() as cursor:
            cursor.executemany(
                sql,
                [
                    [
                        *(
                            f.get_db_prep_save(getattr(i, f.attname), connection)
                            for f in self.auto_now
                        ),
                        i.pk,
                    ]
                    for i in instances
                ],
            )


def unique_sets(spec: Spec) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """The model's unconditional uniqueness rules, as (field names, attribute names), checked
    per record so an error names the record (the database would only say a batch failed)."""
    meta = spec.model._meta
    rules: list[tuple[str, ...]] = [
        (f.name,) for f in meta.concrete_fields if f.unique and not f.primary_key
    ]
    rules += [tuple(names) for names in meta.unique_together]
    rules += [
        tuple(c.fields)
        for c in meta.constraints
        if isinstance(c, models.UniqueConstraint) and c.condition is None and c.fields
    ]
    found = []
    for names in rules:
        kept = tuple(n for n in names if n != spec.owner_field)
        if kept:
            found.append((kept, tuple(meta.get_field(n).attname for n in kept)))  # type: ignore[union-attr]
    return found


def prepare(instance: models.Model) -> None:
    """The keys models derive in save(), which bulk_create skips."""
    if hasattr(instance, "fill_keys"):
        instance.fill_keys()
    elif isinstance(instance, Company):
        instance.name = instance.name.strip()
        instance.name_key = company_key(instance.name)
    elif isinstance(instance, CalendarFeed):
        instance.digest = None  # no address: it is not exported; the user makes a new one


def describe(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
    return " ".join(exc.messages)
