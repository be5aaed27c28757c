"""Reading what the model answers when it was asked for JSON: leniently (json-repair takes a
fenced block, a sentence around the object, a missing brace), then strictly: every value is
checked for its type and range, keys that were not asked for are ignored, and an answer with
nothing usable is a ModelError saying so, for the user."""

import re
from typing import Any

import json_repair

from onward.inbox.classify import KINDS
from onward.pipeline.models import WorkMode
from onward.pipeline.postings.fields import PERIODS, clean_line, currency, day, number
from onward.pipeline.postings.saving import SALARY_LIMIT

from .llm import ModelError

# The form fields a posting answer may fill, with the labels the suggestion shows.
POSTING_FIELDS = {
    "title": "Role title",
    "company": "Company",
    "location": "Location",
    "work_mode": "Work mode",
    "salary_min": "Salary from",
    "salary_max": "Salary to",
    "salary_currency": "Currency",
    "salary_period": "Salary per",
    "deadline": "Deadline",
}
# What small models write instead of null.
NOTHING = {"", "null", "none", "n/a", "na", "unknown", "not specified", "not stated", "-"}
WORK_MODES = {
    "remote": WorkMode.REMOTE,
    "hybrid": WorkMode.HYBRID,
    "onsite": WorkMode.ONSITE,
    "on-site": WorkMode.ONSITE,
    "on site": WorkMode.ONSITE,
    "office": WorkMode.ONSITE,
    "in office": WorkMode.ONSITE,
}
REASON_LIMIT = 300
# An amount alone, perhaps after a currency sign or code.
AMOUNT = re.compile(r"\s*[^\d\s]{0,3}\s*\d[\d,.\s]*")


def json_object(answer: str) -> dict[str, Any]:
    try:
        value = json_repair.loads(answer)
    except Exception:  # json-repair is lenient, but an answer is untrusted text
        value = None
    if not isinstance(value, dict):
        raise ModelError(
            "The model did not answer with the JSON object it was asked for, so there is "
            "nothing to suggest. Try again, or try a larger model."
        )
    return value


def is_nothing(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip().casefold() in NOTHING)


def one_line(value: Any) -> str | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    return clean_line(value)[:200] or None


def work_mode(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return WORK_MODES.get(clean_line(value).casefold())


def salary(value: Any) -> int | None:
    """A number, or an amount written alone ("70,000", "€55 000"); "90k-ish" is not one."""
    if isinstance(value, str) and not AMOUNT.fullmatch(value):
        return None
    amount = number(value)
    if amount is None or amount > SALARY_LIMIT:
        return None
    return round(amount)


def period(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return PERIODS.get(re.sub(r"[\s-]+", "_", value.strip().upper()))


READERS = {
    "title": one_line,
    "company": one_line,
    "location": one_line,
    "work_mode": work_mode,
    "salary_min": salary,
    "salary_max": salary,
    "salary_currency": currency,
    "salary_period": period,
    "deadline": day,
}


def posting_answer(answer: str) -> tuple[dict[str, Any], list[str]]:
    """The form fields the answer fills, and the labels of those it gave in a shape that
    cannot be used (left out, so the user knows to look)."""
    data = json_object(answer)
    fields: dict[str, Any] = {}
    left_out = []
    for name, read in READERS.items():
        raw = data.get(name)
        if is_nothing(raw):
            continue
        value = read(raw)
        if value is None:
            left_out.append(POSTING_FIELDS[name])
        else:
            fields[name] = value
    low, high = fields.get("salary_min"), fields.get("salary_max")
    if low is not None and high is not None and low > high:
        fields["salary_min"], fields["salary_max"] = high, low
    if not fields:
        raise ModelError(
            "The model's answer held none of the fields asked for (title, company, location, "
            "salary, deadline...), so there is nothing to suggest."
        )
    return fields, left_out


def email_kind_answer(answer: str) -> tuple[str, str]:
    """The kind the model names (one of the classifier's) and its one-line reason."""
    data = json_object(answer)
    kind = data.get("kind")
    if not isinstance(kind, str) or not kind.strip():
        raise ModelError("The model's answer named no kind of email.")
    kind = clean_line(kind).casefold()
    if kind not in KINDS:
        raise ModelError(
            f"The model answered “{kind[:40]}”, which is not a kind Onward knows "
            f"({', '.join(KINDS)}), so its answer is left out."
        )
    reason = data.get("reason")
    reason = clean_line(reason)[:REASON_LIMIT] if isinstance(reason, str) else ""
    return kind, reason
