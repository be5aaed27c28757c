import io
from datetime import date

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onward.network import importing
from onward.network.importing import ImportReport
from onward.network.linkedin import import_connections, parse_connected_on, read_connections
from onward.network.models import Contact
from onward.network.vcards import import_vcards
from onward.testing import make_contact

PREAMBLE = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    "are missing. You will only see email addresses for connections who have allowed their "
    'connections to see or download their email address."\r\n'
    "\r\n"
)
CURRENT_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
OLDER_HEADER = "First Name,Last Name,Email Address,Company,Position,Connected On\r\n"

CURRENT = (
    PREAMBLE
    + CURRENT_HEADER
    + "Ada,Quillfeather,https://www.linkedin.com/in/ada-quillfeather-0001,,"
    '"Engines, Analytical & Co",Engineer,04 Jul 2023\r\n'
    ",,,,,,\r\n"
    "Zoë,Ångström-Øre,https://www.linkedin.com/in/zoe-example,zoe@example.org,"
    "Acme GmbH,CTO,01 Jan 2020\r\n"
    "Björn,Þórsson,https://www.linkedin.com/in/bjorn-example,,,,15 Mar 2021\r\n"
)
OLDER = (
    OLDER_HEADER + 'Grace,Example,grace@example.org,"Navy, Research",Admiral,"1/8/18, 6:14 PM"\r\n'
    'Linus,Sample,,Kernel Ltd,Maintainer,"12/31/17, 11:59 AM"\r\n'
)


def run(user, text: str | bytes):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return import_connections(user, io.BytesIO(data))


@time_machine.travel("2024-05-01 12:00Z")
def test_it_imports_the_current_layout_with_its_preamble(alice):
    report = run(alice, CURRENT)
    assert report.error == ""
    assert "2020" in report.layout
    assert (report.created, report.updated, report.skipped_count) == (3, 0, 0)
    ada = Contact.objects.get(user=alice, name="Ada Quillfeather")
    assert ada.company_name == "Engines, Analytical & Co"
    assert ada.title == "Engineer"
    assert ada.linkedin_url == "https://www.linkedin.com/in/ada-quillfeather-0001"
    assert ada.connected_on == date(2023, 7, 4)
    assert ada.email == ""
    zoe = Contact.objects.get(user=alice, linkedin_url__endswith="zoe-example")
    assert zoe.name == "Zoë Ångström-Øre"
    assert zoe.email == "zoe@example.org"
    assert zoe.company_key == "acme"
    assert Contact.objects.get(user=alice, name="Björn Þórsson").company_name == ""


@time_machine.travel("2024-05-01 12:00Z")
def test_it_imports_the_older_layout_without_urls(alice):
    report = run(alice, OLDER)
    assert "older" in report.layout
    assert report.created == 2
    grace = Contact.objects.get(user=alice, name="Grace Example")
    assert grace.company_name == "Navy, Research"
    assert grace.connected_on == date(2018, 1, 8)
    assert grace.linkedin_url == ""
    assert Contact.objects.get(user=alice, name="Linus Sample").connected_on == date(2017, 12, 31)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("04 Jul 2023", date(2023, 7, 4)),
        ("4 July 2023", date(2023, 7, 4)),
        ("1/8/18, 6:14 PM", date(2018, 1, 8)),
        ("12/31/2019", date(2019, 12, 31)),
        ("2021-02-03", date(2021, 2, 3)),
        ("yesterday", None),
        ("", None),
    ],
)
def test_it_reads_both_date_styles(text, expected):
    assert parse_connected_on(text) == expected


@time_machine.travel("2024-05-01 12:00Z")
def test_reimporting_the_same_file_changes_nothing(alice):
    run(alice, CURRENT)
    before = list(Contact.objects.filter(user=alice).order_by("pk").values())
    report = run(alice, CURRENT)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
    assert list(Contact.objects.filter(user=alice).order_by("pk").values()) == before


@time_machine.travel("2024-05-01 12:00Z")
def test_it_matches_by_url_then_email_then_name_and_company(alice):
    by_url = make_contact(
        alice, "A. Q.", linkedin_url="https://linkedin.com/in/Ada-Quillfeather-0001/"
    )
    by_email = make_contact(alice, "Zoe A.", email="ZOE@example.org")
    by_name = make_contact(alice, "Björn Þórsson", title="Old title")
    report = run(alice, CURRENT)
    assert (report.created, report.updated) == (0, 3)
    by_url.refresh_from_db()
    by_email.refresh_from_db()
    by_name.refresh_from_db()
    assert by_url.name == "A. Q."  # the user's own spelling is kept
    assert by_url.company_name == "Engines, Analytical & Co"
    assert by_email.linkedin_url == "https://www.linkedin.com/in/zoe-example"
    assert by_name.linkedin_url == "https://www.linkedin.com/in/bjorn-example"
    assert by_name.title == "Old title"  # the file has no position for him
    assert Contact.objects.filter(user=alice).count() == 3


def test_the_same_name_with_another_profile_is_another_person(alice):
    make_contact(alice, "Björn Þórsson", linkedin_url="https://www.linkedin.com/in/another-bjorn")
    run(alice, CURRENT)
    assert Contact.objects.filter(user=alice, name="Björn Þórsson").count() == 2


def test_a_newer_company_replaces_the_old_one(alice):
    run(alice, OLDER)
    moved = OLDER.replace('"Navy, Research"', "Penguin Works")
    report = run(alice, moved)
    assert (report.updated, report.unchanged) == (1, 1)
    assert Contact.objects.get(user=alice, name="Grace Example").company_key == "penguin works"


def test_without_url_or_email_a_new_company_is_a_new_person(alice):
    """Name and company are the only key left: the same name elsewhere may be someone else."""
    run(alice, OLDER)
    report = run(alice, OLDER.replace("Kernel Ltd", "Penguin Works"))
    assert report.created == 1
    assert Contact.objects.filter(user=alice, name="Linus Sample").count() == 2


def test_it_reports_bad_rows_by_number_and_imports_the_rest(alice):
    text = (
        CURRENT_HEADER
        + "Ada,Example,https://www.linkedin.com/in/ada-x,not-an-email,Acme,,04 Jul 2023\r\n"
        + ",,https://www.linkedin.com/in/nobody,,Acme,,\r\n"
        + "Bea,Example,https://evil.example/in/bea,,Acme,,someday\r\n"
        + ("X" * 300)
        + ",Long,,,,,\r\n"
        + "Cy,Example,,,,,\r\n"
    )
    report = run(alice, text)
    assert report.created == 3
    assert report.skipped == [(3, "no name"), (5, "the name is longer than 200 characters")]
    notes = dict(report.notes)
    assert "not an email address" in notes[2]
    assert "not a LinkedIn URL" in notes[4]
    assert Contact.objects.get(user=alice, name="Ada Example").email == ""
    assert Contact.objects.get(user=alice, name="Bea Example").linkedin_url == ""
    assert any("someday" in text for _, text in report.notes)


def test_it_refuses_a_file_that_is_not_a_connections_export(alice):
    report = run(alice, "name,phone\r\nAda,123\r\n")
    assert "does not look like LinkedIn" in report.error
    assert run(alice, "").error == "The file is empty."
    assert not Contact.objects.filter(user=alice).exists()


def test_it_reads_windows_1252_and_a_byte_order_mark(alice):
    latin = (CURRENT_HEADER + "José,Núñez,,,Café SA,,\r\n").encode("cp1252")
    run(alice, latin)
    assert Contact.objects.get(user=alice).name == "José Núñez"
    bom = "\ufeff" + CURRENT_HEADER + "Ana,Example,,,,,\n"
    assert run(alice, bom).created == 1


def test_a_quoted_value_may_span_lines(alice):
    text = CURRENT_HEADER + 'Ada,Example,,,"Acme\nLabs",,\r\n'
    run(alice, text)
    assert Contact.objects.get(user=alice).company_name == "Acme Labs"


def test_no_batch_is_half_written_when_the_import_crashes(alice, monkeypatch):
    """Imports write in batches (so that they never lock others out for long): a crash keeps
    the batches written before it, never part of one, and importing again finishes the job."""
    rows = "".join(f"Person,Number{i},,,,,\r\n" for i in range(30))
    calls = []
    real = importing.Upserter.add_tags

    def flaky(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")  # after the second batch's contacts were written
        return real(self, *args, **kwargs)

    monkeypatch.setattr(importing, "BATCH_SIZE", 10)
    monkeypatch.setattr(importing.Upserter, "add_tags", flaky)
    tagged = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Card {i}\r\nCATEGORIES:x\r\nEND:VCARD\r\n"
        for i in range(30)
    )
    with pytest.raises(RuntimeError):
        import_vcards(alice, io.BytesIO(tagged.encode()))
    assert Contact.objects.filter(user=alice).count() == 10  # the first batch, whole
    monkeypatch.setattr(importing.Upserter, "add_tags", real)
    report = import_vcards(alice, io.BytesIO(tagged.encode()))
    assert (report.created, report.unchanged) == (20, 10)
    assert run(alice, CURRENT_HEADER + rows).created == 30


def test_it_batches_and_dedupes_across_batches(alice, monkeypatch):
    monkeypatch.setattr(importing, "BATCH_SIZE", 7)
    rows = "".join(f"Person,Number{i},https://www.linkedin.com/in/p{i},,,,\r\n" for i in range(20))
    report = run(alice, CURRENT_HEADER + rows + rows)
    assert (report.created, report.unchanged) == (20, 20)
    assert Contact.objects.filter(user=alice).count() == 20


def test_imports_belong_to_the_importing_user(alice, bob):
    run(bob, CURRENT)
    report = run(alice, CURRENT)
    assert report.created == 3
    assert Contact.objects.filter(user=bob).count() == 3


def assert_accounted_for(report, added: int, reader, data: bytes) -> None:
    """The import's report adds up: a file that could not be read writes nothing; otherwise
    each record read from the file is added, updated, unchanged or skipped with a reason,
    exactly once, and the contacts added are the ones it counts."""
    if report.error:
        assert (report.created, report.updated, report.unchanged, added) == (0, 0, 0, 0)
        return
    reading = ImportReport()
    records = list(reader(io.BytesIO(data), reading))
    assert report.total + report.skipped_count == len(records) + reading.skipped_count
    assert report.total + report.skipped_count <= len(data.splitlines()) + 1
    assert added == report.created
    assert len(report.skipped) == report.skipped_count  # every skip keeps its reason
    assert all(reason for _, reason in report.skipped)


CSV_CELLS = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"]), max_size=30
) | st.sampled_from(["", "Ada", "04 Jul 2023", "1/8/18, 6:14 PM", "https://www.linkedin.com/in/x"])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=600))
def test_arbitrary_bytes_never_crash_the_importer(alice, data):
    before = Contact.objects.filter(user=alice).count()
    report = run(alice, data)
    after = Contact.objects.filter(user=alice).count()
    assert_accounted_for(report, after - before, read_connections, data)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    header=st.sampled_from([CURRENT_HEADER, OLDER_HEADER, PREAMBLE + CURRENT_HEADER, ""]),
    rows=st.lists(st.lists(CSV_CELLS, max_size=9), max_size=8),
)
def test_arbitrary_csv_shapes_import_or_report(alice, header, rows):
    import csv

    out = io.StringIO()
    csv.writer(out).writerows(rows)
    before = Contact.objects.filter(user=alice).count()
    report = run(alice, header + out.getvalue())
    after = Contact.objects.filter(user=alice).count()
    assert_accounted_for(
        report, after - before, read_connections, (header + out.getvalue()).encode()
    )


# --- The command and the web upload ------------------------------------------------------


def test_the_command_imports_a_file_and_can_run_again(alice, tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_text(CURRENT, encoding="utf-8")
    out = io.StringIO()
    call_command("import-linkedin", str(path), user="alice", stdout=out)
    assert "3 added" in out.getvalue()
    out = io.StringIO()
    call_command("import-linkedin", str(path), user="alice", stdout=out)
    assert "0 added, 0 updated, 3 unchanged" in out.getvalue()


def test_the_command_explains_bad_arguments(alice, tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_text("nonsense\n", encoding="utf-8")
    with pytest.raises(CommandError, match="no user called"):
        call_command("import-linkedin", str(path), user="nobody")
    with pytest.raises(CommandError, match="not a file"):
        call_command("import-linkedin", str(tmp_path / "missing.csv"), user="alice")
    with pytest.raises(CommandError, match="does not look like LinkedIn"):
        call_command("import-linkedin", str(path), user="alice")


def test_the_upload_shows_a_summary(alice_client, alice):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("Connections.csv", CURRENT.encode(), content_type="text/csv")
    response = alice_client.post(reverse("network:import_linkedin"), {"file": upload})
    assert response.status_code == 302
    page = alice_client.get(response["Location"]).content.decode()
    assert "Imported your LinkedIn connections" in page
    assert "<strong>3</strong> added" in page
    assert Contact.objects.filter(user=alice).count() == 3


def test_the_upload_reports_skipped_rows_and_refuses_a_missing_file(alice_client, alice):
    from django.core.files.uploadedfile import SimpleUploadedFile

    text = CURRENT_HEADER + ",,,,,,x\r\nAda,Example,,,,,\r\n"
    upload = SimpleUploadedFile("Connections.csv", text.encode())
    alice_client.post(reverse("network:import_linkedin"), {"file": upload})
    page = alice_client.get(reverse("network:import_page")).content.decode()
    assert "Row 2: no name" in page
    response = alice_client.post(reverse("network:import_linkedin"), {})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
