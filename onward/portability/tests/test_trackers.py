"""Applications from Huntr's and JobSync's CSV exports and from spreadsheets."""

import csv
import io
from datetime import date, datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from onward.network.models import Contact
from onward.pipeline.models import Application, Stage
from onward.portability.trackers import (
    TableError,
    guess_layout,
    guess_stages,
    import_table,
    parse_date,
    parse_salary,
    read_table,
    status_words,
)


def csv_bytes(rows: list[list], delimiter: str = ",") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue().encode()


# Huntr's job-board export: one row a job, the board's list as its status, "-" when empty.
HUNTR = csv_bytes(
    [
        ["id", "createdAt", "title", "salary", "location", "url", "rootDomain", "htmlDescription",
         "deadline", "color", "lastMovedAt", "boardId", "boardName", "listId", "listName",
         "companyId", "companyName", "companyDomain", "creatorUserId", "creatorUserFirstName",
         "creatorUserLastName", "creatorUserEmail"],
        ["65f0a1", "2024-03-01 10:12:00", "Backend Engineer", "$120k-140k", "Berlin",
         "https://jobs.example.org/1", "example.org", "-", "-", "-", "2024-03-04 09:00:00", "b1",
         "Search 2024", "l2", "Applied", "c1", "Nordlicht GmbH", "nordlicht.example", "u1", "Sam",
         "Doe", "sam@example.org"],
        ["65f0a2", "2024-03-02 11:00:00", "Data Engineer", "-", "-", "-", "-", "-", "-", "-",
         "-", "b1", "Search 2024", "l3", "Interview", "c2", "Bright Labs", "-", "u1", "Sam",
         "Doe", "sam@example.org"],
        ["65f0a3", "2024-03-03 08:00:00", "Platform Engineer", "-", "Remote", "-", "-", "-", "-",
         "-", "-", "b1", "Search 2024", "l1", "Wishlist", "c3", "Quayside", "-", "u1", "Sam",
         "Doe", "sam@example.org"],
    ]
)  # fmt: skip

# JobSync's jobs export: "N/A" when empty, dates as YYYY-MM-DD.
JOBSYNC = csv_bytes(
    [
        ["index", "createdAt", "applied", "appliedDate", "Company", "JobTitle", "jobType",
         "Location", "JobSource", "Status"],
        ["1", "2024-02-10", "Yes", "2024-02-11", "Acme Robotics", "QA Lead", "Full Time",
         "Lisbon", "LinkedIn", "Applied"],
        ["2", "2024-02-12", "Yes", "2024-02-13", "Globex", "Test Engineer", "Contract", "N/A",
         "Indeed", "Rejected"],
        ["3", "2024-02-14", "No", "N/A", "Initrode", "SDET", "Unknown", "N/A", "N/A", "Draft"],
    ]
)  # fmt: skip

# Teal's job tracker export ("Download Data"), written for this test from the columns a public
# reader of Teal's exports relies on: ISO timestamps, the salary's ends and currency in columns
# of their own, the status both as JSON and by name.
TEAL = csv_bytes(
    [
        ["company_name", "location", "role", "url", "excitement", "source", "resume_uuid",
         "availability_status", "min_salary", "max_salary", "salary_currency",
         "salary_pay_period", "added_at", "application_deadline", "applied_at",
         "checked_availability_at", "created_at", "follow_up_at", "posted_at", "updated_at",
         "archived_at", "id", "status", "statusName"],
        ["Lumen Works", "Leeds, UK", "Support Engineer, Platform", "https://jobs.example.org/t1",
         "4", "ChromeExtension", "", "t", "38000", "45000", "GBP", "year",
         "2025-02-01T09:15:00Z", "", "2025-02-03T10:00:00Z", "", "2025-02-01T09:15:00Z",
         "2025-02-10T09:00:00Z", "", "2025-02-03T10:00:05Z", "", "a1",
         '{"name":"interviewing","archived_at":"","id":"s3"}', "interviewing"],
        ["Kestrel Bank", "Remote", "Data Analyst", "https://jobs.example.org/t2", "3",
         "WebClient", "", "", "", "70000", "", "", "2025-02-04T12:00:00Z", "", "", "",
         "2025-02-04T12:00:00Z", "", "", "2025-02-04T12:00:00Z", "", "a2",
         '{"name":"bookmarked","archived_at":"","id":"s1"}', "bookmarked"],
        ["Orchard Health", "", "QA Engineer", "", "", "", "", "", "", "", "", "",
         "2025-01-20T08:00:00Z", "", "2025-01-21T08:30:00Z", "", "2025-01-20T08:00:00Z", "", "",
         "2025-01-29T08:00:00Z", "", "a3", '{"name":"negotiating","archived_at":"","id":"s5"}',
         "negotiating"],
    ]
)  # fmt: skip

# A home-made spreadsheet, semicolon-separated as European spreadsheets save it.
SPREADSHEET = csv_bytes(
    [
        ["Company", "Job title", "Status", "Date applied", "Link", "Salary", "Notes", "Contact"],
        ["Hooli", "Designer", "Applied", "2024-01-15", "https://hooli.example/j/9",
         "50,000-60,000 EUR", "=HYPERLINK(\"x\")", "Gavin Belson"],
        ["Pied Piper", "Engineer", "Offer", "16.01.2024", "", "80000", "", ""],
        ["", "No company", "Applied", "2024-01-17", "", "", "", ""],
        ["Raviga", "Analyst", "Applied", "yesterday", "", "", "", ""],
        ["Aviato", "Founder", "Dreaming", "2024-01-18", "not a url", "", "", ""],
    ],
    delimiter=";",
)  # fmt: skip


def run(user, data: bytes, name: str, *, dry_run=False, stages=None):
    table = read_table(data, name)
    layout, mapping = guess_layout(table.headers)
    stage_map = guess_stages(user, status_words(table, mapping, layout))
    stage_map.update(stages or {})
    return layout, import_table(user, table, mapping, stage_map, layout, dry_run=dry_run)


def test_it_reads_a_huntr_export(alice):
    layout, report = run(alice, HUNTR, "huntr.csv")
    assert layout == "huntr"
    assert (report.created, report.skipped_count) == (3, 0)
    backend = Application.objects.get(user=alice, title="Backend Engineer")
    assert backend.company.name == "Nordlicht GmbH"
    assert backend.stage.name == "Applied"
    assert (backend.salary_min, backend.salary_max, backend.salary_currency) == (
        120000,
        140000,
        "USD",
    )
    assert backend.job_url == "https://jobs.example.org/1" and backend.location == "Berlin"
    data = Application.objects.get(user=alice, title="Data Engineer")
    assert data.stage.name == "Interviewing"  # Huntr's "Interview" list
    assert data.location == "" and data.job_url == ""  # "-" is empty
    assert Application.objects.get(user=alice, title="Platform Engineer").stage.name == "Wishlist"


def test_it_reads_a_jobsync_export(alice):
    layout, report = run(alice, JOBSYNC, "jobs.csv")
    assert layout == "jobsync"
    assert report.created == 3
    qa = Application.objects.get(user=alice, title="QA Lead")
    assert qa.applied_on == date(2024, 2, 11) and qa.location == "Lisbon"
    assert Application.objects.get(user=alice, title="Test Engineer").stage.name == "Rejected"
    sdet = Application.objects.get(user=alice, title="SDET")
    assert sdet.applied_on is None and sdet.stage.name == "Wishlist"  # "Draft"


def test_it_reads_a_teal_export(alice):
    layout, report = run(alice, TEAL, "job-tracker.csv")
    assert layout == "teal"
    assert (report.created, report.skipped_count) == (3, 0)
    lumen = Application.objects.get(user=alice, title="Support Engineer, Platform")
    assert lumen.company.name == "Lumen Works" and lumen.stage.name == "Interviewing"
    assert lumen.applied_on == date(2025, 2, 3) and lumen.location == "Leeds, UK"
    assert (lumen.salary_min, lumen.salary_max, lumen.salary_currency) == (38000, 45000, "GBP")
    assert lumen.job_url == "https://jobs.example.org/t1"
    kestrel = Application.objects.get(user=alice, title="Data Analyst")
    assert kestrel.stage.name == "Wishlist" and kestrel.applied_on is None  # "bookmarked"
    assert kestrel.salary_min is None and "Salary: 70000" in kestrel.notes  # no currency
    orchard = Application.objects.get(user=alice, title="QA Engineer")
    assert orchard.stage.name == "Offer"  # "negotiating"
    _, again = run(alice, TEAL, "job-tracker.csv")
    assert (again.created, again.unchanged) == (0, 3)


def test_plausible_teal_headers_are_matched_by_name_too():
    """A Teal export with other column names than the built-in layout still maps by name."""
    headers = ["Company Name", "Job Title", "Status Name", "Applied At", "Job URL", "Location",
               "Min Salary", "Max Salary", "Salary Currency", "Excitement"]  # fmt: skip
    layout, mapping = guess_layout(headers)
    assert layout == "spreadsheet"
    assert [mapping.get(i) for i in range(len(headers))] == [
        "company", "title", "status", "applied_on", "job_url", "location", "salary",
        "salary_max", "currency", None,
    ]  # fmt: skip


def test_it_reads_a_spreadsheet_and_reports_each_bad_row(alice):
    layout, report = run(alice, SPREADSHEET, "search.csv")
    assert layout == "spreadsheet"
    assert report.created == 2
    reasons = dict(report.skipped)
    assert reasons[4] == "no company."
    assert "'yesterday' is not a date" in reasons[5]
    assert "job posting url" in reasons[6]  # Aviato's "not a url"
    hooli = Application.objects.get(user=alice, title="Designer")
    assert hooli.applied_on == date(2024, 1, 15)
    assert hooli.notes == '=HYPERLINK("x")'  # stored as written; escaped only in CSV exports
    assert hooli.contact_links.get().contact.name == "Gavin Belson"
    piper = Application.objects.get(user=alice, title="Engineer")
    assert piper.applied_on == date(2024, 1, 16) and piper.stage.name == "Offer"
    assert piper.salary_min is None and "Salary: 80000" in piper.notes
    assert (3, "salary kept in the notes (no currency given)") in report.notes


def test_it_adds_nothing_the_second_time(alice):
    run(alice, SPREADSHEET, "search.csv")
    contacts = Contact.objects.for_user(alice).count()
    _, again = run(alice, SPREADSHEET, "search.csv")
    assert (again.created, again.unchanged) == (0, 2)
    assert Application.objects.for_user(alice).count() == 2
    assert Contact.objects.for_user(alice).count() == contacts


def test_it_saves_nothing_on_a_dry_run(alice):
    _, report = run(alice, HUNTR, "huntr.csv", dry_run=True)
    assert report.created == 3
    assert not Application.objects.for_user(alice).exists()


def test_the_user_can_put_a_status_in_another_stage(alice):
    withdrawn = Stage.objects.get(user=alice, name="Withdrawn")
    run(alice, HUNTR, "huntr.csv", stages={"Wishlist": withdrawn.pk})
    assert Application.objects.get(user=alice, title="Platform Engineer").stage == withdrawn


def test_it_reads_xlsx_with_real_dates(alice):
    book = Workbook()
    sheet = book.active
    sheet.append(["Company", "Position", "Stage", "Applied"])
    sheet.append(["Umbrella", "Chemist", "Screening", datetime(2024, 5, 2, 0, 0)])
    sheet.append([None, None, None, None])
    buffer = io.BytesIO()
    book.save(buffer)
    _, report = run(alice, buffer.getvalue(), "search.xlsx")
    assert report.created == 1
    chemist = Application.objects.get(user=alice)
    assert chemist.applied_on == date(2024, 5, 2) and chemist.stage.name == "Screening"


@pytest.mark.parametrize(
    "data, name, message",
    [
        (b"", "x.csv", "holds no rows"),
        (b"PK\x03\x04junk", "x.xlsx", "not a spreadsheet"),
        (b"\x00\x01\x02", "x.csv", "binary content"),
    ],
)
def test_it_says_why_a_file_cannot_be_read(data, name, message):
    with pytest.raises(TableError, match=message):
        read_table(data, name)


def test_it_needs_the_company_and_title_columns(alice):
    table = read_table(csv_bytes([["Organisation?", "Where"], ["A", "B"]]), "x.csv")
    with pytest.raises(TableError, match="column that holds the company"):
        import_table(alice, table, {1: "location"}, {})


def test_it_imports_from_the_command_line(alice, tmp_path, capsys):
    path = tmp_path / "huntr.csv"
    path.write_bytes(HUNTR)
    call_command(
        "import-spreadsheet", path, user="alice", status=["Wishlist=Withdrawn"], dry_run=True
    )
    out = capsys.readouterr().out
    assert "Read as: Huntr." in out and "Would add 3 applications" in out
    assert "status 'Wishlist' → stage 'Withdrawn'" in out
    call_command("import-spreadsheet", path, user="alice", map=["salary=skip"])
    assert Application.objects.get(user=alice, title="Backend Engineer").salary_min is None
    with pytest.raises(CommandError, match="no stage called 'Nope'"):
        call_command("import-spreadsheet", path, user="alice", status=["Applied=Nope"])
    with pytest.raises(CommandError, match="Nothing was imported"):
        (tmp_path / "empty.csv").write_bytes(b"")
        call_command("import-spreadsheet", tmp_path / "empty.csv", user="alice")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("50000", (50000, 50000, "")),
        ("50,000-70,000 EUR", (50000, 70000, "EUR")),
        ("$120k", (120000, 120000, "USD")),
        ("€45k–55k", (45000, 55000, "EUR")),
        ("", (None, None, "")),
        ("negotiable", (None, None, "")),
    ],
)
def test_it_reads_salaries(text, expected):
    assert parse_salary(text) == expected


@given(st.text(max_size=40))
def test_salary_reading_never_fails_and_keeps_the_range_in_order(text):
    low, high, currency = parse_salary(text)
    assert (low is None) == (high is None)
    if low is not None:
        assert 0 <= low <= high
    assert currency == "" or len(currency) == 3


@given(st.text(max_size=30))
def test_date_reading_returns_a_date_or_says_why(text):
    try:
        assert parse_date(text) is None or isinstance(parse_date(text), date)
    except ValueError as exc:
        assert "is not a date" in str(exc)


@given(
    st.lists(
        st.lists(st.text(max_size=12) | st.integers() | st.none(), min_size=1, max_size=6),
        max_size=6,
    )
)
def test_random_tables_never_crash_the_reader(rows):
    data = csv_bytes([[("" if c is None else c) for c in row] for row in rows])
    try:
        table = read_table(data, "x.csv")
    except TableError:
        return
    assert all(len(row) == len(table.headers) for row in table.rows)
    guess_layout(table.headers)
