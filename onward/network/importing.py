"""Importing contacts: reading a file a line at a time, cleaning each record, and upserting in
batches. The LinkedIn and vCard readers (linkedin.py, vcards.py) produce :class:`Record`s;
everything else is shared.

Writing goes in batches of BATCH_SIZE records, each its own short transaction (see
run_import), so that another user's write never waits long for a big import.

Upsert rule: a record is the same person as an existing contact with the same LinkedIn URL,
else the same email, else the same name at the same company (names and companies compared
after normalisation), never one whose LinkedIn URL or email says otherwise. Imported values
fill empty fields; a newer company or title replaces the old one (people change jobs). A
record that changes nothing is counted as unchanged, so importing the same file twice
changes nothing the second time.
"""

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q

from onward.core import text
from onward.core.importing import ImportReport
from onward.core.naming import company_key

from .models import Contact, Tag, name_key, normalise_linkedin

# Networks name the same companies over and over.
cached_company_key = lru_cache(maxsize=8192)(company_key)

BATCH_SIZE = 1000
CHUNK_SIZE = 1 << 16
# A "line" longer than this is not a contact; it is handed on (and refused) rather than grown.
MAX_LINE = 1 << 20

CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LIMITS = {"name": 200, "company_name": 200, "title": 200, "phone": 50, "email": 254}
LABELS = {"company_name": "company", "title": "title", "phone": "phone number"}


@dataclass
class Record:
    """One contact as a file describes it, before cleaning. ``row`` is where it starts."""

    row: int
    name: str = ""
    email: str = ""
    linkedin_url: str = ""
    company_name: str = ""
    title: str = ""
    phone: str = ""
    notes: str = ""
    connected_on: date | None = None
    tags: list[str] = field(default_factory=list)
    # Filled by clean_record(), once: the matching keys.
    name_key: str = ""
    company_key: str = ""


# --- Reading ------------------------------------------------------------------------------


def decode_line(raw: bytes, first: bool = False) -> str:
    """UTF-8 (with or without a byte-order mark), else Windows-1252; never fails."""
    try:
        text = raw.decode("utf-8-sig" if first else "utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return text.replace("\x00", "")


def read_lines(binary, progress: Callable[[int], None] | None = None) -> Iterator[str]:
    """The lines of a binary file, decoded one by one, with their line ends (\\n, \\r\\n or
    \\r). Reads in chunks: memory stays flat whatever the file's size."""
    pending = b""
    first = True
    while True:
        chunk = binary.read(CHUNK_SIZE)
        if not chunk:
            break
        if isinstance(chunk, str):  # a text file handed in by mistake
            chunk = chunk.encode("utf-8", errors="replace")
        if progress:
            progress(len(chunk))
        lines = (pending + chunk).splitlines(keepends=True)
        pending = b""
        # The last piece may be cut short (or be a \r whose \n is in the next chunk).
        if lines and (not lines[-1].endswith((b"\n", b"\r")) or lines[-1].endswith(b"\r")):
            pending = lines.pop()
            if len(pending) > MAX_LINE:
                lines.append(pending)
                pending = b""
        for line in lines:
            yield decode_line(line, first)
            first = False
    if pending:
        yield decode_line(pending, first)


# --- Cleaning -----------------------------------------------------------------------------


def one_line(value) -> str:
    return text.one_line(str(value or ""))


# An http(s) address on linkedin.com or a subdomain, with no spaces or quotes in it. (Django's
# URLValidator says the same of these, at a tenth of the speed: it matters for 30,000 rows.)
LINKEDIN_RE = re.compile(
    r"https?://(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*linkedin\.com(?::\d{1,5})?"
    r"(?:[/?#][^\s\"'<>\\]*)?",
    re.IGNORECASE,
)


def valid_linkedin(url: str) -> bool:
    return len(url) <= 2000 and LINKEDIN_RE.fullmatch(url) is not None


def clean_record(record: Record, report: ImportReport) -> Record | None:
    """The record with tidy values, or None (reported) when it cannot become a contact.
    Values that cannot be kept are dropped with a note, and the rest imported."""
    row = record.row
    record.name = one_line(record.name)
    if not record.name:
        report.skip(row, "no name")
        return None
    if len(record.name) > LIMITS["name"]:
        report.skip(row, f"the name is longer than {LIMITS['name']} characters")
        return None
    for name in ("company_name", "title", "phone"):
        value = one_line(getattr(record, name))
        if len(value) > LIMITS[name]:
            report.note(row, f"the {LABELS[name]} was too long and was left out")
            value = ""
        setattr(record, name, value)
    email = one_line(record.email).lower()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            report.note(row, f"“{email[:60]}” is not an email address; imported without it")
            email = ""
    record.email = email
    url = one_line(record.linkedin_url)
    if url and not url.lower().startswith(("http://", "https://")):
        url = f"https://{url}"
    if url and not valid_linkedin(url):
        report.note(row, "the profile address is not a LinkedIn URL; imported without it")
        url = ""
    url = normalise_linkedin(url)
    if len(url) > 300:
        report.note(row, "the LinkedIn URL was too long and was left out")
        url = ""
    record.linkedin_url = url
    record.notes = CONTROL_RE.sub("", str(record.notes or "")).strip()
    record.tags = [t for t in (one_line(t)[:50] for t in record.tags) if t][:20]
    record.name_key = name_key(record.name)
    record.company_key = cached_company_key(record.company_name)
    return record


# --- Writing ------------------------------------------------------------------------------

OVERWRITE = ("company_name", "title")
FILL = ("email", "linkedin_url", "phone", "notes", "connected_on")
UPDATE_FIELDS = ["company_name", "company_key", "title", *FILL[:-1], "connected_on"]


class Upserter:
    """Collects cleaned records and writes them in batches: one query finds the existing
    contacts a batch may match, then one bulk_create and one bulk_update write it."""

    def __init__(self, user, report: ImportReport, batch_size: int | None = None):
        self.user = user
        self.report = report
        self.batch_size = batch_size or BATCH_SIZE
        self.pending: list[Record] = []

    def add(self, record: Record) -> None:
        self.pending.append(record)
        if len(self.pending) >= self.batch_size:
            self.flush()

    @transaction.atomic
    def flush(self) -> None:
        records, self.pending = self.pending, []
        if not records:
            return
        index = Index()
        urls = {r.linkedin_url for r in records if r.linkedin_url}
        emails = {r.email for r in records if r.email}
        names = {r.name_key for r in records}
        existing = Contact.objects.for_user(self.user).filter(
            Q(linkedin_url__in=urls) | Q(email__in=emails) | Q(name_key__in=names)
        )
        for contact in existing.order_by("pk"):
            index.add(contact)
        created: list[Contact] = []
        changed: dict[int, Contact] = {}
        tagged: list[tuple[Contact, list[str]]] = []
        unchanged: set[int] = set()
        for record in records:
            contact = index.match(record)
            if contact is None:
                contact = Contact(
                    user=self.user,
                    name=record.name,
                    name_key=record.name_key,
                    company_key=record.company_key,
                )
                apply(contact, record)
                created.append(contact)
                index.add(contact)
                self.report.created += 1
            elif apply(contact, record):
                if contact.pk is not None:
                    changed[contact.pk] = contact
                self.report.updated += 1
            else:
                self.report.unchanged += 1
                unchanged.add(contact.pk)
            if record.tags:
                tagged.append((contact, record.tags))
        Contact.objects.bulk_create(created, batch_size=self.batch_size)
        if changed:
            Contact.objects.bulk_update(
                list(changed.values()), UPDATE_FIELDS, batch_size=self.batch_size
            )
        if tagged:
            gained = self.add_tags(tagged, new={id(c) for c in created})
            # A contact whose only change is a new tag was counted as unchanged.
            moved = len(gained & unchanged)
            self.report.updated += moved
            self.report.unchanged -= moved

    def add_tags(self, tagged: list[tuple[Contact, list[str]]], new: set[int]) -> set[int]:
        """Tags are added, never removed; an existing contact gaining one counts as updated."""
        tags = {t.name.casefold(): t for t in Tag.objects.named(self.user, _names(tagged))}
        through = Contact.tags.through
        have = set(
            through.objects.filter(contact_id__in=[c.pk for c, _ in tagged]).values_list(
                "contact_id", "tag_id"
            )
        )
        rows, gained = [], set()
        for contact, names in tagged:
            for name in names:
                tag = tags.get(name.casefold())
                if tag and (contact.pk, tag.pk) not in have:
                    have.add((contact.pk, tag.pk))
                    rows.append(through(contact_id=contact.pk, tag_id=tag.pk))
                    if id(contact) not in new:
                        gained.add(contact.pk)
        through.objects.bulk_create(rows, ignore_conflicts=True)
        return gained


def _names(tagged) -> list[str]:
    return list(dict.fromkeys(name for _, names in tagged for name in names))


def apply(contact: Contact, record: Record) -> bool:
    """Copy what the record adds to the contact; True if anything changed."""
    changed = False
    for name in OVERWRITE:
        value = getattr(record, name)
        if value and value != getattr(contact, name):
            setattr(contact, name, value)
            changed = True
            if name == "company_name":
                contact.company_key = record.company_key
    for name in FILL:
        value = getattr(record, name)
        if value and not getattr(contact, name):
            setattr(contact, name, value)
            changed = True
    return changed


class Index:
    """The contacts of one batch by LinkedIn URL, email, and name at company."""

    def __init__(self) -> None:
        self.by_url: dict[str, Contact] = {}
        self.by_email: dict[str, Contact] = {}
        self.by_name: dict[tuple[str, str], Contact] = {}

    def add(self, contact: Contact) -> None:
        if contact.linkedin_url:
            self.by_url.setdefault(contact.linkedin_url, contact)
        if contact.email:
            self.by_email.setdefault(contact.email, contact)
        self.by_name.setdefault((contact.name_key, contact.company_key), contact)

    def match(self, record: Record) -> Contact | None:
        if record.linkedin_url and record.linkedin_url in self.by_url:
            return self.by_url[record.linkedin_url]
        candidates = []
        if record.email:
            candidates.append(self.by_email.get(record.email))
        candidates.append(self.by_name.get((record.name_key, record.company_key)))
        for contact in candidates:
            if contact is None:
                continue
            # The same name is not the same person when their profile or address differs.
            if record.linkedin_url and contact.linkedin_url:
                continue
            if record.email and contact.email and record.email != contact.email:
                continue
            return contact
        return None


def run_import(user, records: Iterable[Record], report: ImportReport) -> ImportReport:
    """Clean and upsert ``records``, BATCH_SIZE at a time, each batch in a short transaction
    of its own: a big file never holds the database's write lock for long (on SQLite, every
    other user's write waits for it), and the next batch is read and cleaned between them,
    with the lock free. Per row, as the report says: a file that cannot be read at all
    writes nothing, and an import cut short is finished by importing the file again, which
    changes nothing already imported."""
    upserter = Upserter(user, report)
    for record in records:
        if report.error:
            break
        cleaned = clean_record(record, report)
        if cleaned is not None:
            upserter.add(cleaned)
    if not report.error:
        upserter.flush()
    return report
