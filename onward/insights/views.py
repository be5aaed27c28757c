from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse

from onward.pipeline.models import LossType, StageKind

from . import metrics, page
from .forms import InsightsFilterForm
from .stats import min_n

IGNORED = "Some filters were not understood and are ignored; see the form."


def read_filters(request) -> tuple[InsightsFilterForm, metrics.Filters, str]:
    """The filters from the query string; on bad input, no filters and a message."""
    form = InsightsFilterForm(request.GET or None)
    if not form.is_bound:
        return form, metrics.Filters(), "source"
    if form.is_valid():
        return form, form.filters(), form.cleaned_data["by"] or "source"
    messages.error(request, IGNORED)
    return form, metrics.Filters(), "source"


@login_required
def index(request):
    """The page, whose heavier sections load after it (htmx asks for ``?section=<name>``,
    rendered from the same template); ``?full=1`` renders every section at once, for browsers
    without JavaScript."""
    form, filters, by = read_filters(request)
    section = request.GET.get("section")
    if section is not None:
        if section not in page.LAZY:
            raise Http404("No such section.")
        context = page.LAZY[section](request.user, filters, by)
        context.update(filters=filters, min_n=min_n())
        return TemplateResponse(request, f"insights/index.html#{section}", context)
    full = request.GET.get("full") == "1"
    context = (page.insights if full else page.main)(request.user, filters, by)
    return TemplateResponse(request, "insights/index.html", {**context, "form": form, "full": full})


@login_required
def report(request):
    return report_response(request, request.user)


def report_response(request, user, *, read_only: bool = False) -> TemplateResponse:
    """The printable strategy report of ``user``'s search. ``read_only`` is a coach reading it
    (see onward.coaching): links into the job seeker's own pages are left out."""
    from onward.strategy.models import Experiment

    from .experiments import compare

    form, filters, by = read_filters(request)
    context = page.insights(user, filters, by, lessons=20)
    experiments = [
        (experiment, compare(user, experiment.started_on, experiment.ended_on))
        for experiment in Experiment.objects.for_user(user)[:20]
    ]
    return TemplateResponse(
        request,
        "insights/report.html",
        {
            **context,
            "form": form,
            "experiments": experiments,
            "report_for": user,
            "read_only": read_only,
        },
    )


OUTCOME_FILTERS = {
    "rejected": {"stage__kind": StageKind.LOST, "stage__loss_type": LossType.REJECTED},
    "ghosted": {"stage__kind": StageKind.LOST, "stage__loss_type": LossType.GHOSTED},
    "withdrawn": {"stage__kind": StageKind.LOST, "stage__loss_type": LossType.WITHDRAWN},
    "lost": {"stage__kind": StageKind.LOST},
    "offer": {"stage__kind": StageKind.OFFER},
    "accepted": {"stage__kind": StageKind.WON},
    "open": {"stage__kind__in": [StageKind.OPEN, StageKind.ACTIVE]},
}


def narrow(request, user, qs, steps) -> tuple[object, list[str], list[str]]:
    """The applications behind a number: narrowed by the query string, described in words.
    Values that make no sense are ignored, with a message."""
    described, ignored = [], []
    get = request.GET
    by, value = get.get("by", ""), get.get("value")
    if by in metrics.DIMENSIONS and value is not None:
        dim = metrics.dimension(user, by)
        try:
            key = dim.parse(value)
        except ValueError:
            ignored.append("value")
        else:
            qs = qs.annotate(group=dim.expression).filter(group=key)
            described.append(f"{dim.label}: {dim.label_for(key)}")
    elif by:
        ignored.append("by")
    positions = [s.position for s in steps]
    for param in ("at", "reached"):
        raw = get.get(param)
        if raw is None:
            continue
        if not raw.isdigit() or int(raw) not in positions:
            ignored.append(param)
            continue
        index = positions.index(int(raw))
        if param == "reached":
            qs = qs.filter(furthest__gte=int(raw))
            described.append(f"reached {steps[index].name}")
        else:
            qs = qs.filter(furthest__gte=int(raw))
            if index + 1 < len(steps):
                qs = qs.filter(furthest__lt=steps[index + 1].position)
            described.append(f"got no further than {steps[index].name}")
    outcome = get.get("outcome")
    if outcome == "noreply":
        qs = qs.exclude(stage__kind=StageKind.LOST, stage__loss_type=LossType.REJECTED)
        described.append("no reply")
    elif outcome in OUTCOME_FILTERS:
        qs = qs.filter(**OUTCOME_FILTERS[outcome])
        described.append(metrics.OUTCOME_LABELS.get(outcome, "lost").lower())
    elif outcome:
        ignored.append("outcome")
    reason = get.get("reason")
    if reason:
        from onward.debrief.taxonomy import ReasonCategory

        from .debriefs import rejection_filter

        if reason in ReasonCategory.values:
            qs = qs.filter(rejection_filter(reason, late=get.get("late") == "1"))
            described.append(f"debrief reason: {ReasonCategory(reason).label.lower()}")
        else:
            ignored.append("reason")
    return qs, described, ignored


@login_required
def application_list(request):
    form, filters, _ = read_filters(request)
    stages = metrics.stage_table(request.user)
    steps = metrics.funnel_steps(
        request.user, include_wishlist=filters.include_wishlist, stages=stages
    )
    qs = metrics.population(request.user, filters, steps, stages=stages)
    qs, described, ignored = narrow(request, request.user, qs, steps)
    if ignored:
        messages.warning(request, f"Ignored what could not be read: {', '.join(ignored)}.")
    qs = qs.select_related("company", "stage").order_by("-stage_changed_at", "-pk")
    page_obj = Paginator(qs, settings.ONWARD_PAGE_SIZE).get_page(request.GET.get("page"))
    for application in page_obj:
        index = metrics.step_index(steps, application.furthest)
        application.furthest_name = steps[index].name if steps else ""
    query = request.GET.copy()
    query.pop("page", None)
    return TemplateResponse(
        request,
        "insights/application_list.html",
        {
            "page_obj": page_obj,
            "described": described,
            "form": form,
            "query": query.urlencode(),
        },
    )
