"""Reading a job posting over the API: ``POST /api/postings/parse`` answers what the page
holds, in the same shape as ``onward import-posting --json``. It saves nothing; an
application is then created with ``POST /api/applications``."""

from django.core.exceptions import ValidationError
from ninja import Field, Router, Schema

from onward.pipeline.postings import FetchError, read_page, read_text, read_url

from .common import InSchema

router = Router(tags=["postings"])

# As for a fetched page or an uploaded file.
MAX_PAGE_CHARS = 5 * 1024 * 1024


class ParseIn(InSchema):
    url: str | None = Field(None, description="The posting's address: Onward fetches it.")
    html: str | None = Field(None, max_length=MAX_PAGE_CHARS, description="A page's HTML.")
    text: str | None = Field(None, max_length=MAX_PAGE_CHARS, description="Pasted text.")
    page_url: str = Field("", description="Where the html came from, if known.")


class LocationOut(Schema):
    street: str | None
    locality: str | None
    region: str | None
    postal_code: str | None
    country: str | None


class PostingOut(Schema):
    title: str | None
    company: str | None
    locations: list[LocationOut]
    remote: bool
    applicant_locations: list[str]
    employment_types: list[str] | None = Field(
        description="FULL_TIME, PART_TIME, CONTRACTOR, TEMPORARY, INTERN, VOLUNTEER, PER_DIEM "
        "or OTHER; null when the posting says none of these."
    )
    salary_min: int | float | None
    salary_max: int | float | None
    salary_currency: str | None = Field(description="ISO 4217.")
    salary_period: str | None = Field(description="HOUR, DAY, WEEK, MONTH or YEAR.")
    date_posted: str | None = Field(description="YYYY-MM-DD, as the page wrote it.")
    valid_through: str | None = Field(description="YYYY-MM-DD, as the page wrote it.")
    description: str | None = Field(description="Plain text, one line per block.")
    skills: list[str] | None
    qualifications: str | None
    experience_months: int | None
    education: str | None


class PrefillOut(Schema):
    title: str
    company: str | None
    description: str | None
    url: str | None
    from_: str = Field(alias="from", description='"meta tags" or "pasted text".')


class ParseOut(Schema):
    postings: list[PostingOut]
    prefill: PrefillOut | None = Field(
        description="For a page with no usable posting: what its own meta tags say."
    )
    message: str


@router.post("/postings/parse", response=ParseOut, by_alias=True)
def parse_posting(request, payload: ParseIn):
    given = [name for name in ("url", "html", "text") if getattr(payload, name)]
    if len(given) != 1:
        raise ValidationError("Send exactly one of url, html or text.")
    if payload.url:
        try:
            reading = read_url(payload.url)
        except FetchError as exc:
            raise ValidationError({"url": str(exc)}) from exc
    elif payload.html:
        reading = read_page(payload.html, url=payload.page_url)
    else:
        reading = read_text(payload.text or "")
    return reading.as_json()
