"""The assistant's pages: what the MCP server and the local model do (under Settings), and the
two suggestions the local model makes on request: a lesson from a debrief's reflection, and a
polished draft. Each first shows exactly what would be sent; only "Send" sends it; the answer
is an editable suggestion that saves nothing."""

import sys

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from onward.debrief.forms import LessonForm
from onward.debrief.models import Debrief

from . import llm
from .forms import PolishForm
from .prompts import has_reflection, lesson_prompt, polish_prompt


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
    """The preview, and the model's answer once the user pressed "Send"."""
    context = {"preview": llm.preview(prompt), "answer": "", "error": ""}
    if request.POST.get("send") == "1":
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
