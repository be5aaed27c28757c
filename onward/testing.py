"""Plain-function factories for tests (and benchmarks). Each returns a saved object."""

from datetime import timedelta
from itertools import count

from django.contrib.auth import get_user_model
from django.utils import timezone

from onward.accounts.models import profile_for
from onward.network.models import ApplicationContact, Contact
from onward.pipeline.models import Application, Company, Interview, Stage

_seq = count(1)
PASSWORD = "correct horse battery staple"


def make_user(username: str | None = None, **fields):
    username = username or f"user{next(_seq)}"
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, email=f"{username}@example.org", **fields
    )
    Stage.objects.ensure_defaults(user)
    profile_for(user)
    return user


def stage(user, name: str) -> Stage:
    return Stage.objects.get(user=user, name=name)


def make_company(user, name: str | None = None, **fields) -> Company:
    return Company.objects.create(user=user, name=name or f"Company {next(_seq)}", **fields)


def make_application(user, stage_name: str = "Applied", *, company=None, when=None, **fields):
    """An application whose history starts in ``stage_name`` at ``when`` (default: now)."""
    company = company or make_company(user)
    fields.setdefault("title", f"Role {next(_seq)}")
    first = stage(user, stage_name)
    application = Application.objects.create(user=user, company=company, stage=first, **fields)
    application.move_to(first, when=when or timezone.now())
    return application


def make_contact(user, name: str | None = None, **fields) -> Contact:
    return Contact.objects.create(user=user, name=name or f"Person {next(_seq)}", **fields)


def link_contact(application, contact, role: str = "interviewer") -> ApplicationContact:
    return ApplicationContact.objects.create(application=application, contact=contact, role=role)


def make_interview(application, **fields) -> Interview:
    fields.setdefault("round_name", "Technical interview")
    fields.setdefault("kind", "technical")
    fields.setdefault("starts_at", timezone.now() - timedelta(days=2))
    interviewers = fields.pop("interviewers", [])
    interview = Interview.objects.create(application=application, **fields)
    interview.interviewers.set(interviewers)
    return interview


def make_api_token(user, name: str = "test"):
    """(token, raw secret) for the REST API."""
    from onward.accounts.models import ApiToken

    return ApiToken.issue(user, name)
