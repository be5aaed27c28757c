"""The document library: upload checked versions, download only your own, attach the version
sent to an application, delete (files go too), export, and the label migration."""

import io
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from onward.documents.models import Document, DocumentLink
from onward.testing import PDF_BYTES, attach_document, make_application, make_document

LIBRARY = reverse("documents:library")


def zip_bytes(*entries: tuple[str, str]) -> bytes:
    """A zip of these (name, text) entries, the same bytes at every call: each pytest-xdist
    worker builds the parameters, and a timestamp that differed between them failed the run."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in entries:
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), text)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    return zip_bytes(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>"))


def odt_bytes() -> bytes:
    return zip_bytes(
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        ("content.xml", "<office:document-content/>"),
    )


def upload(client, filename: str, content: bytes, **fields):
    data = {"kind": "resume", "name": "Backend résumé", "version": "2026-03", **fields}
    return client.post(LIBRARY, {**data, "file": SimpleUploadedFile(filename, content)})


@pytest.mark.parametrize(
    "filename, content, content_type",
    [
        ("cv.pdf", PDF_BYTES, "application/pdf"),
        (
            "cv.DOCX",
            docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("cv.odt", odt_bytes(), "application/vnd.oasis.opendocument.text"),
        ("cv.txt", "Jane Doe — Backend engineer".encode(), "text/plain; charset=utf-8"),
    ],
)
def test_it_takes_each_allowed_kind_of_file(alice, alice_client, filename, content, content_type):
    response = upload(alice_client, filename, content)

    assert response.status_code == 302
    document = Document.objects.get(user=alice)
    assert (document.filename, document.content_type, document.size) == (
        filename,
        content_type,
        len(content),
    )
    # Stored in the data folder under a random name, in the owner's folder.
    stored = Path(document.file.path)
    assert stored.read_bytes() == content
    assert stored.parent.name == str(alice.pk) and filename not in stored.name


@pytest.mark.parametrize(
    "filename, content, message",
    [
        ("cv.exe", b"MZ...", "Upload a PDF, DOCX, ODT or TXT file."),
        ("cv.pdf", b"<html>not a pdf</html>", "That file is not really a PDF."),
        ("cv.docx", PDF_BYTES, "That file is not really a DOCX."),
        ("cv.docx", odt_bytes(), "That file is not really a DOCX."),
        ("cv.odt", docx_bytes(), "That file is not really a ODT."),
        ("cv.txt", "é".encode("latin-1") * 10, "A TXT file must be UTF-8 text."),
        ("cv.pdf", b"", "The submitted file is empty."),
    ],
)
def test_it_refuses_a_file_that_is_not_what_it_says(alice_client, filename, content, message):
    response = upload(alice_client, filename, content)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Document.objects.exists()


def test_it_caps_the_size(alice_client, settings):
    settings.ONWARD_DOCUMENT_MAX_MB = 1
    response = upload(alice_client, "big.pdf", PDF_BYTES + b" " * (1024 * 1024))

    assert "That file is larger than 1 MB." in response.content.decode()
    assert not Document.objects.exists()


def test_the_same_version_twice_is_refused(alice, alice_client):
    upload(alice_client, "cv.pdf", PDF_BYTES)
    response = upload(alice_client, "cv2.pdf", PDF_BYTES)

    assert "You already have this version" in response.content.decode()
    assert Document.objects.filter(user=alice).count() == 1


def test_only_the_owner_downloads_a_file(alice, alice_client, bob):
    document = make_document(alice, filename="Jane Doe CV.pdf")
    url = reverse("documents:download", args=[document.pk])

    response = alice_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF_BYTES

    alice_client.force_login(bob)
    assert alice_client.get(url).status_code == 404


def test_it_attaches_the_version_sent_and_the_page_shows_it(alice, alice_client):
    application = make_application(alice)
    document = make_document(alice, version="2026-03")

    response = alice_client.post(
        reverse("documents:attach", args=[application.pk]), {"document": document.pk}
    )

    assert response.status_code == 302
    assert list(DocumentLink.objects.filter(application=application)) == [
        DocumentLink.objects.get(document=document)
    ]
    page = alice_client.get(application.get_absolute_url()).content.decode()
    assert "Backend résumé (2026-03)" in page
    assert reverse("documents:download", args=[document.pk]) in page


def test_another_users_document_cannot_be_attached(alice, alice_client, bob):
    application = make_application(alice)
    theirs = make_document(bob)

    alice_client.post(reverse("documents:attach", args=[application.pk]), {"document": theirs.pk})

    assert not DocumentLink.objects.exists()


def test_deleting_a_document_removes_its_file(
    alice, alice_client, django_capture_on_commit_callbacks
):
    link = attach_document(make_application(alice))
    path = Path(link.document.file.path)

    with django_capture_on_commit_callbacks(execute=True):
        alice_client.post(reverse("documents:delete", args=[link.document.pk]))

    assert not Document.objects.exists() and not DocumentLink.objects.exists()
    assert not path.exists()


def test_the_files_go_with_their_owner(alice, django_capture_on_commit_callbacks):
    path = Path(make_document(alice).file.path)

    with django_capture_on_commit_callbacks(execute=True):
        get_user_model().objects.filter(pk=alice.pk).delete()

    assert not path.exists()


def test_the_export_holds_every_file(alice, alice_client):
    make_document(alice, version="2026-03")
    make_document(alice, "Cover letter", version="startups", kind="cover_letter")

    response = alice_client.get(reverse("documents:export"))

    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert sorted(archive.namelist()) == [
        "Cover letter/Cover letter (startups).pdf",
        "Résumé/Backend résumé (2026-03).pdf",
    ]
    assert archive.read("Résumé/Backend résumé (2026-03).pdf") == PDF_BYTES


def test_the_library_page_costs_a_fixed_number_of_queries(
    alice, alice_client, django_assert_max_num_queries
):
    for i in range(5):
        attach_document(make_application(alice), make_document(alice, version=f"v{i}"))
    with django_assert_max_num_queries(8):
        response = alice_client.get(LIBRARY)
    assert response.content.decode().count("resume.pdf") == 5


def test_old_resume_labels_become_documents_attached_to_their_applications(transactional_db):
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("documents", "0001_document_library"), ("pipeline", "0005_posting_fields")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    User, Stage = old.get_model("auth", "User"), old.get_model("pipeline", "Stage")
    Company, Application = (
        old.get_model("pipeline", "Company"),
        old.get_model("pipeline", "Application"),
    )
    sam, kim = User.objects.create(username="sam"), User.objects.create(username="kim")
    rows = {}
    for user, label in [
        (sam, "backend-2024"),
        (sam, " backend-2024 "),
        (sam, ""),
        (kim, "backend-2024"),
    ]:
        stage = Stage.objects.get_or_create(user=user, name="Applied")[0]
        company = Company.objects.get_or_create(user=user, name="Acme", name_key="acme")[0]
        rows[(user.username, len(rows))] = Application.objects.create(
            user=user, company=company, stage=stage, title="Engineer", resume_version=label
        )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    documents = Document.objects.order_by("user__username")
    assert [(d.user.username, d.name, d.kind, bool(d.file)) for d in documents] == [
        ("kim", "backend-2024", "resume", False),
        ("sam", "backend-2024", "resume", False),
    ]
    sams = documents.get(user__username="sam")
    assert sorted(sams.links.values_list("application__resume_version", flat=True)) == [
        " backend-2024 ",
        "backend-2024",
    ]
    assert DocumentLink.objects.count() == 3
