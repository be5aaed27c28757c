"""The assistant's pages: what the MCP server and the local model do (under Settings), and the
four suggestions the local model makes on request: a lesson from a debrief's reflection, a
polished draft, the fields of a posting page with no structured data, and a second opinion on
an email the inbox classifier was unsure about. Each first shows exactly what would be sent;
only "Send" sends it; the answer is a suggestion that saves nothing."""

import sys

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from onward.debrief.forms import LessonForm
from onward.debrief.models import Debrief
from onward.inbox.models import InboxSignal, SignalKind
from onward.pipeline.models import SalaryPeriod, WorkMode
from onward.pipeline.posting_views import page_text

from . import llm
from .answers import POSTING_FIELDS, email_kind_answer, posting_answer
from .forms import PolishForm
from .prompts import (
    email_kind_prompt,
    has_reflection,
    lesson_prompt,
    polish_prompt,
    posting_prompt,
)


@login_required
def assistant_settings(request):
    return TemplateResponse(
        request,
        "assistant/settings.html",
        {
            "configured": llm.is_configured(),
            "llm_url": settings.ONWARD_LLM_URL,
            "llm_model": settings.ONWARD_LLM_MODEL,
            "endpoint": llm.endpoint() if settings.ONWARD_LLM_URL else "",
            "python": sys.executable,
            "data_dir": settings.DATA_DIR,
        },
    )


def ask(request, prompt: llm.Prompt) -> dict:
    """The preview, and the model's answer once the user pressed "Send" under that very
    preview: a request that differs from the one shown (the text changed meanwhile, or no
    preview was shown) is shown again instead of being sent."""
    context = {
        "preview": llm.preview(prompt),
        "fingerprint": llm.fingerprint(prompt),
        "answer": "",
        "error": "",
        "changed": False,
    }
    if request.POST.get("send") == "1":
        if request.POST.get("previewed") != context["fingerprint"]:
            context["changed"] = True
            return context
        try:
            context["answer"] = llm.complete(prompt)
        except llm.ModelError as exc:
            context["error"] = str(exc)
    return context


def partial_or_page(request, template: str) -> str:
    """The result alone for htmx (it lands in the page that asked), else the whole page."""
    return f"{template}#result" if request.htmx else template


def enabled() -> None:
    if not llm.is_configured():
        raise Http404("No language model is set up.")


@login_required
@require_POST
def lesson_suggestion(request, debrief_id: int):
    enabled()
    debrief = get_object_or_404(
        Debrief.objects.for_user(request.user).select_related("application__company"),
        pk=debrief_id,
    )
    context: dict = {"debrief": debrief, "has_reflection": has_reflection(debrief)}
    if context["has_reflection"]:
        context |= ask(request, lesson_prompt(debrief))
        if context["answer"]:
            # Into the debrief's own lesson form: the user edits it and saves it there.
            text = context["answer"].strip().strip('"')[:300]
            context["lesson_form"] = LessonForm(
                initial={"text": text, "stage": debrief.stage_reached}
            )
    return TemplateResponse(request, partial_or_page(request, "assistant/lesson.html"), context)


@login_required
@require_POST
def polish(request):
    enabled()
    form = PolishForm(request.POST)
    context: dict = {"form": form}
    if form.is_valid():
        data = form.cleaned_data
        prompt = polish_prompt(data["body"], data["tone"], data["length"], data["extra"])
        context |= ask(request, prompt)
    status = 200 if form.is_valid() else 400
    template = partial_or_page(request, "assistant/polish.html")
    return TemplateResponse(request, template, context, status=status)


# Where each suggested posting field goes in the new-application form (the company is typed
# as a new one: the form finds an existing company of that name itself).
FORM_FIELD_IDS = {name: f"id_{name}" for name in POSTING_FIELDS} | {"company": "id_new_company"}
CHOICE_LABELS = {
    "work_mode": dict(WorkMode.choices),
    "salary_period": {
        value: f"per {label.split(' ', 1)[1]}" for value, label in SalaryPeriod.choices
    },
}


@login_required
@require_POST
def posting_fields(request):
    """Fields for the new-application form from the text of the page just read (it had no
    structured data): kept in the user's own session by the import page, so there is nothing
    of anyone else's to ask about."""
    enabled()
    text, url = page_text(request)
    if not text:
        raise Http404("No page without structured data was read.")
    context = ask(request, posting_prompt(text, url))
    if context["answer"]:
        try:
            fields, left_out = posting_answer(context["answer"])
        except llm.ModelError as exc:
            context["error"] = str(exc)
        else:
            context["suggestion"] = [
                {
                    "label": POSTING_FIELDS[name],
                    "value": value,
                    "shown": CHOICE_LABELS.get(name, {}).get(value, value),
                    "target": FORM_FIELD_IDS[name],
                }
                for name, value in fields.items()
            ]
            context["left_out"] = left_out
    template = partial_or_page(request, "assistant/posting_fields.html")
    return TemplateResponse(request, template, context)


@login_required
@require_POST
def email_kind(request, signal_id: int):
    """A second opinion on what an email is; applying it is the inbox's own one-click step."""
    enabled()
    signal = get_object_or_404(InboxSignal.objects.for_user(request.user), pk=signal_id)
    context: dict = {"signal": signal}
    if signal.is_new:
        context |= ask(request, email_kind_prompt(signal))
    if context.get("answer"):
        try:
            kind, reason = email_kind_answer(context["answer"])
        except llm.ModelError as exc:
            context["error"] = str(exc)
        else:
            context |= {"kind": kind, "kind_label": SignalKind(kind).label, "reason": reason}
    template = partial_or_page(request, "assistant/email_kind.html")
    return TemplateResponse(request, template, context)
