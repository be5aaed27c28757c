"""``onward classify-email``: .eml files in, one JSON object a line out, no database."""

import json
from email.message import EmailMessage
from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def eml(tmp_path, name: str, raw: bytes):
    path = tmp_path / name
    path.write_bytes(raw)
    return path


def html_only_latin1() -> bytes:
    message = EmailMessage()
    message["From"] = "Nordlicht Energie GmbH <noreply@nordlicht.jobs.personio.de>"
    message["Subject"] = "Ihre Bewerbung als Data Analyst (m/w/d)"
    message.set_content(
        "<html><body><p>Sehr geehrte Frau Martin,</p><p>leider müssen wir Ihnen mitteilen, "
        "dass wir Ihre Bewerbung nicht berücksichtigen können.</p></body></html>",
        subtype="html",
        charset="iso-8859-1",
        cte="quoted-printable",
    )
    return message.as_bytes()


def multipart_invitation() -> bytes:
    message = EmailMessage()
    message["From"] = "Kestrel Labs <no-reply@hire.lever.co>"
    message["Subject"] = "Interview invitation: Kestrel Labs - Data Engineer"
    message.set_content("We'd like to invite you to an interview. Please book a time here.")
    message.add_alternative("<p>We'd like to invite you to an interview.</p>", subtype="html")
    return message.as_bytes()


def run(*args) -> list[dict]:
    out = StringIO()
    call_command("classify-email", *map(str, args), "--json", stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_it_prints_one_json_object_a_line_without_touching_the_database(tmp_path):
    """No django_db mark: any query would fail this test."""
    rejection = eml(tmp_path, "no.eml", html_only_latin1())
    invitation = eml(tmp_path, "yes.eml", multipart_invitation())
    first, second = run(rejection, invitation)
    assert first == {
        "path": str(rejection),
        "kind": "rejection",
        "confidence": first["confidence"],
        "company": "Nordlicht Energie GmbH",
        "role": "Data Analyst",
    }
    assert 0.6 <= first["confidence"] <= 1
    assert (second["kind"], second["company"]) == ("interview", "Kestrel Labs")


def test_a_file_it_cannot_read_fails_the_command_after_the_others(tmp_path, capsys):
    good = eml(tmp_path, "good.eml", multipart_invitation())
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="1 of 2 file"):
        call_command(
            "classify-email", str(tmp_path / "missing.eml"), str(good), "--json",
            stdout=out, stderr=err,
        )  # fmt: skip
    assert "missing.eml: cannot be read" in err.getvalue()
    assert json.loads(out.getvalue())["kind"] == "interview"


def test_without_json_it_prints_a_table(tmp_path):
    out = StringIO()
    call_command("classify-email", str(eml(tmp_path, "a.eml", html_only_latin1())), stdout=out)
    assert "rejection" in out.getvalue() and "Nordlicht" in out.getvalue()
