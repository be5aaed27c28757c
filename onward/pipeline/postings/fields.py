"""One schema.org JobPosting node, read into the fields Onward keeps.

Real postings bend every rule of the vocabulary (a company as a string or an object, salaries
as numbers, ranges or "$120,000 - $150,000", dates with or without padding, HTML escaped once
or twice), so each field is read by a small function that accepts the shapes seen in the wild
and answers None for anything else: never a crash, never the text "None".
"""

import html
import math
import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

import html_text
from price_parser import Price

Node = dict[str, Any]

EMPLOYMENT_TYPES = (
    "FULL_TIME",
    "PART_TIME",
    "CONTRACTOR",
    "TEMPORARY",
    "INTERN",
    "VOLUNTEER",
    "PER_DIEM",
    "OTHER",
)
# Spellings of the employment types seen on job boards, after upper-casing and joining words
# with "_" ("Full-time" -> "FULL_TIME"). Anything else ("Standard") is not guessed at.
EMPLOYMENT_ALIASES = {
    **{t: t for t in EMPLOYMENT_TYPES},
    "FULLTIME": "FULL_TIME",
    "PARTTIME": "PART_TIME",
    "CONTRACT": "CONTRACTOR",
    "CONTRACTOR_TO_HIRE": "CONTRACTOR",
    "FREELANCE": "CONTRACTOR",
    "TEMP": "TEMPORARY",
    "INTERNSHIP": "INTERN",
    "PERDIEM": "PER_DIEM",
}
PERIODS = {
    **{p: p for p in ("HOUR", "DAY", "WEEK", "MONTH", "YEAR")},
    "HOURLY": "HOUR",
    "DAILY": "DAY",
    "WEEKLY": "WEEK",
    "MONTHLY": "MONTH",
    "YEARLY": "YEAR",
    "ANNUAL": "YEAR",
    "ANNUALLY": "YEAR",
    "PER_HOUR": "HOUR",
    "PER_YEAR": "YEAR",
}
# Currency signs that name one currency; a bare "$" is taken as US dollars, as job boards do.
CURRENCY_SIGNS = {
    "$": "USD",
    "US$": "USD",
    "C$": "CAD",
    "CA$": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "₩": "KRW",
    "zł": "PLN",
    "kr": "SEK",
}
# A salary above this is a typing mistake or an id, not pay.
SALARY_CEILING = 1_000_000_000
# How many times an escaped description is unescaped (some boards escape twice).
UNESCAPE_ROUNDS = 3
ESCAPED_MARKUP = re.compile(r"&(?:lt|gt|amp|quot|#\d+|#x[0-9a-f]+);", re.IGNORECASE)
LOOKS_LIKE_MARKUP = re.compile(r"<\s*/?\s*[a-z][a-z0-9:]*[\s/>]", re.IGNORECASE)
DATE_AS_WRITTEN = re.compile(r"\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?![\d])")


# --- Plain values -------------------------------------------------------------------------


def clean_line(value: str) -> str:
    return " ".join(value.replace("\x00", "").split())


# Characters XML cannot hold (control characters, lone surrogates, U+FFFE/FFFF): lxml refuses a
# text with any of them, and a damaged page can have them anywhere.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def markup_text(value: str, **options) -> str:
    """The text of an HTML fragment (html-text), after dropping what XML cannot hold."""
    return html_text.extract_text(NOT_XML.sub("", value), **options)


def first(value: Any) -> Any:
    """The first non-empty item of a list, or the value itself."""
    if isinstance(value, list):
        return next((v for v in value if v not in (None, "", [], {})), None)
    return value


def text(value: Any, ids: dict[str, Node] | None = None) -> str | None:
    """A one-line text from a string, a number or a named node; None when empty."""
    value = first(value)
    if isinstance(value, dict):
        value = resolve(value, ids)
        value = first(value.get("name") or value.get("@value") or value.get("value"))
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        value = str(value)
    if not isinstance(value, str):
        return None
    line = clean_line(unescape(value))
    if LOOKS_LIKE_MARKUP.search(line):
        line = clean_line(markup_text(line))
    return line or None


def resolve(node: Node, ids: dict[str, Node] | None) -> Node:
    """A reference (``{"@id": "#org"}``) replaced by the node it names, when known."""
    node_id = node.get("@id")
    if ids and isinstance(node_id, str) and len(node) == 1 and node_id in ids:
        return ids[node_id]
    return node


def unescape(value: str) -> str:
    """HTML entities undone, as many times as they were (at most UNESCAPE_ROUNDS)."""
    for _ in range(UNESCAPE_ROUNDS):
        if not ESCAPED_MARKUP.search(value):
            break
        value = html.unescape(value)
    return value


def block_text(value: Any) -> str | None:
    """Plain text, one line per block, from HTML (escaped or not, Word's too) or text."""
    if isinstance(value, list):
        parts = [block_text(v) for v in value]
        joined = "\n".join(p for p in parts if p)
        return joined or None
    if isinstance(value, dict):
        value = value.get("@value") or value.get("text") or value.get("description")
    if not isinstance(value, str):
        return None
    value = unescape(value.replace("\x00", ""))
    if LOOKS_LIKE_MARKUP.search(value):
        value = markup_text(value, guess_layout=True)
    lines = (clean_line(line) for line in value.replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line) or None


def number(value: Any) -> int | float | None:
    """A salary amount from a number or a string like "120,000.00"; None if not sane."""
    value = first(value)
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        amount = Price.fromstring(value).amount
        if amount is None:
            return None
        value = amount
    if isinstance(value, Decimal):
        try:
            value = float(value)
        except (InvalidOperation, OverflowError):
            return None
    if not isinstance(value, int | float) or not math.isfinite(value):
        return None
    if value < 0 or value > SALARY_CEILING:
        return None
    return int(value) if float(value).is_integer() else round(float(value), 2)


def currency(value: Any) -> str | None:
    value = text(value)
    if not value:
        return None
    code = value.strip().upper()
    if len(code) == 3 and code.isascii() and code.isalpha():
        return code
    return CURRENCY_SIGNS.get(value.strip())


def day(value: Any) -> str | None:
    """The calendar date as written (2026-9-21, ...T10:00:00.000Z, ...+05:00): YYYY-MM-DD.

    The date is taken before any time zone, never converted to UTC first, so a deadline of
    "2026-10-01T23:59-05:00" stays 1 October."""
    value = first(value)
    if not isinstance(value, str):
        return None
    match = DATE_AS_WRITTEN.match(value)
    if not match:
        return None
    try:
        return date(*(int(part) for part in match.groups())).isoformat()
    except ValueError:
        return None


# --- The posting's parts --------------------------------------------------------------------


def as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def company(posting: Node, ids: dict[str, Node]) -> str | None:
    return text(posting.get("hiringOrganization"), ids)


def locations(posting: Node, ids: dict[str, Node]) -> list[dict[str, str | None]]:
    found = []
    for place in as_list(posting.get("jobLocation")):
        if isinstance(place, dict):
            place = resolve(place, ids)
            address = first(place.get("address"))
            if isinstance(address, dict):
                address = resolve(address, ids)
        else:
            address = place
        if isinstance(address, dict):
            location = {
                "street": text(address.get("streetAddress")),
                "locality": text(address.get("addressLocality")),
                "region": text(address.get("addressRegion")),
                "postal_code": text(address.get("postalCode")),
                "country": text(address.get("addressCountry"), ids),
            }
        else:
            name = text(address) or (text(place.get("name")) if isinstance(place, dict) else None)
            location = dict.fromkeys(("street", "locality", "region", "postal_code", "country"))
            location["locality"] = name
        if any(location.values()) and location not in found:
            found.append(location)
    return found


def is_remote(posting: Node) -> bool:
    kinds = [text(kind) or "" for kind in as_list(posting.get("jobLocationType"))]
    return any(kind.upper() == "TELECOMMUTE" for kind in kinds)


def applicant_locations(posting: Node, ids: dict[str, Node]) -> list[str]:
    names = []
    for place in as_list(posting.get("applicantLocationRequirements")):
        name = text(place, ids)
        if name and name not in names:
            names.append(name)
    return names


def employment_types(posting: Node) -> list[str] | None:
    found = []
    for value in as_list(posting.get("employmentType")):
        line = text(value)
        if not line:
            continue
        for part in re.split(r"[,;/|]|\band\b", line):
            key = re.sub(r"[\s-]+", "_", part.strip().upper())
            kind = EMPLOYMENT_ALIASES.get(key)
            if kind and kind not in found:
                found.append(kind)
    return found or None


def salary(posting: Node) -> dict[str, Any]:
    """salary_min, salary_max, salary_currency, salary_period from baseSalary (or, failing
    that, estimatedSalary): a MonetaryAmount with a range or one value, a number, a string."""
    result: dict[str, Any] = dict.fromkeys(
        ("salary_min", "salary_max", "salary_currency", "salary_period")
    )
    raw = first(posting.get("baseSalary"))
    if raw in (None, "", {}):
        raw = first(posting.get("estimatedSalary"))
    low = high = None
    unit = None
    if isinstance(raw, dict):
        result["salary_currency"] = currency(raw.get("currency"))
        unit = raw.get("unitText")
        value = first(raw.get("value"))
        if isinstance(value, dict):
            unit = value.get("unitText") or unit
            low = number(value.get("minValue"))
            high = number(value.get("maxValue"))
            if low is None and high is None:
                low = high = number(value.get("value"))
        elif isinstance(value, str):
            low, high, sign = salary_text(value)
            result["salary_currency"] = result["salary_currency"] or sign
        else:
            low = high = number(value)
        if low is None and high is None:
            low, high = number(raw.get("minValue")), number(raw.get("maxValue"))
    elif isinstance(raw, str):
        low, high, result["salary_currency"] = salary_text(raw)
    else:
        low = high = number(raw)
    if low is not None and high is not None and low > high:
        low, high = high, low
    result["salary_min"], result["salary_max"] = low, high
    period = text(unit)
    if period:
        result["salary_period"] = PERIODS.get(re.sub(r"[\s-]+", "_", period.upper()))
    return result


def salary_text(value: str) -> tuple[int | float | None, int | float | None, str | None]:
    """ "$120,000 - $150,000" or "USD 90000" as (low, high, currency)."""
    parts = [p for p in re.split(r"\s+(?:-|–|—|to)\s+|(?<=\d)\s*[–—-]\s*(?=\D?\d)", value) if p]
    amounts = [number(p) for p in parts[:2]]
    signs = [Price.fromstring(p).currency for p in parts[:2]]
    code = next((currency(s) for s in signs if s and currency(s)), None)
    found = [a for a in amounts if a is not None]
    if not found:
        return None, None, code
    return found[0], found[-1], code


def skills(posting: Node) -> list[str] | None:
    found: list[str] = []
    for value in as_list(posting.get("skills")):
        if isinstance(value, dict):
            names = [text(value)]
        elif isinstance(value, str):
            names = [text(p) for p in re.split(r"[,;\n•]", block_text(value) or "")]
        else:
            names = []
        for name in names:
            if name and name not in found:
                found.append(name)
    return found or None


def experience_months(posting: Node) -> int | None:
    for value in as_list(posting.get("experienceRequirements")):
        if isinstance(value, dict):
            months = first(value.get("monthsOfExperience"))
            if isinstance(months, str):
                months = number(months) if months.strip().replace(".", "", 1).isdigit() else None
            sane = isinstance(months, int | float) and not isinstance(months, bool)
            if sane and math.isfinite(months) and 0 <= months <= 12 * 60:
                return int(months)
    return None


def education(posting: Node) -> str | None:
    names = []
    for value in as_list(posting.get("educationRequirements")):
        if isinstance(value, dict):
            name = text(value.get("credentialCategory")) or text(value)
            name = name or block_text(value.get("description"))
        else:
            name = block_text(value)
        if name and name not in names:
            names.append(name)
    return "; ".join(names) or None


def read_posting(posting: Node, ids: dict[str, Node]) -> dict[str, Any]:
    """The posting in Onward's words; every key always present, absent values None."""
    experience = posting.get("experienceRequirements")
    return {
        "title": text(posting.get("title")) or text(posting.get("name")),
        "company": company(posting, ids),
        "locations": locations(posting, ids),
        "remote": is_remote(posting),
        "applicant_locations": applicant_locations(posting, ids),
        "employment_types": employment_types(posting),
        **salary(posting),
        "date_posted": day(posting.get("datePosted")),
        "valid_through": day(posting.get("validThrough")),
        "description": block_text(posting.get("description")),
        "skills": skills(posting),
        "qualifications": block_text(posting.get("qualifications")),
        "experience_months": experience_months(posting) if experience is not None else None,
        "education": education(posting),
    }


POSTING_KEYS = tuple(read_posting({}, {}))
