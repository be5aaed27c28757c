"""Contacts over the API: the people met along the search, scoped to the token's user."""

from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from onward.network.models import Contact

from .common import InSchema, Pagination, owner, validated

router = Router(tags=["network"])


class ContactOut(Schema):
    id: int
    name: str
    email: str
    linkedin_url: str
    company_name: str
    title: str
    notes: str
    created_at: datetime


class ContactIn(InSchema):
    name: str = Field(min_length=1, max_length=200)
    email: str = ""
    linkedin_url: str = ""
    company_name: str = ""
    title: str = ""
    notes: str = ""


@router.get("/contacts", response=list[ContactOut])
@paginate(Pagination)
def list_contacts(request, q: str | None = Query(None, description="Part of a name.")):
    contacts = Contact.objects.for_user(owner(request))
    if q:
        contacts = contacts.filter(name__icontains=q)
    return contacts


@router.post("/contacts", response={201: ContactOut})
def create_contact(request, payload: ContactIn):
    contact = validated(Contact(user=owner(request), **payload.dict()), exclude=["user"])
    contact.save()
    return Status(201, contact)


@router.get("/contacts/{contact_id}", response=ContactOut)
def get_contact(request, contact_id: int):
    return get_object_or_404(Contact.objects.for_user(owner(request)), pk=contact_id)
