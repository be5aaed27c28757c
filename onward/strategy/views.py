from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from .comparison import compare
from .forms import ExperimentForm, TitleGroupForm
from .models import Experiment, TitleGroup

# The list compares every experiment (one grouped query each); more than this is a long list.
LIST_LIMIT = 50


@login_required
def experiment_list(request):
    experiments = list(Experiment.objects.for_user(request.user)[:LIST_LIMIT])
    rows = [(e, compare(request.user, e.started_on, e.ended_on)) for e in experiments]
    return TemplateResponse(request, "strategy/experiment_list.html", {"rows": rows})


@login_required
def experiment_create(request):
    form = ExperimentForm(request.POST or None, instance=Experiment(user=request.user))
    if request.method == "POST" and form.is_valid():
        experiment = form.save()
        messages.success(request, "Experiment recorded. Give it a few weeks of applications.")
        return redirect(experiment)
    return TemplateResponse(request, "strategy/experiment_form.html", {"form": form})


@login_required
def experiment_detail(request, experiment_id: int):
    experiment = get_object_or_404(Experiment.objects.for_user(request.user), pk=experiment_id)
    comparison = compare(request.user, experiment.started_on, experiment.ended_on)
    return TemplateResponse(
        request,
        "strategy/experiment_detail.html",
        {"experiment": experiment, "comparison": comparison},
    )


@login_required
def experiment_edit(request, experiment_id: int):
    experiment = get_object_or_404(Experiment.objects.for_user(request.user), pk=experiment_id)
    form = ExperimentForm(request.POST or None, instance=experiment)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Experiment saved.")
        return redirect(experiment)
    return TemplateResponse(
        request, "strategy/experiment_form.html", {"form": form, "experiment": experiment}
    )


@login_required
@require_POST
def experiment_delete(request, experiment_id: int):
    experiment = get_object_or_404(Experiment.objects.for_user(request.user), pk=experiment_id)
    experiment.delete()
    messages.success(request, f"Deleted the experiment “{experiment.title}”.")
    return redirect("strategy:experiment_list")


@login_required
def title_group_list(request):
    """The groups, and a form to add one (posting here creates it)."""
    form = TitleGroupForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        group = form.save()
        messages.success(request, f"Added the group “{group.name}”.")
        return redirect("strategy:title_group_list")
    groups = TitleGroup.objects.for_user(request.user)
    return TemplateResponse(
        request, "strategy/title_group_list.html", {"groups": groups, "form": form}
    )


@login_required
def title_group_edit(request, title_group_id: int):
    group = get_object_or_404(TitleGroup.objects.for_user(request.user), pk=title_group_id)
    form = TitleGroupForm(request.POST or None, instance=group, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Group saved.")
        return redirect("strategy:title_group_list")
    return TemplateResponse(
        request, "strategy/title_group_form.html", {"form": form, "group": group}
    )


@login_required
@require_POST
def title_group_delete(request, title_group_id: int):
    group = get_object_or_404(TitleGroup.objects.for_user(request.user), pk=title_group_id)
    group.delete()
    messages.success(request, f"Deleted the group “{group.name}”.")
    return redirect("strategy:title_group_list")
