"""LinkedIn's Connections.csv, from "Get a copy of your data".

Two layouts are in the wild. Since about 2020 the file starts with a few lines of preamble (a
``Notes:`` line, a quoted notice, a blank line), then the header
``First Name,Last Name,URL,Email Address,Company,Position,Connected On`` with dates such as
``04 Jul 2023``. Older exports start with the header, have no URL column, and date rows like
``1/8/18, 6:14 PM``. Emails are mostly empty; some files contain rows of only commas.
"""

import csv
from collections.abc import Callable, Iterator
from datetime import date, datetime

from django.utils import timezone

from .importing import ImportReport, Record, read_lines, run_import

# How far into the file the header may be (the preamble is three lines today).
HEADER_SEARCH_ROWS = 20
LAYOUT_CURRENT = "LinkedIn export with profile URLs (2020 and later)"
LAYOUT_OLDER = "older LinkedIn export (no profile URLs)"

COLUMNS = {
    "first": ("first name", "firstname"),
    "last": ("last name", "lastname"),
    "url": ("url", "profile url", "linkedin url"),
    "email": ("email address", "email", "e-mail address"),
    "company": ("company",),
    "position": ("position", "title", "job title"),
    "connected": ("connected on", "connected"),
}
DATE_FORMATS = ("%d %b %Y", "%d %B %Y", "%m/%d/%y", "%m/%d/%Y", "%Y-%m-%d", "%b %d, %Y")
# LinkedIn opened in 2003: an earlier "connected on" is a misread date.
EARLIEST_CONNECTION = date(2003, 1, 1)


def parse_connected_on(text: str) -> date | None:
    """``04 Jul 2023`` or ``1/8/18, 6:14 PM`` (the time is dropped); None if unreadable."""
    text = " ".join(text.split())
    if not text:
        return None
    day_part = text.split(",")[0] if "/" in text else text
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(day_part, fmt).date()
        except ValueError:
            continue
    return None


def header_map(cells: list[str]) -> dict[str, int] | None:
    """Column positions if ``cells`` is the Connections header, else None."""
    names = [" ".join(c.replace("\ufeff", "").split()).casefold() for c in cells]
    found = {}
    for key, spellings in COLUMNS.items():
        for i, name in enumerate(names):
            if name in spellings:
                found[key] = i
                break
    if "first" in found and "last" in found:
        return found
    return None


def read_connections(binary, report: ImportReport, progress=None) -> Iterator[Record]:
    """The Records of a Connections.csv (bytes), streamed; problems go into ``report``."""
    reader = csv.reader(read_lines(binary, progress))
    columns = None
    rows_seen = 0
    today = timezone.localdate()
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            if columns is None:
                rows_seen += 1  # still looking for the header
            else:
                report.skip(start, f"not readable as CSV ({exc})")
            continue
        if not any(cell.strip() for cell in cells):
            continue  # blank lines and rows of only commas
        if columns is None:
            rows_seen += 1
            columns = header_map(cells)
            if columns is not None:
                report.layout = LAYOUT_CURRENT if "url" in columns else LAYOUT_OLDER
            elif rows_seen >= HEADER_SEARCH_ROWS:
                break
            continue

        def cell(key: str, cells=cells, columns=columns) -> str:
            i = columns.get(key)
            return cells[i] if i is not None and i < len(cells) else ""

        record = Record(
            row=start,
            name=f"{cell('first').strip()} {cell('last').strip()}",
            email=cell("email"),
            linkedin_url=cell("url"),
            company_name=cell("company"),
            title=cell("position"),
        )
        connected = cell("connected").strip()
        if connected:
            record.connected_on = parse_connected_on(connected)
            if record.connected_on is None:
                report.note(start, f"the date “{connected[:40]}” was not understood; left out")
            elif not EARLIEST_CONNECTION <= record.connected_on <= today:
                report.note(start, f"the date {record.connected_on} is not plausible; left out")
                record.connected_on = None
        yield record
    if columns is None and not report.error:
        report.error = (
            "This does not look like LinkedIn's Connections.csv: no header row with "
            "“First Name” and “Last Name” was found."
            if rows_seen
            else "The file is empty."
        )


def import_connections(user, binary, progress: Callable[[int], None] | None = None) -> ImportReport:
    """Import a Connections.csv (an open binary file) for ``user``; see importing.py."""
    report = ImportReport(what="row")
    return run_import(user, read_connections(binary, report, progress), report)
