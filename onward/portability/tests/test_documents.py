"""The user's documents travel in the export: records and files, restored under new names in
the importing user's folder, all or nothing; deleting the account and backups take the files."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from onward.documents.models import Document, DocumentLink
from onward.portability.backups import backup, restore
from onward.portability.deletion import delete_account
from onward.portability.importing import ArchiveError, import_account
from onward.testing import (
    PASSWORD,
    PDF_BYTES,
    attach_document,
    make_application,
    make_document,
)

from .helpers import build_zip, contents, export_bytes, records
from .test_backups import sqlite_only

LETTER = b"Dear hiring team,\nI would like to build your payments API.\n"


@pytest.fixture(autouse=True)
def uploads(settings, tmp_path):
    """A data folder of this test's own: another test's files are not in the way."""
    settings.MEDIA_ROOT = tmp_path / "uploads"


@pytest.fixture
def library(alice):
    """A résumé sent with two applications, a cover letter, and an old label with no file."""
    resume = make_document(alice, version="2026-03", filename="Jane Doe CV.pdf")
    letter = Document.add(
        alice,
        kind="cover_letter",
        name="Payments letter",
        version="",
        upload=SimpleUploadedFile("letter.txt", LETTER),
    )
    label = Document.objects.create(user=alice, kind="resume", name="backend-2024", version="")
    first, second = make_application(alice, "Applied"), make_application(alice, "Applied")
    attach_document(first, resume)
    attach_document(second, resume)
    attach_document(second, letter)
    attach_document(first, label)
    return [resume, letter, label]


def stored_files(user) -> list[Path]:
    folder = Path(settings.MEDIA_ROOT) / "documents" / str(user.pk)
    return sorted(folder.iterdir()) if folder.is_dir() else []


def files_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n.startswith("documents/")}


def edited(data: bytes, change) -> io.BytesIO:
    """The archive with its document records passed through ``change`` (which may also edit
    the other files, given as a dict)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = {n: archive.read(n) for n in archive.namelist()}
    name = "records/documents.document.jsonl"
    rows = [json.loads(line) for line in files[name].decode().splitlines()]
    change(rows, files)
    files[name] = "".join(json.dumps(r) + "\n" for r in rows).encode()
    return build_zip(files)


def test_the_export_holds_each_document_and_its_file(alice, library):
    data = export_bytes(alice)

    documents = records(data, "documents.document")
    assert [(d["name"], d["file"]) for d in documents] == [
        ("Backend résumé", "documents/1/Jane Doe CV.pdf"),
        ("Payments letter", "documents/2/letter.txt"),
        ("backend-2024", ""),
    ]
    # Where the file is kept on this server is not the archive's business.
    text = json.dumps(documents)
    assert library[0].file.name not in text and library[1].file.name not in text
    assert files_of(data) == {
        "documents/1/Jane Doe CV.pdf": PDF_BYTES,
        "documents/2/letter.txt": LETTER,
    }
    manifest = json.loads(zipfile.ZipFile(io.BytesIO(data)).read("manifest.json"))
    assert manifest["documents"] == ["documents/1/Jane Doe CV.pdf", "documents/2/letter.txt"]
    links = records(data, "documents.documentlink")
    assert sorted((link["application"], link["document"]) for link in links) == [
        (1, 1),
        (1, 3),
        (2, 1),
        (2, 2),
    ]


def test_documents_round_trip_into_a_new_account_under_new_names(alice, bob, library):
    before = export_bytes(alice)

    report = import_account(bob, io.BytesIO(before))

    assert report.created["documents.Document"] == 3
    assert report.created["documents.DocumentLink"] == 4
    assert contents(export_bytes(bob)) == contents(before)
    copies = {d.name: d for d in Document.objects.for_user(bob)}
    resume = copies["Backend résumé"]
    assert Path(resume.file.path).read_bytes() == PDF_BYTES
    assert (resume.filename, resume.content_type, resume.size) == (
        "Jane Doe CV.pdf",
        "application/pdf",
        len(PDF_BYTES),
    )
    # Stored again in bob's own folder under a new random name, not as alice's file.
    assert resume.file.name.startswith(f"documents/{bob.pk}/")
    assert resume.file.name != library[0].file.name and "Jane" not in resume.file.name
    assert Path(copies["Payments letter"].file.path).read_bytes() == LETTER
    assert not copies["backend-2024"].file
    assert len(stored_files(bob)) == 2
    assert not DocumentLink.objects.for_user(bob).filter(document__user=alice).exists()
    assert DocumentLink.objects.for_user(bob).count() == 4


def test_a_document_whose_file_is_gone_from_disk_is_exported_without_it(alice, library):
    Path(library[1].file.path).unlink()

    data = export_bytes(alice)

    assert records(data, "documents.document")[1]["file"] == ""
    assert list(files_of(data)) == ["documents/1/Jane Doe CV.pdf"]


def drop_file(rows, files):
    del files[rows[1]["file"]]


def oversize(rows, files):
    files[rows[0]["file"]] = PDF_BYTES + b"%" * (1024 * 1024)


def not_a_pdf(rows, files):
    files[rows[0]["file"]] = b"<script>alert(1)</script>"


def outside_documents(rows, files):
    rows[1]["file"] = "manifest.json"


def wrong_type(rows, files):
    rows[1]["file"] = 7


@pytest.mark.parametrize(
    "change, line, message",
    [
        (drop_file, 2, "documents/2/letter.txt is not in the archive"),
        (oversize, 1, "documents/1/Jane Doe CV.pdf is larger than 1 MB"),
        (not_a_pdf, 1, "That file is not really a PDF"),
        (outside_documents, 2, "should be a path under documents/"),
        (wrong_type, 2, "should be a path under documents/"),
    ],
)
def test_a_bad_document_file_changes_nothing_and_names_the_record(
    alice, bob, library, settings, change, line, message
):
    settings.ONWARD_DOCUMENT_MAX_MB = 1
    archive = edited(export_bytes(alice), change)

    with pytest.raises(ArchiveError) as error:
        import_account(bob, archive)

    text = str(error.value)
    assert f"records/documents.document.jsonl line {line}" in text
    assert f"(documents.Document {line})" in text and message in text
    assert not Document.objects.for_user(bob).exists()
    # The files stored before the bad one were taken away again.
    assert stored_files(bob) == []


def test_a_failure_after_the_documents_takes_their_files_away(alice, bob, library):
    def break_link(rows, files):
        name = "records/documents.documentlink.jsonl"
        links = [json.loads(line) for line in files[name].decode().splitlines()]
        links[-1]["document"] = 99
        files[name] = "".join(json.dumps(r) + "\n" for r in links).encode()

    with pytest.raises(ArchiveError, match="document points to documents.Document 99"):
        import_account(bob, edited(export_bytes(alice), break_link))

    assert not Document.objects.for_user(bob).exists()
    assert stored_files(bob) == []


def test_a_preview_stores_no_file(alice, bob, library):
    report = import_account(bob, io.BytesIO(export_bytes(alice)), dry_run=True)

    assert report.created["documents.Document"] == 3
    assert not Document.objects.for_user(bob).exists()
    assert stored_files(bob) == []


def test_deleting_the_account_deletes_the_files(
    alice, bob, library, django_capture_on_commit_callbacks
):
    import_account(bob, io.BytesIO(export_bytes(alice)))
    paths = [Path(d.file.path) for d in Document.objects.for_user(bob) if d.file]
    assert len(paths) == 2 and all(p.exists() for p in paths)

    with django_capture_on_commit_callbacks(execute=True):
        delete_account(bob, PASSWORD)

    assert not any(p.exists() for p in paths)
    # Alice's own files are untouched.
    assert all(Path(d.file.path).exists() for d in library if d.file)


def test_a_backup_copies_the_uploaded_files_on_either_database(alice, tmp_path, monkeypatch):
    from onward.portability import backups

    # Only the files are under test here: the database copy has tests of its own.
    monkeypatch.setattr(backups, "copy_sqlite", lambda source, target: target.write_bytes(b""))
    monkeypatch.setattr(backups, "dump_postgres", lambda db, target: target.write_bytes(b""))
    document = make_document(alice)

    made = backup(tmp_path / "nightly")

    assert "uploads" in made.files
    assert (made.folder / "uploads" / document.file.name).read_bytes() == PDF_BYTES


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_a_backup_holds_the_uploaded_files_and_restores_them(tmp_path):
    from onward.testing import make_user

    alice = make_user("alice")
    document = make_document(alice)

    made = backup(tmp_path / "nightly")

    assert "uploads" in made.files
    copy = made.folder / "uploads" / document.file.name
    assert copy.read_bytes() == PDF_BYTES
    data_dir = tmp_path / "data"
    restored = restore(made.folder, data_dir)
    assert "uploads" in restored
    assert (data_dir / "uploads" / document.file.name).read_bytes() == PDF_BYTES
