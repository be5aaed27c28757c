"""The user's document library: résumés and cover letters (each a named version with its
file), and which version went with which application."""

import zipfile
from pathlib import PurePath
from uuid import uuid4

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from onward.core.owned import OwnedQuerySet
from onward.pipeline.models import Application


class DocumentKind(models.TextChoices):
    RESUME = "resume", "Résumé"
    COVER_LETTER = "cover_letter", "Cover letter"
    OTHER = "other", "Other"


# What may be uploaded: extension -> the content type it is served with.
FILE_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".txt": "text/plain; charset=utf-8",
}


def check_upload(upload) -> str:
    """The content type of an uploaded file, after checking that its content is what its
    name says (a PDF starts %PDF-, a DOCX or ODT is a zip holding a Word or OpenDocument text,
    a TXT is UTF-8 text); raises ValidationError otherwise."""
    extension = PurePath(upload.name or "").suffix.lower()
    if extension not in FILE_TYPES:
        raise ValidationError({"file": "Upload a PDF, DOCX, ODT or TXT file."})
    limit = settings.ONWARD_DOCUMENT_MAX_MB * 1024 * 1024
    if upload.size > limit:
        raise ValidationError(
            {"file": f"That file is larger than {settings.ONWARD_DOCUMENT_MAX_MB} MB."}
        )
    if upload.size == 0:
        raise ValidationError({"file": "That file is empty."})
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    wrong = ValidationError({"file": f"That file is not really a {extension[1:].upper()}."})
    if extension == ".pdf" and not head.startswith(b"%PDF-"):
        raise wrong
    if extension in (".docx", ".odt"):
        if not head.startswith(b"PK\x03\x04"):
            raise wrong
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
                if extension == ".docx" and "word/document.xml" not in names:
                    raise wrong
                if extension == ".odt" and (
                    "mimetype" not in names
                    or archive.read("mimetype").strip() != FILE_TYPES[".odt"].encode()
                ):
                    raise wrong
        except (zipfile.BadZipFile, KeyError, OSError):
            raise wrong from None
        finally:
            upload.seek(0)
    if extension == ".txt":
        try:
            text = upload.read().decode("utf-8")
        except UnicodeDecodeError:
            raise ValidationError({"file": "A TXT file must be UTF-8 text."}) from None
        finally:
            upload.seek(0)
        if "\x00" in text:
            raise wrong
    return FILE_TYPES[extension]


class Document(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    name = models.CharField(max_length=100, help_text="e.g. “Backend résumé”.")
    version = models.CharField(
        max_length=100, blank=True, help_text="Which version this is, e.g. “2026-03”."
    )
    # Stored under a random name (the user's file name is kept in ``filename``); empty for a
    # label carried over from the old free-text "résumé version".
    file = models.FileField(upload_to="documents/", blank=True)
    filename = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name", "-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "name", "version"], name="document_unique_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.version})" if self.version else self.name

    @classmethod
    @transaction.atomic
    def add(cls, user, *, kind: str, name: str, version: str = "", upload) -> "Document":
        """Add a version to the library (the web and the API add here); raises
        ValidationError naming the field."""
        document = cls(
            user=user,
            kind=kind,
            name=" ".join((name or "").split()),
            version=" ".join((version or "").split()),
        )
        document.content_type = check_upload(upload)
        document.filename = PurePath(upload.name).name[-255:]
        document.size = upload.size
        document.full_clean(exclude=["user", "file"])
        if cls.objects.filter(
            user=user, kind=document.kind, name=document.name, version=document.version
        ).exists():
            raise ValidationError({"version": "You already have this version: give it another."})
        extension = PurePath(upload.name).suffix.lower()
        document.file.save(f"{user.pk}/{uuid4().hex}{extension}", upload, save=False)
        document.save()
        return document


def remove_file(sender, instance: Document, **kwargs) -> None:
    """A deleted document takes its file with it (once the deletion is committed)."""
    if instance.file:
        storage, name = instance.file.storage, instance.file.name
        transaction.on_commit(lambda: storage.delete(name))


class DocumentLinkQuerySet(OwnedQuerySet):
    owner_field = "application__user"


class DocumentLink(models.Model):
    """A document version sent with an application."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="document_links"
    )
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="links")
    attached_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = DocumentLinkQuerySet.as_manager()

    class Meta:
        ordering = ["document__kind", "document__name"]
        constraints = [
            models.UniqueConstraint(fields=["application", "document"], name="document_link_unique")
        ]

    def __str__(self) -> str:
        return f"{self.document} with {self.application}"

    @classmethod
    def attach(cls, application: Application, document: Document) -> "DocumentLink":
        if document.user_id != application.user_id:
            raise ValidationError({"document": "No such document."})
        link, _ = cls.objects.get_or_create(application=application, document=document)
        return link
