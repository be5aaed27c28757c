"""Contacts over the API: the people met along the search, their interactions and
stay-in-touch cadences, scoped to the token's user."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from onward.network.filters import ContactFilter
from onward.network.forms import check_linkedin
from onward.network.models import Contact, Interaction, Tag, parse_tags
from onward.pipeline.models import Application

from .common import Id, InSchema, Pagination, not_found, owner, validated

router = Router(tags=["network"])


class ContactOut(Schema):
    id: int
    name: str
    email: str
    phone: str
    linkedin_url: str
    company_name: str
    title: str
    relationship: str
    support_circle: bool
    how_we_met: str
    tags: list[str]
    notes: str
    connected_on: date | None
    cadence_weeks: int | None
    last_contacted_on: date | None = None
    next_follow_up_at: datetime | None = Field(
        None, description="When the stay-in-touch follow-up falls due."
    )
    created_at: datetime

    @staticmethod
    def resolve_tags(obj) -> list[str]:
        return [tag.name for tag in obj.tags.all()]


class ContactIn(InSchema):
    name: str = Field(min_length=1, max_length=200)
    email: str = ""
    linkedin_url: str = ""
    company_name: str = ""
    title: str = ""
    notes: str = ""


class ContactPatch(InSchema):
    """Only the fields sent change."""

    name: str = Field("", min_length=1, max_length=200)
    email: str = ""
    phone: str = ""
    linkedin_url: str = ""
    company_name: str = ""
    title: str = ""
    relationship: str = Field("", description="e.g. mentor, recruiter, friend; or empty.")
    support_circle: bool = False
    how_we_met: str = ""
    tags: list[str] = Field(default_factory=list, description="Replaces the contact's tags.")
    notes: str = ""
    connected_on: date | None = None
    cadence_weeks: int | None = Field(
        None, ge=1, le=104, description="Stay in touch every N weeks; null stops the reminders."
    )


class InteractionOut(Schema):
    id: int
    contact_id: int
    happened_on: date
    channel: str
    summary: str
    application_id: int | None
    created_at: datetime


class InteractionIn(InSchema):
    happened_on: date | None = Field(None, description="Default: today; never in the future.")
    channel: str = Field("email", description="email, linkedin, call, video, coffee, event...")
    summary: str = ""
    application_id: Id | None = Field(None, description="An application of yours it was about.")


def contacts_of(request):
    return (
        Contact.objects.for_user(owner(request))
        .with_last_contacted()
        .with_next_follow_up()
        .prefetch_related("tags")
    )


def own_contact(request, contact_id: int) -> Contact:
    return get_object_or_404(Contact.objects.for_user(owner(request)), pk=contact_id)


def checked(contact: Contact) -> Contact:
    """The model's validation, and the web form's LinkedIn check."""
    try:
        check_linkedin(contact.linkedin_url)
    except ValidationError as exc:
        raise ValidationError({"linkedin_url": exc.messages}) from None
    return validated(contact, exclude=["user"])


@router.get("/contacts", response=list[ContactOut])
@paginate(Pagination)
def list_contacts(
    request,
    q: str | None = Query(None, description="Part of a name, company, title or email."),
    relationship: str | None = Query(None, description="e.g. mentor, recruiter."),
    tag: str | None = Query(None, description="A tag's name."),
    company: str | None = Query(None, description="A company name (legal suffixes ignored)."),
    overdue: bool | None = Query(None, description="Only people whose follow-up is due."),
):
    """The contact list's own filters (the same FilterSet filters the page)."""
    params = {"q": q, "relationship": relationship, "tag": tag, "company": company}
    params = {k: v for k, v in params.items() if v is not None}
    if overdue:
        params["overdue"] = "on"
    filters = ContactFilter(params, contacts_of(request))
    if not filters.is_valid():
        raise ValidationError(filters.errors.as_data())
    return filters.qs.distinct()


@router.post("/contacts", response={201: ContactOut})
def create_contact(request, payload: ContactIn):
    contact = checked(Contact(user=owner(request), **payload.dict()))
    contact.save()
    return Status(201, contacts_of(request).get(pk=contact.pk))


@router.get("/contacts/{contact_id}", response=ContactOut)
def get_contact(request, contact_id: int):
    return get_object_or_404(contacts_of(request), pk=contact_id)


@router.patch("/contacts/{contact_id}", response=ContactOut)
def update_contact(request, contact_id: int, payload: ContactPatch):
    contact = own_contact(request, contact_id)
    changes = payload.dict(exclude_unset=True)
    tags = changes.pop("tags", None)
    cadence_changed = "cadence_weeks" in changes
    weeks = changes.pop("cadence_weeks", None)
    if "name" in changes:
        changes["name"] = " ".join(changes["name"].split())
        if not changes["name"]:
            raise ValidationError({"name": "Give the person's name."})
    for name, value in changes.items():
        setattr(contact, name, value)
    checked(contact)
    with transaction.atomic():
        contact.save()
        if tags is not None:
            contact.tags.set(Tag.objects.named(owner(request), parse_tags(",".join(tags))))
        if cadence_changed:
            contact.set_cadence(weeks)
    return contacts_of(request).get(pk=contact.pk)


@router.get("/contacts/{contact_id}/interactions", response=list[InteractionOut])
def list_interactions(request, contact_id: int):
    contact = own_contact(request, contact_id)
    return Interaction.objects.for_user(owner(request)).filter(contact=contact)


@router.post("/contacts/{contact_id}/interactions", response={201: InteractionOut})
def log_interaction(request, contact_id: int, payload: InteractionIn):
    """Log a touch with this person; the stay-in-touch clock starts again (as on the web)."""
    contact = own_contact(request, contact_id)
    data = payload.dict(exclude_none=True)
    application_id = data.pop("application_id", None)
    if application_id is not None:
        application = Application.objects.for_user(owner(request)).filter(pk=application_id).first()
        if application is None:
            raise not_found("application", "application_id")
        data["application"] = application
    interaction = contact.log_interaction(**data)
    return Status(201, interaction)
