"""Saving a job from anywhere: the import page (an address, a pasted page or a saved one) and
the bookmarklet's landing page. Reading a posting saves nothing: what was read waits in the
session and fills the new-application form (a GET), and only its POST (with CSRF) saves."""

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET
from django_htmx.http import HttpResponseClientRedirect

from onward.core.naming import company_key

from .forms import PostingImportForm
from .models import Company, Stage, StageKind
from .postings import FetchError, PageReading, read_file, read_page, read_text, read_url
from .postings.saving import application_fields, duplicates

# Where the postings read wait for the new-application form (the user's session).
SESSION_KEY = "posting_import"
# A page listing more postings than this is a search page; the form offers the first ones.
KEPT_POSTINGS = 20


@login_required
def posting_import(request):
    can_fetch = settings.ONWARD_FETCH_POSTINGS
    posted = request.method == "POST"
    form = PostingImportForm(
        request.POST if posted else None, request.FILES if posted else None, can_fetch=can_fetch
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["url"]:
                reading = read_url(data["url"])
            elif data["file"]:
                reading = read_file(data["file"].read())
            elif data["page_url"]:
                reading = read_page(data["pasted"], url=data["page_url"])
            else:
                reading = read_text(data["pasted"])
        except FetchError as exc:
            form.add_error("url", str(exc))
        else:
            if reading.postings or reading.prefill:
                remember(request, reading)
                url = reverse("pipeline:application_create") + "?posting=0"
                return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
            form.add_error(None, reading.message)
    return TemplateResponse(
        request,
        "pipeline/posting_import.html",
        {
            "form": form,
            "can_fetch": can_fetch,
            "bookmarklet": bookmarklet_href(
                request.build_absolute_uri(reverse("pipeline:posting_bookmarklet"))
            ),
        },
    )


def bookmarklet_href(landing_url: str) -> str:
    """The bookmarklet as a javascript: link, from its readable source in static/."""
    source = (Path(__file__).parent / "static/pipeline/bookmarklet.js").read_text()
    lines = [line.strip() for line in source.splitlines()]
    code = " ".join(line for line in lines if line and not line.startswith("//"))
    code = code.replace('"ONWARD_URL"', json.dumps(landing_url))
    # Left as they are, so the link stays readable; everything else is percent-encoded.
    return "javascript:" + quote(code, safe="(){}[];,:=!+*'/.?&|$")


@login_required
@require_GET
def posting_bookmarklet(request):
    """Where the bookmarklet lands: its script posts the page's data (carried in the URL's
    fragment, which never reaches a server log) to the import page, with this page's CSRF
    token."""
    return TemplateResponse(request, "pipeline/posting_bookmarklet.html", {})


def remember(request, reading: PageReading) -> None:
    request.session[SESSION_KEY] = {
        "postings": reading.postings[:KEPT_POSTINGS],
        "prefill": reading.prefill,
        "message": reading.message,
        "url": reading.url,
        "text": reading.text,
    }


def page_text(request) -> tuple[str, str]:
    """The visible text of the last page read without structured data (the user's own
    session), and its address: both empty when there is none."""
    stored = request.session.get(SESSION_KEY) or {}
    if stored.get("postings"):
        return "", ""
    return stored.get("text") or "", stored.get("url") or ""


def imported(request) -> dict[str, Any] | None:
    """The posting chosen by ``?posting=N`` from the last one read, ready for the form:
    ``initial`` (its fields), the other postings read, duplicates and the message."""
    stored = request.session.get(SESSION_KEY)
    index = request.GET.get("posting", "")
    if not stored or not index.isdigit():
        return None
    postings = stored["postings"] or ([stored["prefill"]] if stored["prefill"] else [])
    if int(index) >= len(postings):
        return None
    fields = application_fields(postings[int(index)], stored["url"] or "")
    initial = {k: v for k, v in fields.items() if v not in (None, "")}
    name = initial.pop("company", "")
    company = None
    if company_key(name):
        company = Company.objects.for_user(request.user).filter(name_key=company_key(name)).first()
    if company:
        initial["company"] = company
    elif name:
        initial["new_company"] = name
    # A job just found is not applied to yet: it starts on the wishlist (the user may change it).
    if wishlist := Stage.objects.for_user(request.user).filter(kind=StageKind.OPEN).first():
        initial["stage"] = wishlist
    return {
        "initial": initial,
        "company": company,
        "index": int(index),
        "others": [
            {"index": i, "title": p.get("title") or "(untitled)", "company": p.get("company")}
            for i, p in enumerate(postings)
            if i != int(index)
        ],
        "message": stored["message"],
        "from_meta": not stored["postings"],
        "has_text": bool(stored.get("text")) and not stored["postings"],
        "duplicates": list(duplicates(request.user, fields)),
    }
