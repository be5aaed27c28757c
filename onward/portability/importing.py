"""Importing a full export into an account, in one transaction: a bad archive changes nothing
and the error names the file, the line and the record.

Two ways in:
- into an account with no job-search data yet (a new account): everything in the archive is
  added, and its starting stages and settings are replaced by the archive's;
- merged into an account that already holds a search (``merge=True``): each record the account
  already holds is kept as it is and not added again, and the rest is added, pointing at the
  kept records where it links to them. "Already holds" means: an application with the same
  company, title and date applied; a contact with the same email (else the same name); a
  company, stage, tag, template or title group with the same name (the models' uniqueness
  rules: a week's goals, a debrief of an application, ... count the same way); the profile,
  routine settings and calendar feed are the account's own, always kept; any other record
  when every value is the same. Importing the same archive twice therefore adds nothing the
  second time.

Either way it is all or nothing, and an application never arrives without its history. How
that is kept depends on the database:
- PostgreSQL locks rows, not the database: the import is one transaction, and other people's
  changes go on meanwhile.
- SQLite has one writer at a time: one transaction would keep everyone else's changes waiting
  for seconds. So the records are written a thousand at a time, each batch in its own short
  transaction, and if anything goes wrong (or once a dry run has checked everything) what was
  written is deleted again and the starting points it replaced are put back (``Undo``). The
  user's own pages may show the records arriving meanwhile; an import cut short by a crash
  leaves what it wrote, and importing the same export again with ``merge`` completes it.
"""

import json
import zipfile
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import partial
from itertools import groupby
from pathlib import PurePath
from typing import IO, Any
from uuid import uuid4

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import (
    DEFAULT_DB_ALIAS,
    DatabaseError,
    IntegrityError,
    connection,
    connections,
    models,
    transaction,
)
from django.utils import timezone

from onward.accounts.freshness import bump
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
    spec_for,
    specs,
    target_of,
    through_of,
)
from .exporting import FORMAT, FORMAT_VERSION, owned

BATCH = 1000
# A manifest is a few kilobytes; anything much larger is not one.
MAX_MANIFEST = 1 << 20
# After an import of this many records PostgreSQL's table statistics are refreshed at once
# (see analyze()).
ANALYZE_AFTER = 5000
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
    # Merging: the archive's records the account already held, by kind (kept, not added).
    skipped: dict[str, int] = field(default_factory=dict)
    merge: bool = False

    @property
    def total(self) -> int:
        return sum(self.created.values())

    @property
    def total_skipped(self) -> int:
        return sum(self.skipped.values())


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
            f"This account already holds {listed}. Merge the export into it (the records it "
            "already holds are kept and not added twice), or import it into a new account."
        )


def import_account(
    user,
    source: IO[bytes],
    progress: Progress | None = None,
    *,
    dry_run: bool = False,
    merge: bool = False,
) -> ImportReport:
    """Import an export into ``user``'s account, all or nothing: an empty account, or with
    ``merge`` one that holds data (see the module's docstring for the rule).

    ``dry_run`` reads and checks everything, then undoes it: a preview of what would be saved
    (and, merging, what is already there). Raises ArchiveError naming the record and reason.
    """
    archive, manifest = open_archive(source)
    report = ImportReport(manifest, merge=merge)
    files = FileRestorer(archive, user, write=not dry_run)
    undo = Undo() if connection.vendor == "sqlite" else None
    with archive:
        try:
            with transaction.atomic() if undo is None else nullcontext():
                if not merge:
                    with transaction.atomic():
                        check_empty(user)
                        for name in REPLACED_ON_IMPORT:
                            replaced = owned(spec_for(name), user)
                            if undo is not None:
                                undo.replaced.extend(replaced)
                            replaced.delete()
                ids: dict[str, IdMap] = {}
                for spec in specs():
                    loader = Loader(spec, user, ids, manifest, files, merge=merge, undo=undo)
                    report.created[spec.label] = loader.load(archive, progress)
                    report.skipped[spec.label] = loader.skipped
                if dry_run:
                    raise _Rollback
        except _Rollback:
            if undo is not None:
                undo.run()
        except BaseException as exc:
            files.discard()
            if undo is not None:
                undo.run()
            if isinstance(exc, DatabaseError):
                raise ArchiveError(f"The database refused the archive's records: {exc}") from None
            raise
        finally:
            if undo is not None or not dry_run:
                # Written in bulk (no save signals): figures cached for the user are counted
                # afresh (on SQLite, pages may have counted a part-written import).
                bump(user.pk)
    if not dry_run and report.total >= ANALYZE_AFTER:
        analyze()
    return report


class Undo:
    """What an import on SQLite wrote, batch by batch, to take away again: the rows it added
    (deleted in the reverse of the order they were written, so links go before what they
    point to) and the starting points it replaced (put back as they were)."""

    def __init__(self) -> None:
        self.added: list[tuple[type[models.Model], list[int], Sequence]] = []
        self.replaced: list[models.Model] = []

    def run(self) -> None:
        for model, pks, many in reversed(self.added):
            for start in range(0, len(pks), BATCH):
                delete_rows(model, pks[start : start + BATCH], many)
        self.added = []
        with transaction.atomic():
            for model, instances in groupby(self.replaced, key=type):
                model._base_manager.bulk_create(list(instances))
        self.replaced = []


def delete_rows(model: type[models.Model], pks: list[int], many: Sequence) -> None:
    """Delete rows the import added (and their many-to-many links), in one short transaction.
    Nothing else points at them, so plain DELETEs do: Django's cascading delete looks for
    dependent rows table by table and took over two minutes for 10,000 applications. Should
    the user have linked something to them meanwhile, the cascading delete takes it along."""
    alias = connection.alias
    try:
        with transaction.atomic():
            for field in many:
                links = through_of(field)._base_manager
                links.filter(**{field.m2m_field_name() + "_id__in": pks})._raw_delete(alias)
            model._base_manager.filter(pk__in=pks)._raw_delete(alias)
    except IntegrityError:
        with transaction.atomic():
            model._base_manager.filter(pk__in=pks).delete()


def analyze() -> None:
    """Refresh PostgreSQL's statistics of the tables an import wrote to. Until autovacuum
    catches up, the planner still believes the user has a handful of rows and may pick a nested
    loop over all of them: exporting 10,000 imported applications right away took 12 s instead
    of 2. (SQLite plans without such statistics.)"""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for spec in specs():
            cursor.execute(f"ANALYZE {connection.ops.quote_name(spec.model._meta.db_table)}")


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


class IdMap:
    """The archive's ids of one kind of record, mapped to the database's.

    An export numbers each kind's records 1, 2, 3, ... and one INSERT gives a batch's rows
    consecutive keys, so the map is kept as runs (first archive id, first key, length): a few
    numbers a batch instead of two a record, and memory stays flat however large the account.
    An id out of order (or a record a merge matched) is kept on its own."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.runs: list[tuple[int, int, int]] = []
        self.other: dict[int, int] = {}

    def __setitem__(self, local: int, pk: int) -> None:
        if self.runs:
            start, first, length = self.runs[-1]
            if local == start + length and pk == first + length:
                self.runs[-1] = (start, first, length + 1)
                return
            if local < start + length:
                self.other[local] = pk
                return
        self.starts.append(local)
        self.runs.append((local, pk, 1))

    def get(self, local: int, default: int | None = None) -> int | None:
        if local in self.other:
            return self.other[local]
        index = bisect_right(self.starts, local) - 1
        if index >= 0:
            start, first, length = self.runs[index]
            if local < start + length:
                return first + (local - start)
        return default

    def __contains__(self, local: int) -> bool:
        return self.get(local) is not None


NO_IDS = IdMap()  # a kind of record not in the archive (never written to)


class Loader:
    """Reads one model's records, checks them, and saves them in batches.

    A record becomes a dict of column values, checked field by field (the model's own field
    validation); only models with their own ``clean()``, derived keys or a file are built as
    instances, since building a model instance costs more than checking its values. Rows are
    written with one multi-row INSERT … RETURNING a batch, as bulk_create does, but with the
    values already converted, so the archive's timestamps are written as they are.
    """

    def __init__(
        self,
        spec: Spec,
        user,
        ids: dict[str, "IdMap"],
        manifest: dict,
        files: FileRestorer | None = None,
        *,
        merge: bool = False,
        undo: Undo | None = None,
    ):
        self.spec, self.user, self.ids, self.manifest = spec, user, ids, manifest
        self.files, self.undo = files, undo
        self.file_field = FILES.get(spec.label, ("", ""))[0]
        self.own = ids.setdefault(spec.label, IdMap())
        self.pending: set[int] = set()  # the archive ids of the batch not saved yet
        self.version = manifest["format_version"]
        self.known = {"id", *(f.name for f in spec.fields), *(f.name for f in spec.links)}
        self.known |= {m.name for m in spec.many}
        if spec.generic:
            self.known.add("target")
        meta = spec.model._meta
        self.columns = [f for f in meta.concrete_fields if not f.primary_key]
        self.plain = [f for f in spec.fields if f.name != self.file_field]
        self.stamped = [
            f
            for f in self.columns
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        ]
        self.as_instance = (
            spec.model.clean is not models.Model.clean
            or hasattr(spec.model, "fill_keys")
            or bool(self.file_field)
            or spec.model in (Company, CalendarFeed)
        )
        self.relations = [link.name for link in spec.links] + [spec.owner_field or ""]
        self.unique = unique_sets(spec)
        self.seen: list[set] = [set() for _ in self.unique]
        self.rewrites = {f: rules for (m, f), rules in ID_BEARING_TEXT.items() if m == spec.label}
        self.matcher = Matcher(spec, user, self.columns) if merge else None
        self.skipped = 0

    def load(self, archive: zipfile.ZipFile, progress: Progress | None) -> int:
        """Reads, checks and saves the model's records; returns how many were added."""
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
        batch: list[tuple[dict, int, dict]] = []
        count = added = 0
        for line_no, record in self.lines(archive, info):
            self.where = f"{self.spec.file_name} line {line_no}"
            count += 1
            built = self.build(record)
            if built is not None:
                batch.append(built)
            if len(batch) == BATCH:
                added += self.save(batch)
                batch = []
            if progress:
                progress(1)
        added += self.save(batch)
        if isinstance(expected, int) and expected != count:
            raise ArchiveError(
                f"The manifest lists {expected} {self.spec.label} records but "
                f"{self.spec.file_name} holds {count}: the archive is incomplete."
            )
        return added

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

    def build(self, record: dict) -> tuple[dict, int, dict] | None:
        """(column values, archive id, many-to-many ids) of a record to add; None when a merge
        matched it to a record the account already holds (its id then maps to that one)."""
        spec = self.spec
        local = record.get("id")
        if not isinstance(local, int) or isinstance(local, bool) or local < 1:
            raise self.fail(record, "every record needs a whole-number id of 1 or more.")
        if local in self.pending or local in self.own:
            raise self.fail(record, "another record above has the same id.")
        unknown = set(record) - self.known
        if unknown:
            raise self.fail(record, f"unknown field {sorted(unknown)[0]!r}.")
        values: dict[str, Any] = {}
        for f in self.plain:
            if f.name in record:
                raw = self.translate(f.name, record[f.name], record)
                try:
                    values[f.attname] = f.to_python(raw)
                except ValidationError as exc:
                    raise self.fail(record, f"{f.name}: {' '.join(exc.messages)}") from None
                except (TypeError, ValueError, OverflowError):
                    raise self.fail(record, f"{f.name}: {raw!r} is not a valid value.") from None
                if values[f.attname] is None and not f.null:
                    # Before the keys are derived from it (a company's name, ...).
                    raise self.fail(record, f"{f.name}: this field cannot be null.")
        for link in spec.links:
            values[link.attname] = self.resolve(record, link)
        if spec.owner_field:
            values[spec.owner_field + "_id"] = self.user.pk
        if spec.generic:
            values.update(self.resolve_generic(record))
        instance = None
        if self.as_instance:
            instance = spec.model(**values)
            prepare(instance)
            try:
                # Links are checked above, against the archive; ForeignKey.validate would
                # cost a query a record.
                instance.clean_fields(exclude=self.relations)
                instance.clean()
            except ValidationError as exc:
                raise self.fail(record, describe(exc)) from None
            values = {f.attname: getattr(instance, f.attname) for f in self.columns}
        else:
            self.check_values(values, record)
            for f in self.columns:
                if f.attname not in values:
                    values[f.attname] = f.get_default()
        for f in self.stamped:
            if values.get(f.attname) is None:
                values[f.attname] = timezone.now()
        if self.matcher is not None and (existing := self.matcher.match(values)) is not None:
            self.own[local] = existing
            self.skipped += 1
            return None
        self.check_unique(values, record)
        if self.file_field:
            if self.files is None or instance is None:
                raise self.fail(record, "this record's file cannot be read.")
            problem = self.files.restore(instance, self.file_field, record.get(self.file_field))
            if problem:
                raise self.fail(record, problem)
            for name in (self.file_field, "content_type", "size"):
                attname = spec.model._meta.get_field(name).attname  # type: ignore[union-attr]
                values[attname] = getattr(instance, attname)
        many = {m.name: self.resolve_many(record, m) for m in spec.many}
        self.pending.add(local)
        return values, local, many

    def check_values(self, values: dict[str, Any], record: dict) -> None:
        """What Model.clean_fields checks, on the values (defaults for fields the record
        leaves out), without building the model instance."""
        for f in self.plain:
            if f.attname not in values:
                values[f.attname] = f.get_default()
            value = values[f.attname]
            if f.blank and value in f.empty_values:
                continue
            try:
                f.validate(value, None)
                f.run_validators(value)
            except ValidationError as exc:
                raise self.fail(record, f"{f.name}: {' '.join(exc.messages)}") from None

    def translate(self, name: str, value: Any, record: dict) -> Any:
        """An id-bearing text ("offer:3") with the archive's id replaced by the new one."""
        for pattern, target in self.rewrites.get(name, ()):
            if isinstance(value, str) and (match := pattern.match(value)):
                new = self.ids.get(target, NO_IDS).get(int(match.group(2)))
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
        new = self.ids.get(target, NO_IDS).get(value) if isinstance(value, int) else None
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
            new = self.ids.get(target, NO_IDS).get(item) if isinstance(item, int) else None
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
        new = self.ids.get(model_label, NO_IDS).get(local) if isinstance(model_label, str) else None
        if new is None or isinstance(local, bool):
            raise self.fail(record, f"target {model_label!r} {local!r} is not in the archive.")
        content_type = ContentType.objects.get_for_model(apps.get_model(model_label))
        return {generic.ct_field + "_id": content_type.pk, generic.fk_field: new}

    def check_unique(self, values: dict[str, Any], record: dict) -> None:
        for (names, attnames), seen in zip(self.unique, self.seen, strict=True):
            key = tuple(values.get(a) for a in attnames)
            if None in key:
                continue
            if key in seen:
                raise self.fail(record, f"another record has the same {' and '.join(names)}.")
            seen.add(key)

    def save(self, batch: list[tuple[dict, int, dict]]) -> int:
        if not batch:
            return 0
        # On SQLite each batch is a transaction of its own (see the module's docstring).
        with transaction.atomic() if self.undo is not None else nullcontext():
            pks = self.insert(batch)
        if self.undo is not None:
            # Only once committed: keys of a batch rolled back may be given to someone else's
            # rows next, and the undo deletes by key.
            self.undo.added.append((self.spec.model, pks, self.spec.many))
        for (_, local, _), pk in zip(batch, pks, strict=True):
            self.own[local] = pk
        self.pending.clear()
        return len(batch)

    def insert(self, batch: list[tuple[dict, int, dict]]) -> list[int]:
        try:
            pks = insert_rows(self.spec.model, self.columns, [values for values, _, _ in batch])
        except DatabaseError as exc:
            # A rule only the database checks (a conditional uniqueness rule, a character
            # PostgreSQL cannot store): it names the rule, the batch's ids narrow it down.
            first, last = batch[0][1], batch[-1][1]
            raise ArchiveError(
                f"{self.spec.file_name} ({self.spec.label} {first} to {last}): the database "
                f"refused one of these records: {exc}"
            ) from None
        for m in self.spec.many:
            through = through_of(m)
            source, target = m.m2m_field_name() + "_id", m.m2m_reverse_field_name() + "_id"
            through._base_manager.bulk_create(
                through(**{source: pk, target: other})
                for (_, _, many), pk in zip(batch, pks, strict=True)
                for other in many[m.name]
            )
        return pks


# Column types whose Python value (after Field.to_python) is what the database driver takes;
# the others (dates and times, decimals, JSON, files) go through Field.get_db_prep_save.
PLAIN_TYPES = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "BigIntegerField",
        "BooleanField",
        "CharField",
        "ForeignKey",
        "IntegerField",
        "OneToOneField",
        "PositiveBigIntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SmallIntegerField",
        "TextField",
    }
)


def converter(field: models.Field) -> Callable[[Any, Any], Any] | None:
    """How a column's (non-empty) Python value becomes the database driver's: None when it
    already is; dates and times straight through the backend's adapter (Field.get_db_prep_save
    would first convert them to what they already are)."""
    kind = field.get_internal_type()
    if kind in PLAIN_TYPES:
        return None
    if kind == "DateTimeField":
        return partial(adapt_datetime, field)
    if kind == "DateField":
        return lambda value, conn: conn.ops.adapt_datefield_value(value)
    return field.get_db_prep_save


def adapt_datetime(field: models.Field, value: Any, conn: Any) -> Any:
    if getattr(value, "tzinfo", None) is None:  # a naive time: made aware as a save would
        return field.get_db_prep_save(value, conn)
    return conn.ops.adapt_datetimefield_value(value)


def insert_rows(
    model: type[models.Model], columns: list[models.Field], rows: list[dict[str, Any]]
) -> list[int]:
    """Insert rows given as {attname: value}; returns their new primary keys, in order.

    Like bulk_create (one INSERT of many rows, RETURNING the keys on SQLite), without building
    a model instance a row or compiling an expression a value; on PostgreSQL with COPY."""
    if connection.vendor == "postgresql":
        return copy_rows(model, columns, rows)
    if not connection.features.can_return_rows_from_bulk_insert:
        instances = [model(**row) for row in rows]
        model._base_manager.bulk_create(instances)
        return [i.pk for i in instances]
    ops = connection.ops
    per_row = "(" + ", ".join(["%s"] * len(columns)) + ")"
    head = (
        f"INSERT INTO {ops.quote_name(model._meta.db_table)} "
        f"({', '.join(ops.quote_name(f.column) for f in columns)}) VALUES "
    )
    tail = f" RETURNING {ops.quote_name(model._meta.pk.column)}"
    size = max(1, ops.bulk_batch_size(columns, rows))
    pks: list[int] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            chunk = rows[start : start + size]
            params = [value for row in database_values(columns, chunk) for value in row]
            cursor.execute(head + ", ".join([per_row] * len(chunk)) + tail, params)
            pks.extend(pk for (pk,) in cursor.fetchall())
    return pks


def copy_rows(
    model: type[models.Model], columns: list[models.Field], rows: list[dict[str, Any]]
) -> list[int]:
    """PostgreSQL: the rows' keys taken from the table's sequence first, then the rows sent in
    one COPY. A multi-row INSERT ... RETURNING cost twice the CPU: psycopg (as Django uses it)
    writes every value into the statement's text on the client side."""
    ops = connection.ops
    table = ops.quote_name(model._meta.db_table)
    pk_column = model._meta.pk.column
    names = ", ".join(ops.quote_name(c) for c in [pk_column, *(f.column for f in columns)])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(sequence) FROM pg_get_serial_sequence(%s, %s) AS sequence, "
            "generate_series(1, %s)",
            [table, pk_column, len(rows)],
        )
        # Ascending like the archive's ids, so a later export lists the records in its order.
        pks = sorted(pk for (pk,) in cursor.fetchall())
        with (
            connection.wrap_database_errors,
            cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
        ):
            for pk, values in zip(pks, database_values(columns, rows), strict=True):
                copy.write_row([pk, *values])
    return pks


def database_values(columns: list[models.Field], rows: list[dict[str, Any]]) -> Iterator[list]:
    """Each row's values in the columns' order, as the database driver takes them."""
    prepare_value = [converter(f) for f in columns]
    names = [f.attname for f in columns]
    # The connection itself: every attribute read through django.db.connection costs a lookup
    # (a third of the time spent converting values).
    db = connections[DEFAULT_DB_ALIAS]
    for row in rows:
        values = []
        for name, prep in zip(names, prepare_value, strict=True):
            value = row[name]
            values.append(value if prep is None or value is None else prep(value, db))
        yield values


def folded(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


# Merging: how a record of the archive is recognised as one the account already holds, beyond
# the model's uniqueness rules (which always count). {model: (columns, key from those values)}.
# Kinds not listed here are matched when every value is the same (content).
NATURAL_KEYS: dict[str, tuple[tuple[str, ...], Callable[[dict], tuple | None]]] = {
    # The same role at the same company applied for the same day (or both not applied yet).
    "pipeline.Application": (
        ("company_id", "title", "applied_on"),
        lambda v: (v["company_id"], folded(v["title"]), v["applied_on"]),
    ),
    # The same email address, else the same name.
    "network.Contact": (
        ("email", "name_key"),
        lambda v: ("email", v["email"].casefold()) if v["email"] else ("name", v["name_key"]),
    ),
    # One of each per account: the account's own is kept.
    "accounts.Profile": ((), lambda v: ()),
    "routine.RoutineSettings": ((), lambda v: ()),
    "reminders.CalendarFeed": ((), lambda v: ()),
}


def frozen(value: Any) -> Any:
    """A value usable in a set key (JSON fields hold dicts and lists)."""
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, default=str)
    return value


def content_key(names: tuple[str, ...], values: dict) -> tuple:
    return tuple(frozen(values[n]) for n in names)


def unique_key(names: tuple[str, ...], values: dict) -> tuple | None:
    """A uniqueness rule's values (None when one is empty: the rule does not apply)."""
    if any(values[n] is None for n in names):
        return None
    return ("unique", *(values[n] for n in names))


class Matcher:
    """The account's existing records of one kind, by the keys a merge matches them on: read
    in one query before the kind is loaded, so matching costs no query a record."""

    def __init__(self, spec: Spec, user, columns: list[models.Field]):
        natural = NATURAL_KEYS.get(spec.label)
        self.rules: list[Callable[[dict], tuple | None]] = []
        needed: set[str] = set()
        if natural is not None:
            needed |= set(natural[0])
            self.rules.append(natural[1])
        else:
            skip = {FILES.get(spec.label, ("",))[0]}
            content = tuple(
                f.attname
                for f in columns
                if f.name not in skip and not getattr(f, "auto_now", False)
            )
            needed |= set(content)
            self.rules.append(partial(content_key, content))
        for _, attnames in unique_sets(spec):
            needed |= set(attnames)
            self.rules.append(partial(unique_key, attnames))
        self.known: list[dict] = [{} for _ in self.rules]
        rows = owned(spec, user).order_by("pk").values("pk", *sorted(needed))
        for row in rows.iterator(chunk_size=2000):
            for rule, known in zip(self.rules, self.known, strict=True):
                key = rule(row)
                if key is not None:
                    known.setdefault(key, row["pk"])

    def match(self, values: dict[str, Any]) -> int | None:
        """The id of the account's record this one is, or None when it is new."""
        for rule, known in zip(self.rules, self.known, strict=True):
            key = rule(values)
            if key is not None and key in known:
                return known[key]
        return None


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
