"""Strategy experiments over the API: record a deliberate change, and read how the funnel
compares before and after it (``onward.insights.experiments.compare``, as on the web page)."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from onward.insights.experiments import VERDICTS, compare
from onward.strategy.models import ChangeKind, Experiment

from .common import EARLIEST, LATEST, InSchema, Pagination, owner, validated
from .insights import RateOut

router = Router(tags=["experiments"])


class ExperimentOut(Schema):
    id: int
    title: str
    change_kind: str
    description: str
    expectation: str
    started_on: date
    ended_on: date | None
    status: str = Field(description="planned, running or ended.")
    conclusion: str
    created_at: datetime


class DifferenceOut(Schema):
    measure: str = Field(description='"Got a reply", "Ghosted", "Reached <step>".')
    before: RateOut
    after: RateOut
    change: float | None = Field(description="after - before, as a share (0.1 = 10 points).")
    low: float | None = Field(description="95% interval of the change (Newcombe), low end.")
    high: float | None
    verdict: str = Field(description="too little data, within noise, better or worse.")


class ComparisonOut(Schema):
    verdict: str = Field(description="The reply rate's verdict, in words.")
    set_aside: int = Field(description="Sent too recently to count, on either side.")
    recent_since: date
    measures: list[DifferenceOut]


class ExperimentDetailOut(ExperimentOut):
    comparison: ComparisonOut


class ExperimentIn(InSchema):
    title: str = Field(min_length=1, max_length=200)
    change_kind: ChangeKind = ChangeKind.OTHER
    description: str = ""
    expectation: str = ""
    started_on: date = Field(ge=EARLIEST, le=LATEST)
    ended_on: date | None = Field(None, ge=EARLIEST, le=LATEST)
    conclusion: str = ""


class ExperimentPatch(InSchema):
    title: str | None = Field(None, min_length=1, max_length=200)
    change_kind: ChangeKind | None = None
    description: str | None = None
    expectation: str | None = None
    started_on: date | None = Field(None, ge=EARLIEST, le=LATEST)
    ended_on: date | None = Field(None, ge=EARLIEST, le=LATEST)
    conclusion: str | None = None


def get_experiment(request, experiment_id: int) -> Experiment:
    return get_object_or_404(Experiment.objects.for_user(owner(request)), pk=experiment_id)


def detail(request, experiment: Experiment) -> ExperimentDetailOut:
    comparison = compare(owner(request), experiment.started_on, experiment.ended_on)
    measures = []
    for measure, difference in comparison.rows:
        low, high = difference.interval or (None, None)
        measures.append(
            DifferenceOut(
                measure=measure,
                before=RateOut.of(difference.before),
                after=RateOut.of(difference.after),
                change=difference.change,
                low=low,
                high=high,
                verdict=difference.verdict,
            )
        )
    return ExperimentDetailOut(
        **ExperimentOut.model_validate(experiment).model_dump(),
        comparison=ComparisonOut(
            verdict=VERDICTS[comparison.verdict],
            set_aside=comparison.set_aside,
            recent_since=comparison.recent_since,
            measures=measures,
        ),
    )


@router.get("/experiments", response=list[ExperimentOut])
@paginate(Pagination)
def list_experiments(request):
    """Your experiments, latest start first (the comparison is on each one's own page)."""
    return Experiment.objects.for_user(owner(request))


@router.post("/experiments", response={201: ExperimentDetailOut})
def create_experiment(request, payload: ExperimentIn):
    experiment = validated(
        Experiment(user=owner(request), **payload.model_dump()), exclude=["user"]
    )
    experiment.save()
    return Status(201, detail(request, experiment))


@router.get("/experiments/{experiment_id}", response=ExperimentDetailOut)
def get_one(request, experiment_id: int):
    """One experiment with the funnel before and after its start, and whether the difference
    is beyond noise."""
    return detail(request, get_experiment(request, experiment_id))


@router.patch("/experiments/{experiment_id}", response=ExperimentDetailOut)
def update_experiment(request, experiment_id: int, payload: ExperimentPatch):
    experiment = get_experiment(request, experiment_id)
    for field, value in payload.model_dump(exclude_unset=True).items():
        if value is None and field != "ended_on":
            raise ValidationError({field: "This field cannot be empty."})
        setattr(experiment, field, value)
    validated(experiment, exclude=["user"]).save()
    return detail(request, experiment)


@router.delete("/experiments/{experiment_id}", response={204: None})
def delete_experiment(request, experiment_id: int):
    get_experiment(request, experiment_id).delete()
    return Status(204, None)
