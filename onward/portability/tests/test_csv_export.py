"""The CSV files a spreadsheet opens: formulas in user text are shown, never run."""

import csv
import io
import zipfile

import pytest

from onward.network.models import Interaction
from onward.portability.exporting import spreadsheet_safe
from onward.testing import make_application, make_company, make_contact

from .helpers import export_bytes


@pytest.mark.parametrize(
    "text, shown",
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+1 555 0100", "'+1 555 0100"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTAB", "'\tTAB"),
        ("Acme = good", "Acme = good"),
        ("", ""),
        (None, ""),
        (42, 42),
    ],
)
def test_it_escapes_cells_that_start_a_formula(text, shown):
    assert spreadsheet_safe(text) == shown


def read_csv(data: bytes, name: str) -> list[dict]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        text = archive.read(name).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_it_writes_applications_contacts_and_interactions_as_safe_csv(alice):
    company = make_company(alice, "=cmd|' /C calc'!A0")
    application = make_application(
        alice, "Applied", company=company, title="@Engineer", notes='Héllo, "quoted"\nline'
    )
    contact = make_contact(alice, "+Robin", company_name="Acme", phone="+44 20 7946 0000")
    Interaction.objects.create(contact=contact, summary="-called", application=application)
    data = export_bytes(alice)

    [row] = read_csv(data, "csv/applications.csv")
    assert row["Company"] == "'=cmd|' /C calc'!A0"
    assert row["Title"] == "'@Engineer"
    assert row["Stage"] == "Applied"
    assert row["Notes"] == 'Héllo, "quoted"\nline'
    [person] = read_csv(data, "csv/contacts.csv")
    assert person["Name"] == "'+Robin" and person["Phone"] == "'+44 20 7946 0000"
    [touch] = read_csv(data, "csv/interactions.csv")
    assert touch["Summary"] == "'-called" and touch["Contact"] == "'+Robin"
    assert touch["Application"] == "'@Engineer"
