"""The document library: upload versions, download them (only their owner can), delete them,
and attach the version sent to an application (a panel on the application's page)."""

import tempfile
import zipfile
from pathlib import PurePath

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from onward.pipeline.models import Application

from .forms import AttachForm, DocumentForm
from .models import Document, DocumentLink


def own_document(request, document_id) -> Document:
    return get_object_or_404(Document.objects.for_user(request.user), pk=document_id)


@login_required
def library(request):
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = Document.add(
                request.user,
                kind=data["kind"],
                name=data["name"],
                version=data["version"],
                upload=data["file"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, f"Added “{document}”.")
            return redirect("documents:library")
    documents = (
        Document.objects.for_user(request.user)
        .annotate(sent_with=Count("links"))
        .order_by("kind", "name", "-created_at", "-pk")
    )
    return TemplateResponse(
        request,
        "documents/library.html",
        {"form": form, "documents": documents, "max_mb": settings.ONWARD_DOCUMENT_MAX_MB},
    )


@login_required
def download(request, document_id):
    document = own_document(request, document_id)
    if not document.file:
        raise Http404("This version has no file.")
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing from the data folder.") from None
    response = FileResponse(handle, as_attachment=True, filename=document.filename or "document")
    response["Content-Type"] = document.content_type or "application/octet-stream"
    return response


@login_required
def export(request):
    """Every file in the library, in one zip (names: kind/name (version).ext)."""
    documents = [d for d in Document.objects.for_user(request.user) if d.file]
    if not documents:
        messages.info(request, "Your library has no files yet.")
        return redirect("documents:library")
    # Kept in memory up to 16 MB, then on disk: a library of many versions stays cheap.
    archive = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115 (FileResponse closes it)
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        seen: set[str] = set()
        for document in documents:
            extension = PurePath(document.file.name).suffix
            base = f"{document.get_kind_display()}/{document}".replace("..", ".")
            name, n = f"{base}{extension}", 1
            while name in seen:
                n += 1
                name = f"{base} {n}{extension}"
            seen.add(name)
            try:
                with document.file.open("rb") as handle:
                    zipped.writestr(name, handle.read())
            except FileNotFoundError:
                continue
    archive.seek(0)
    return FileResponse(archive, as_attachment=True, filename="onward-documents.zip")


@login_required
def delete(request, document_id):
    document = own_document(request, document_id)
    if request.method == "POST":
        document.delete()
        messages.success(request, f"Deleted “{document}”.")
        return redirect("documents:library")
    return TemplateResponse(
        request,
        "documents/document_confirm_delete.html",
        {"document": document, "applications": document.links.select_related("application")},
    )


def application_panel(request, application: Application) -> dict:
    links = list(DocumentLink.objects.filter(application=application).select_related("document"))
    form = AttachForm(user=request.user, application=application)
    return {"application": application, "links": links, "form": form, "can_attach": form.offer()}


@login_required
@require_POST
def attach(request, application_id):
    application = get_object_or_404(Application.objects.for_user(request.user), pk=application_id)
    form = AttachForm(request.POST, user=request.user, application=application)
    if form.is_valid():
        DocumentLink.attach(application, form.cleaned_data["document"])
        messages.success(request, f"Attached “{form.cleaned_data['document']}”.")
    else:
        messages.error(request, "Choose one of your documents to attach.")
    return redirect(application)


@login_required
@require_POST
def detach(request, document_link_id):
    link = get_object_or_404(
        DocumentLink.objects.for_user(request.user).select_related("application"),
        pk=document_link_id,
    )
    link.delete()
    return redirect(link.application)
