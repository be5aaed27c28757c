"""Correcting the history: re-date a move, or remove one recorded by mistake."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from .corrections import redate_move, remove_move
from .forms import RedateForm
from .models import StageChange, StageChangeCorrection


def own_change(request, change_id) -> StageChange:
    return get_object_or_404(
        StageChange.objects.for_user(request.user).select_related(
            "application__company", "from_stage", "to_stage"
        ),
        pk=change_id,
    )


def _timeline(change: StageChange) -> str:
    return reverse("pipeline:application_detail", args=[change.application_id]) + "#timeline"


@login_required
def move_edit(request, change_id):
    """When did this move really happen? (Also the prompt right after a drag.)"""
    change = own_change(request, change_id)
    form = RedateForm(request.POST or None, initial={"when": change.changed_at})
    if request.method == "POST" and form.is_valid():
        try:
            redate_move(change, form.cleaned_data["when"], by=request.user)
        except ValidationError as exc:
            for message in exc.message_dict.get("when", exc.messages):
                form.add_error("when", message)
        else:
            messages.success(request, "Date corrected; the history keeps a note of the change.")
            return redirect(_timeline(change))
    corrections = StageChangeCorrection.objects.filter(
        application_id=change.application_id
    ).select_related("corrected_by")
    return TemplateResponse(
        request,
        "pipeline/move_edit.html",
        {"change": change, "application": change.application, "form": form,
         "corrections": corrections},
        status=400 if form.errors else 200,
    )  # fmt: skip


@login_required
@require_POST
def move_remove(request, change_id):
    change = own_change(request, change_id)
    try:
        remove_move(change, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("pipeline:move_edit", change_id=change.pk)
    messages.success(request, "Move removed; the history keeps a note of it.")
    return redirect(_timeline(change))
