"""The user's stages: list and add, edit, reorder, delete (only when nothing went through it)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count, Max, ProtectedError, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from .forms import StageForm
from .models import Stage, StageChange


@login_required
def stage_list(request):
    stages = Stage.objects.for_user(request.user).annotate(application_count=Count("applications"))
    form = StageForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        last = Stage.objects.for_user(request.user).aggregate(Max("position"))["position__max"]
        form.instance.position = 0 if last is None else last + 1
        stage = form.save()
        messages.success(request, f"Added the stage “{stage}”. Move it up to where it belongs.")
        return redirect("pipeline:stage_list")
    return TemplateResponse(request, "pipeline/stage_list.html", {"stages": stages, "form": form})


def own_stage(request, stage_id) -> Stage:
    return get_object_or_404(Stage.objects.for_user(request.user), pk=stage_id)


@login_required
def stage_edit(request, stage_id):
    stage = own_stage(request, stage_id)
    form = StageForm(request.POST or None, instance=stage, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Stage saved.")
        return redirect("pipeline:stage_list")
    return TemplateResponse(request, "pipeline/stage_form.html", {"form": form, "stage": stage})


@login_required
@require_POST
def stage_move(request, stage_id):
    """Swap a stage with its neighbour ("up" or "down"), renumbering the user's stages."""
    stage = own_stage(request, stage_id)
    with transaction.atomic():
        stages = list(Stage.objects.for_user(request.user).select_for_update())
        index = next(i for i, s in enumerate(stages) if s.pk == stage.pk)
        other = index - 1 if request.POST.get("direction") == "up" else index + 1
        if 0 <= other < len(stages):
            stages[index], stages[other] = stages[other], stages[index]
        for position, each in enumerate(stages):
            each.position = position
        Stage.objects.bulk_update(stages, ["position"])
    return redirect("pipeline:stage_list")


@login_required
@require_POST
def stage_delete(request, stage_id):
    stage = own_stage(request, stage_id)
    in_use = (
        stage.applications.exists()
        or StageChange.objects.filter(Q(to_stage=stage) | Q(from_stage=stage)).exists()
    )
    if in_use:
        messages.error(
            request,
            f"“{stage}” cannot be deleted: applications are in it or passed through it, and "
            "their history keeps it. Rename it instead.",
        )
        return redirect("pipeline:stage_list")
    try:
        stage.delete()
    except ProtectedError:
        messages.error(request, f"“{stage}” is still in use and cannot be deleted.")
    else:
        messages.success(request, f"Deleted the stage “{stage}”.")
    return redirect("pipeline:stage_list")
