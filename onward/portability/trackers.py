"""Applications from another tracker's CSV export, or from a spreadsheet (CSV or XLSX).

The steps: read the table; guess which column holds what (a built-in layout when the headers
are a known tracker's, else by header names); map each status word to one of the user's
stages; preview; then save, each row through ``Application.start`` (the one way an application
is added). Rows that cannot be read are listed with their row number and reason. An application
already here (same company, title and date applied) is left alone, so importing the same file
twice adds nothing the second time.

Built-in layouts, with their column names from the trackers' own exports:
- Huntr: its job-board CSV export (``companyName``, ``title``, ``listName``, ``url``, ...; "-"
  for an empty cell);
- JobSync: its jobs CSV export (``Company``, ``JobTitle``, ``Status``, ``appliedDate``, ...;
  "N/A" for an empty cell);
- Teal: its job tracker's "Download Data" CSV (``company_name``, ``role``, ``statusName``,
  ``applied_at``, ``url``, ``location``, ``min_salary``, ``max_salary``, ``salary_currency``,
  ...; timestamps in ISO 8601). Teal publishes no description of the file: the columns are the
  ones a public tool that reads Teal's exports (github.com/SherriAlexander/teal-sync) expects
  and shows in its scrubbed sample export.
"""

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from onward.core.importing import ImportReport
from onward.core.naming import company_key
from onward.network.models import Contact, name_key
from onward.pipeline.models import Application, ApplicationContact, Company, Stage, StageKind

FIELDS = {
    "company": "Company",
    "title": "Role title",
    "status": "Status",
    "applied_on": "Date applied",
    "job_url": "Job posting URL",
    "salary": "Salary",
    "salary_max": "Salary, upper end",
    "currency": "Salary currency",
    "location": "Location",
    "notes": "Notes",
    "contact": "Contact person",
}
MAX_ROWS = 20_000
MAX_BYTES = 20 << 20
# The first rows a preview shows.
PREVIEW_ROWS = 5


class TableError(Exception):
    """The file as a whole cannot be read: nothing was imported."""


@dataclass(frozen=True)
class Layout:
    name: str
    columns: dict[str, str]  # header -> field
    empty: frozenset[str] = frozenset()


LAYOUTS = {
    "huntr": Layout(
        "Huntr",
        {
            "companyName": "company",
            "title": "title",
            "listName": "status",
            "url": "job_url",
            "salary": "salary",
            "location": "location",
        },
        frozenset({"-"}),
    ),
    "jobsync": Layout(
        "JobSync",
        {
            "Company": "company",
            "JobTitle": "title",
            "Status": "status",
            "appliedDate": "applied_on",
            "Location": "location",
        },
        frozenset({"N/A"}),
    ),
    "teal": Layout(
        "Teal",
        {
            "company_name": "company",
            "role": "title",
            "statusName": "status",
            "applied_at": "applied_on",
            "url": "job_url",
            "location": "location",
            "min_salary": "salary",
            "max_salary": "salary_max",
            "salary_currency": "currency",
        },
    ),
}

# A spreadsheet's own headers, compared in lower case without punctuation.
SYNONYMS = {
    "company": ["company", "company name", "employer", "organisation", "organization"],
    "title": ["title", "job title", "role", "position", "job", "role title", "job position"],
    "status": ["status", "stage", "state", "list", "list name", "outcome", "status name"],
    "applied_on": [
        "date applied",
        "applied on",
        "applied",
        "application date",
        "date",
        "applied at",
        "applied date",
    ],
    "job_url": [
        "url",
        "link",
        "job url",
        "job link",
        "posting",
        "posting url",
        "job posting",
        "job posting url",
    ],
    "salary": [
        "salary",
        "salary range",
        "pay",
        "compensation",
        "rate",
        "min salary",
        "salary min",
        "minimum salary",
    ],
    "salary_max": ["max salary", "salary max", "maximum salary"],
    "currency": ["currency", "salary currency"],
    "location": ["location", "city", "place", "where"],
    "notes": ["notes", "note", "comments", "comment", "description"],
    "contact": ["contact", "contact name", "contact person", "recruiter", "referral", "referrer"],
}

# Status words and the default stage each most likely means.
STATUS_WORDS = {
    "Wishlist": [
        "wishlist",
        "wish list",
        "saved",
        "bookmarked",
        "draft",
        "interested",
        "to apply",
        "applying",
    ],
    "Applied": ["applied", "application sent", "submitted", "sent"],
    "Screening": ["screening", "phone screen", "screen"],
    "Interviewing": ["interview", "interviewing", "interviews", "interviewed"],
    "Offer": ["offer", "offered", "offer received", "negotiating"],
    "Accepted": ["accepted", "hired", "signed"],
    "Rejected": ["rejected", "rejection", "declined", "not selected"],
    "Ghosted": ["ghosted", "no response", "no reply"],
    "Withdrawn": ["withdrawn", "withdrew", "archived", "not interested"],
}


def simple(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold().replace("_", " ")).split())


@dataclass
class Table:
    headers: list[str]
    rows: list[list[Any]]  # each as long as headers; row numbers count the header as row 1


def read_table(data: bytes, filename: str) -> Table:
    """A CSV (delimiter sniffed, UTF-8 or Latin-1) or XLSX file as headers and rows."""
    if len(data) > MAX_BYTES:
        raise TableError(f"The file is larger than {MAX_BYTES >> 20} MB.")
    if filename.lower().endswith((".xlsx", ".xlsm")) or data[:2] == b"PK":
        rows = read_xlsx(data)
    else:
        rows = read_csv(data)
    rows = [row for row in rows if any(cell not in (None, "") for cell in row)]
    if not rows:
        raise TableError("The file holds no rows.")
    headers = [str(cell or "").strip() for cell in rows[0]]
    if not any(headers):
        raise TableError("The first row should name the columns.")
    if len(rows) - 1 > MAX_ROWS:
        raise TableError(f"The file has more than {MAX_ROWS:,} rows.")
    width = len(headers)
    body = [list(row[:width]) + [""] * (width - len(row)) for row in rows[1:]]
    return Table(headers, body)


def read_csv(data: bytes) -> list[list[Any]]:
    if b"\x00" in data:
        raise TableError("This is not a CSV file (it has binary content).")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    try:
        return list(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as exc:
        raise TableError(f"The CSV cannot be read: {exc}.") from None


def read_xlsx(data: bytes) -> list[list[Any]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise TableError(f"This is not a spreadsheet Onward can read ({exc}).") from None
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append(list(row))
            if len(rows) > MAX_ROWS + 1:
                break
        return rows
    finally:
        workbook.close()


def guess_layout(headers: list[str]) -> tuple[str, dict[int, str]]:
    """('huntr' | 'jobsync' | 'spreadsheet', {column index: field})."""
    present = set(headers)
    for key, layout in LAYOUTS.items():
        if set(layout.columns) <= present:
            return key, {headers.index(h): f for h, f in layout.columns.items()}
    mapping: dict[int, str] = {}
    for index, header in enumerate(headers):
        name = simple(header)
        for field_name, words in SYNONYMS.items():
            if name in words and field_name not in mapping.values():
                mapping[index] = field_name
                break
    return "spreadsheet", mapping


def status_words(table: Table, mapping: dict[int, str], layout: str) -> list[str]:
    column = next((i for i, f in mapping.items() if f == "status"), None)
    if column is None:
        return []
    empty = LAYOUTS[layout].empty if layout in LAYOUTS else frozenset()
    seen: dict[str, str] = {}
    for row in table.rows:
        word = text_of(row[column], empty)
        seen.setdefault(word.casefold(), word)
    return sorted(seen.values(), key=str.casefold)


def guess_stages(user, words: list[str]) -> dict[str, int]:
    """{status word: stage id}: the user's stage of that name, else the stage the word most
    likely means, else the first active stage."""
    stages = list(Stage.objects.for_user(user).order_by("position", "pk"))
    by_name = {s.name.casefold(): s for s in stages}
    fallback = next((s for s in stages if s.kind == StageKind.ACTIVE), stages[0])
    guessed = {}
    for word in words:
        key = simple(word)
        stage = by_name.get(word.casefold())
        if stage is None:
            meaning = next((n for n, ws in STATUS_WORDS.items() if key in ws), None)
            stage = by_name.get(meaning.casefold()) if meaning else None
        guessed[word] = (stage or fallback).pk
    return guessed


def text_of(value: Any, empty: frozenset[str] = frozenset()) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split())
    return "" if text in empty else text


DATE_FORMATS = [
    "%Y-%m-%d",
    "%d %b %Y",
    "%d %B %Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%m/%d/%Y",
    "%d.%m.%Y",
]


def parse_date(value: Any) -> date | None:
    """A date as a spreadsheet or tracker writes it (ISO 8601, with or without a time; "5 Mar
    2024"; US "03/05/2024"; "05.03.2024"). Raises ValueError naming the accepted forms."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = text_of(value)
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    for form in DATE_FORMATS:
        try:
            return datetime.strptime(text, form).date()
        except ValueError:
            continue
    raise ValueError(f"{text!r} is not a date Onward reads (use YYYY-MM-DD).")


CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR"}
AMOUNT_RE = re.compile(r"(\d[\d,.\s]*)\s*([kK])?")


def parse_salary(value: Any) -> tuple[int | None, int | None, str]:
    """(min, max, currency) from "50000", "50,000-70,000 EUR", "$120k", "€45k–55k"; the
    currency is '' when the text names none."""
    text = text_of(value)
    if not text:
        return None, None, ""
    currency = next((code for sign, code in CURRENCY_SIGNS.items() if sign in text), "")
    if not currency and (match := re.search(r"\b([A-Za-z]{3})\b", text)):
        currency = match.group(1).upper()
    amounts = []
    for number, thousands in AMOUNT_RE.findall(text):
        digits = re.sub(r"[,\s]", "", number)
        digits = digits.split(".")[0] if digits.count(".") <= 1 else digits.replace(".", "")
        if not digits.isdigit() or len(digits) > 9:
            continue
        amounts.append(int(digits) * (1000 if thousands else 1))
    if not amounts:
        return None, None, currency
    return min(amounts[:2]), max(amounts[:2]), currency


@dataclass
class Planned:
    """One row, read: what Application.start will be given."""

    row: int
    company: str
    stage_id: int
    fields: dict[str, Any]
    contact: str = ""
    note: str = ""


def plan_row(
    number: int, values: dict[str, Any], stage_map: dict[str, int], empty: frozenset[str]
) -> Planned:
    """Read one row; raises ValueError with the reason it cannot be imported."""
    text = {name: text_of(value, empty) for name, value in values.items() if name != "applied_on"}
    company, title = text.get("company", ""), text.get("title", "")
    if not company:
        raise ValueError("no company.")
    if not title:
        raise ValueError("no role title.")
    raw_date = values.get("applied_on")
    applied_on = parse_date(raw_date) if text_of(raw_date, empty) else None
    status = text.get("status", "")
    stage_id = stage_map.get(status) or next(
        (v for k, v in stage_map.items() if k.casefold() == status.casefold()), None
    )
    if stage_id is None:
        raise ValueError(f"the status {status!r} is not matched to a stage.")
    fields: dict[str, Any] = {
        "title": title[:200],
        "job_url": text.get("job_url", ""),
        "location": text.get("location", "")[:200],
        "notes": text.get("notes", ""),
        "applied_on": applied_on,
    }
    note = ""
    # A salary in one column ("50k-60k EUR"), or its ends and currency in three (Teal's).
    salary = "-".join(filter(None, [text.get("salary", ""), text.get("salary_max", "")]))
    if salary and text.get("currency"):
        salary = f"{salary} {text['currency']}"
    low, high, currency = parse_salary(salary)
    if low is not None and currency:
        fields.update(salary_min=low, salary_max=high, salary_currency=currency)
    elif salary:
        # A salary without a currency cannot be stored as one: keep it in the notes.
        fields["notes"] = "\n".join(filter(None, [fields["notes"], f"Salary: {salary}"]))
        note = "salary kept in the notes (no currency given)"
    return Planned(number, company[:200], stage_id, fields, text.get("contact", "")[:200], note)


def rows_of(table: Table, mapping: dict[int, str]):
    for offset, row in enumerate(table.rows):
        yield offset + 2, {name: row[index] for index, name in mapping.items()}


def check_mapping(mapping: dict[int, str]) -> None:
    fields = list(mapping.values())
    for needed in ("company", "title"):
        if needed not in fields:
            raise TableError(f"Choose the column that holds the {FIELDS[needed].lower()}.")
    repeated = {f for f in fields if fields.count(f) > 1}
    if repeated:
        raise TableError(f"Two columns are mapped to {FIELDS[sorted(repeated)[0]].lower()}.")


def preview(table: Table, mapping: dict[int, str], stage_map: dict[str, int], layout: str):
    """The first rows as they would be imported: (row, Planned or None, problem)."""
    empty = LAYOUTS[layout].empty if layout in LAYOUTS else frozenset()
    shown: list[tuple[int, Planned | None, str]] = []
    for number, values in list(rows_of(table, mapping))[:PREVIEW_ROWS]:
        try:
            shown.append((number, plan_row(number, values, stage_map, empty), ""))
        except ValueError as exc:
            shown.append((number, None, str(exc)))
    return shown


# Rows saved in one transaction: a few dozen milliseconds of SQLite's write lock, so a big
# spreadsheet never keeps other people's changes waiting.
ROWS_PER_TRANSACTION = 200


def import_table(
    user,
    table: Table,
    mapping: dict[int, str],
    stage_map: dict[str, int],
    layout: str = "spreadsheet",
    *,
    dry_run: bool = False,
) -> ImportReport:
    """Add the table's applications, ROWS_PER_TRANSACTION rows at a time, each batch in its
    own short transaction; rows that cannot be read are skipped and reported; an application
    already here is left unchanged (so an import cut short is finished by importing the same
    file again). A dry run saves each batch and rolls it back."""
    check_mapping(mapping)
    own_stages = {s.pk: s for s in Stage.objects.for_user(user)}
    if not set(stage_map.values()) <= set(own_stages):
        raise TableError("A status is matched to a stage that is not yours.")
    empty = LAYOUTS[layout].empty if layout in LAYOUTS else frozenset()
    report = ImportReport()
    companies = {c.name_key: c for c in Company.objects.for_user(user)}
    existing = {
        (key, title.casefold(), applied)
        for key, title, applied in Application.objects.for_user(user).values_list(
            "company__name_key", "title", "applied_on"
        )
    }
    rows = iter(rows_of(table, mapping))
    while batch := list(islice(rows, ROWS_PER_TRANSACTION)):
        known = set(companies)
        with transaction.atomic():
            for number, values in batch:
                try:
                    planned = plan_row(number, values, stage_map, empty)
                except ValueError as exc:
                    report.skip(number, str(exc))
                    continue
                title = " ".join(planned.fields["title"].split()).casefold()
                key = (company_key(planned.company), title, planned.fields["applied_on"])
                if key in existing:
                    report.unchanged += 1
                    continue
                company = companies.get(key[0]) or Company(user=user, name=planned.company)
                try:
                    application = Application.start(
                        user, company=company, stage=own_stages[planned.stage_id], **planned.fields
                    )
                except ValidationError as exc:
                    report.skip(number, describe(exc))
                    continue
                companies[company.name_key] = company
                existing.add(key)
                if planned.contact:
                    link_contact(user, application, planned.contact)
                if planned.note:
                    report.note(number, planned.note)
                report.created += 1
            if dry_run:
                transaction.set_rollback(True)
        if dry_run:
            # Their rows were rolled back: the next batch makes them again.
            for name in set(companies) - known:
                del companies[name]
    return report


def link_contact(user, application: Application, name: str) -> None:
    """The person named on the row, linked as the recruiter: one of the user's contacts with
    that name, else a new contact at the application's company."""
    contact = Contact.objects.for_user(user).filter(name_key=name_key(name)).first()
    if contact is not None:
        if not ApplicationContact.objects.filter(application=application, contact=contact).exists():
            ApplicationContact.link(application, "recruiter", contact=contact)
    else:
        ApplicationContact.link(application, "recruiter", name=name)


def describe(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(
            f"{FIELDS.get(k, k).lower()}: {' '.join(v)}" for k, v in exc.message_dict.items()
        )
    return " ".join(exc.messages)
