"""A read posting as an application: the fields the new-application form is filled with, and
saving one (``onward import-posting``) through ``Application.start`` like every other path."""

from datetime import date
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError

from onward.core.naming import company_key

from ..models import Application, Company, Stage, StageKind, WorkMode
from . import web_address

SALARY_LIMIT = 1_000_000_000
DESCRIPTION_LIMIT = 100_000


def board_of(url: str) -> str:
    """The site a posting came from ("boards.example.com"), from its address."""
    try:
        host = urlsplit((url or "").strip()).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")[:200]


def place_name(location: dict[str, Any]) -> str:
    parts = [location.get(k) for k in ("locality", "region", "country")]
    return ", ".join(p for p in parts if p) or location.get("street") or ""


def location_text(posting: dict[str, Any]) -> str:
    places = [name for name in map(place_name, posting.get("locations") or []) if name]
    text = "; ".join(places)
    if posting.get("remote"):
        where = ", ".join(posting.get("applicant_locations") or [])
        remote = f"Remote ({where})" if where else "Remote"
        text = f"{text}; {remote}" if text else remote
    return text[:200]


def work_mode(posting: dict[str, Any]) -> str:
    """Remote work offered (TELECOMMUTE) beside an office is hybrid; only an office, on-site."""
    if posting.get("remote"):
        return WorkMode.HYBRID if posting.get("locations") else WorkMode.REMOTE
    return WorkMode.ONSITE if posting.get("locations") else ""


def salary(value: Any) -> int | None:
    if isinstance(value, int | float) and 0 <= value <= SALARY_LIMIT:
        return round(value)
    return None


def application_fields(posting: dict[str, Any], url: str = "") -> dict[str, Any]:
    """The application's fields from a read posting (or a prefill: title, company,
    description only). ``company`` is the company's name."""
    low, high = salary(posting.get("salary_min")), salary(posting.get("salary_max"))
    currency = posting.get("salary_currency") or ""
    if not currency:
        low = high = None  # an amount in no known currency cannot be saved as a salary
    address = web_address(url) or web_address(posting.get("url"))
    deadline = posting.get("valid_through")
    return {
        "title": (posting.get("title") or "")[:200],
        "company": (posting.get("company") or "")[:200],
        "job_url": address,
        "board": board_of(address),
        "location": location_text(posting),
        "work_mode": work_mode(posting),
        "salary_min": low,
        "salary_max": high,
        "salary_currency": currency if low is not None or high is not None else "",
        "salary_period": (posting.get("salary_period") or "") if low is not None else "",
        "deadline": date.fromisoformat(deadline) if deadline else None,
        "description": description(posting),
    }


def description(posting: dict[str, Any]) -> str:
    """The posting's text; the skills it lists go on a last "Skills:" line, where they stay
    visible and editable (and the Skills page reads them)."""
    text = (posting.get("description") or "").strip()
    listed = ", ".join(posting.get("skills") or [])
    if listed and f"Skills: {listed}" not in text:
        text = f"{text}\n\nSkills: {listed}" if text else f"Skills: {listed}"
    return text[:DESCRIPTION_LIMIT]


def duplicates(user, fields: dict[str, Any]):
    """The user's applications that already track this posting."""
    return Application.objects.same_posting(
        user, url=fields["job_url"], company_name=fields["company"], title=fields["title"]
    )


def save_posting(user, posting: dict[str, Any], url: str = "", stage: Stage | None = None):
    """Save a read posting as a new application (in ``stage``, else the first not-yet-applied
    stage). Raises ValidationError naming what is wrong, or that it is already tracked."""
    fields = application_fields(posting, url)
    name = fields.pop("company")
    if not company_key(name):
        raise ValidationError({"company": "The posting names no company."})
    if twin := duplicates(user, {**fields, "company": name}).first():
        raise ValidationError(f"Already tracked: {twin} ({twin.get_absolute_url()}).")
    company = Company.named(user, name)
    stages = Stage.objects.for_user(user)
    stage = stage or stages.filter(kind=StageKind.OPEN).first() or stages.first()
    if stage is None:
        raise ValidationError("You have no stages yet.")
    return Application.start(user, company=company, stage=stage, **fields)
