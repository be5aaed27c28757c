"""The pipeline over the API: applications, their stage moves and history, stages, companies
and interviews. Every query goes through the owner's querysets; another user's object is a 404."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from onward.core.naming import company_key
from onward.network.models import Contact
from onward.pipeline.corrections import redate_move, remove_move
from onward.pipeline.filters import ApplicationFilter
from onward.pipeline.models import Application, Company, Interview, Stage, StageChange, StageKind

from .common import Id, InSchema, Pagination, aware, not_found, owner, validated

router = Router(tags=["pipeline"])


# --- Schemas -------------------------------------------------------------------------------
class StageOut(Schema):
    id: int
    name: str
    kind: str
    loss_type: str
    position: int


class CompanyOut(Schema):
    id: int
    name: str
    website: str
    notes: str
    created_at: datetime


class CompanyIn(InSchema):
    name: str = Field(min_length=1, max_length=200)
    website: str = ""
    notes: str = ""


class ApplicationOut(Schema):
    id: int
    company_id: int
    company: str
    title: str
    job_url: str
    location: str
    work_mode: str
    salary_min: int | None
    salary_max: int | None
    salary_currency: str
    salary_period: str
    deadline: date | None
    board: str
    source: str
    resume_version: str
    description: str
    applied_on: date | None
    excitement: int | None
    notes: str
    stage_id: int
    stage: str
    stage_changed_at: datetime
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_company(obj) -> str:
        return obj.company.name

    @staticmethod
    def resolve_stage(obj) -> str:
        return obj.stage.name


class ApplicationFields(InSchema):
    job_url: str = ""
    location: str = ""
    work_mode: str = ""
    salary_min: int | None = None
    salary_max: int | None = None
    salary_currency: str = ""
    salary_period: str = ""
    deadline: date | None = None
    board: str = ""
    source: str = ""
    resume_version: str = ""
    description: str = ""
    applied_on: date | None = None
    excitement: int | None = None
    notes: str = ""


class ApplicationIn(ApplicationFields):
    title: str = Field(min_length=1, max_length=200)
    company_id: Id | None = Field(None, description="An existing company of yours...")
    company_name: str | None = Field(
        None, description="...or a company name: yours if you have it, else a new one."
    )
    stage_id: Id | None = Field(None, description="The first stage; default: Applied.")
    when: datetime | None = Field(
        None,
        description="When it entered that stage; default: 09:00 on applied_on (in your time "
        "zone), else now, as on the web.",
    )


class ApplicationPatch(ApplicationFields):
    """Only the fields sent change. The stage changes through /move, never here."""

    title: str = Field("", min_length=1, max_length=200)
    company_id: Id | None = None


class MoveIn(InSchema):
    stage_id: Id
    when: datetime | None = Field(None, description="Back-date the move; default: now.")
    note: str = Field("", max_length=500)


class ChangeOut(Schema):
    id: int
    from_stage_id: int | None
    from_stage: str | None
    to_stage_id: int
    to_stage: str
    changed_at: datetime
    note: str
    recorded_at: datetime

    @staticmethod
    def resolve_from_stage(obj) -> str | None:
        return obj.from_stage.name if obj.from_stage else None

    @staticmethod
    def resolve_to_stage(obj) -> str:
        return obj.to_stage.name


class MoveOut(Schema):
    moved: bool = Field(description="False when the application was already in that stage.")
    change: ChangeOut | None
    application: ApplicationOut


class InterviewOut(Schema):
    id: int
    application_id: int
    round_name: str
    kind: str
    starts_at: datetime
    duration_minutes: int
    interviewer_ids: list[int]
    questions: str
    notes: str
    self_rating: int | None
    created_at: datetime

    @staticmethod
    def resolve_interviewer_ids(obj) -> list[int]:
        return sorted(contact.pk for contact in obj.interviewers.all())


class InterviewIn(InSchema):
    round_name: str = Field(min_length=1, max_length=100)
    kind: str
    starts_at: datetime
    duration_minutes: int = 60
    interviewer_ids: list[Id] = Field(default_factory=list, description="Your contacts' ids.")
    questions: str = ""
    notes: str = ""
    self_rating: int | None = None


# --- Lookups, all scoped to the token's user ------------------------------------------------
def applications_of(request):
    return Application.objects.for_user(owner(request)).with_related()


def get_application(request, application_id: int) -> Application:
    return get_object_or_404(applications_of(request), pk=application_id)


def stage_of(request, stage_id: int) -> Stage:
    stage = Stage.objects.for_user(owner(request)).filter(pk=stage_id).first()
    if stage is None:
        raise not_found("stage", "stage_id")
    return stage


def company_of(request, company_id: int) -> Company:
    company = Company.objects.for_user(owner(request)).filter(pk=company_id).first()
    if company is None:
        raise not_found("company", "company_id")
    return company


def company_named(request, name: str) -> Company:
    """The user's company of that name (ignoring case and legal suffixes), else a new one."""
    company = Company.named(owner(request), name)
    return company if company.pk else validated(company, exclude=["user"])


# --- Stages ------------------------------------------------------------------------------
@router.get("/stages", response=list[StageOut])
def list_stages(request):
    return Stage.objects.for_user(owner(request))


# --- Applications ------------------------------------------------------------------------
@router.get("/applications", response=list[ApplicationOut])
@paginate(Pagination)
def list_applications(
    request,
    q: str | None = Query(None, description="Part of a title, company, location or notes."),
    stage: Id | None = Query(None, description="A stage id."),  # noqa: B008
    company: Id | None = Query(None, description="A company id."),  # noqa: B008
    source: str | None = Query(None, description="A source code, e.g. referral."),
    work_mode: str | None = Query(None, description="remote, hybrid or onsite."),
    applied_from: date | None = Query(None, description="Applied on or after."),  # noqa: B008
    applied_to: date | None = Query(None, description="Applied on or before."),  # noqa: B008
    sort: str | None = Query(None, description="e.g. company, -applied (as the table sorts)."),
):
    """The applications table's own filters (the same FilterSet filters the page); a bad value is
    a 422 that names it, where the page would just leave it out."""
    params = {
        "q": q,
        "stage": stage,
        "company": company,
        "source": source,
        "work_mode": work_mode,
        "applied_from": applied_from,
        "applied_to": applied_to,
        "sort": sort,
    }
    filters = ApplicationFilter(
        {k: v for k, v in params.items() if v is not None},
        applications_of(request),
        user=owner(request),
    )
    if not filters.is_valid():
        if set(filters.errors) <= {"stage", "company"}:
            return applications_of(request).none()  # no such stage or company: nothing matches
        raise ValidationError(filters.errors.as_data())
    return filters.qs


@router.post("/applications", response={201: ApplicationOut})
def create_application(request, payload: ApplicationIn):
    user = owner(request)
    data = payload.dict()
    company_id, company_name = data.pop("company_id"), data.pop("company_name")
    stage_id, when = data.pop("stage_id"), aware(data.pop("when"))
    if company_id is not None:
        company = company_of(request, company_id)
    elif company_name and company_name.strip():
        company = company_named(request, company_name)  # new ones are saved with the application
    else:
        raise ValidationError({"company_id": "Give company_id or company_name."})
    if stage_id is not None:
        stage = stage_of(request, stage_id)
    else:
        stages = Stage.objects.for_user(user)
        stage = stages.filter(kind=StageKind.ACTIVE).first() or stages.first()
    application = Application.start(user, company=company, stage=stage, when=when, **data)
    return Status(201, application)


@router.get("/applications/{application_id}", response=ApplicationOut)
def get_application_route(request, application_id: int):
    return get_application(request, application_id)


@router.patch("/applications/{application_id}", response=ApplicationOut)
def update_application(request, application_id: int, payload: ApplicationPatch):
    application = get_application(request, application_id)
    changes = payload.dict(exclude_unset=True)
    if "company_id" in changes:
        company_id = changes.pop("company_id")
        if company_id is None:
            raise not_found("company", "company_id")
        application.company = company_of(request, company_id)
    for name, value in changes.items():
        setattr(application, name, value)
    validated(application, exclude=["user"])
    fields = {
        "company" if name == "company_id" else name for name in payload.dict(exclude_unset=True)
    }
    # Only what was sent: the stage changes only through /move, even if a move just happened.
    application.save(update_fields=[*fields, "updated_at"])
    return application


@router.delete("/applications/{application_id}", response={204: None})
def delete_application(request, application_id: int):
    get_application(request, application_id).delete()
    return Status(204, None)


@router.post("/applications/{application_id}/move", response=MoveOut)
def move_application(request, application_id: int, payload: MoveIn):
    application = get_application(request, application_id)
    stage = stage_of(request, payload.stage_id)
    change = application.move_to(stage, when=aware(payload.when), note=payload.note)
    return {"moved": change is not None, "change": change, "application": application}


@router.get("/applications/{application_id}/history", response=list[ChangeOut])
def application_history(request, application_id: int):
    application = get_application(request, application_id)
    return application.stage_changes.select_related("from_stage", "to_stage").order_by(
        "changed_at", "pk"
    )


class RedateIn(InSchema):
    when: datetime = Field(description="When the move really happened (between its neighbours).")


def get_change(request, application_id: int, change_id: int) -> StageChange:
    application = get_application(request, application_id)
    return get_object_or_404(
        application.stage_changes.select_related("from_stage", "to_stage"), pk=change_id
    )


@router.patch("/applications/{application_id}/history/{change_id}", response=ChangeOut)
def redate_application_move(request, application_id: int, change_id: int, payload: RedateIn):
    """Correct a move's date; the correction is recorded with its old value."""
    change = get_change(request, application_id, change_id)
    return redate_move(change, aware(payload.when), by=owner(request))


@router.delete("/applications/{application_id}/history/{change_id}", response={204: None})
def remove_application_move(request, application_id: int, change_id: int):
    """Remove a move recorded by mistake (never the first); the removal is recorded."""
    remove_move(get_change(request, application_id, change_id), by=owner(request))
    return Status(204, None)


# --- Interviews --------------------------------------------------------------------------
@router.get("/applications/{application_id}/interviews", response=list[InterviewOut])
def list_interviews(request, application_id: int):
    application = get_application(request, application_id)
    interviews = Interview.objects.for_user(owner(request)).filter(application=application)
    return interviews.prefetch_related("interviewers")


@router.post("/applications/{application_id}/interviews", response={201: InterviewOut})
def create_interview(request, application_id: int, payload: InterviewIn):
    application = get_application(request, application_id)
    data = payload.dict()
    wanted = set(data.pop("interviewer_ids"))
    interviewers = list(Contact.objects.for_user(owner(request)).filter(pk__in=wanted))
    if len(interviewers) != len(wanted):
        raise not_found("contact", "interviewer_ids")
    data["starts_at"] = aware(data["starts_at"])
    with transaction.atomic():
        interview = validated(Interview(application=application, **data))
        interview.save()
        interview.interviewers.set(interviewers)
    return Status(201, interview)


# --- Companies ---------------------------------------------------------------------------
@router.get("/companies", response=list[CompanyOut])
@paginate(Pagination)
def list_companies(request):
    return Company.objects.for_user(owner(request))


@router.post("/companies", response={201: CompanyOut})
def create_company(request, payload: CompanyIn):
    user = owner(request)
    if Company.objects.for_user(user).filter(name_key=company_key(payload.name)).exists():
        raise ValidationError({"name": "You already have a company with that name."})
    company = validated(Company(user=user, **payload.dict()), exclude=["user"])
    company.save()
    return Status(201, company)


@router.get("/companies/{company_id}", response=CompanyOut)
def get_company(request, company_id: int):
    return get_object_or_404(Company.objects.for_user(owner(request)), pk=company_id)
