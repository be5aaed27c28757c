"""Read what Onward keeps of a message (headers and a snippet) with the standard library's
``email`` package. Mail is written by strangers: nothing here may raise on odd input."""

import hashlib
import html
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime

from django.utils.html import strip_tags

SNIPPET_LENGTH = 400
MESSAGE_ID_LENGTH = 255


@dataclass(frozen=True)
class ParsedMessage:
    message_id: str
    from_address: str
    from_name: str
    subject: str
    received_at: datetime
    snippet: str

    @property
    def domain(self) -> str:
        return self.from_address.rpartition("@")[2]


def _header(message: EmailMessage, name: str) -> str:
    try:
        value = message.get(name)
    except Exception:  # a header the parser cannot make sense of counts as missing
        return ""
    return " ".join(str(value).split()) if value is not None else ""


def _sender(message: EmailMessage) -> tuple[str, str]:
    """(address in lower case, display name) of the first From address, or ("", "")."""
    try:
        addresses = message["From"].addresses if message["From"] is not None else ()
        if addresses:
            return addresses[0].addr_spec.strip().lower(), str(addresses[0].display_name)
    except Exception:  # fall back to the lenient parser below
        pass
    raw = _header(message, "From")
    pairs = getaddresses([raw]) if raw else []
    name, address = pairs[0] if pairs else ("", "")
    return address.strip().lower(), name


def _date(message: EmailMessage, fallback: datetime) -> datetime:
    try:
        when = parsedate_to_datetime(_header(message, "Date"))
    except Exception:  # missing or unreadable: when we fetched it
        return fallback
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    if when.year < 1990 or when > fallback:
        return fallback
    return when


def _snippet(message: EmailMessage) -> str:
    try:
        part = message.get_body(preferencelist=("plain", "html"))
        if part is None:
            return ""
        text = part.get_content()
        if not isinstance(text, str):
            return ""
        if part.get_content_type() == "text/html":
            text = html.unescape(strip_tags(text))  # shown escaped again by the template
    except Exception:  # a truncated or oddly encoded body: no snippet rather than no signal
        return ""
    # Drop quoted replies, then collapse whitespace.
    lines = [line for line in text.splitlines() if not line.lstrip().startswith(">")]
    text = " ".join(" ".join(lines).split())
    return text[:SNIPPET_LENGTH].rstrip() + ("…" if len(text) > SNIPPET_LENGTH else "")


def storable(text: str) -> str:
    """Text the databases accept: raw 8-bit bytes in a header come out of the parser as lone
    surrogates (decoded here as the UTF-8 they usually are), and PostgreSQL refuses NUL."""
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return text.replace("\x00", "")


def message_key(message_id: str, *fallback_parts: str) -> str:
    """The Message-ID to store: as sent when it fits, else a digest of it (or, for a message
    with none, of its sender, date and subject), so the same message always gets the same key."""
    message_id = message_id.strip()
    if message_id and len(message_id) <= MESSAGE_ID_LENGTH:
        return message_id
    source = message_id or "\n".join(fallback_parts)
    return "sha256:" + hashlib.sha256(source.encode("utf-8", "replace")).hexdigest()


def parse_message(raw: bytes, *, fetched_at: datetime) -> ParsedMessage | None:
    """The parts Onward keeps of a message (headers plus the start of its text), or None
    when it has no sender address to match."""
    try:
        message = BytesParser(policy=policy.default).parsebytes(raw)
    except Exception:  # the parser is lenient; this is a last resort
        return None
    assert isinstance(message, EmailMessage)
    address, name = _sender(message)
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", address):
        return None
    subject = _header(message, "Subject")
    received_at = _date(message, fetched_at)
    address, name, subject = storable(address), storable(name), storable(subject)
    return ParsedMessage(
        message_id=storable(
            message_key(_header(message, "Message-ID"), address, received_at.isoformat(), subject)
        ),
        from_address=address[:254],
        from_name=" ".join(name.split())[:200],
        subject=subject[:300],
        received_at=received_at,
        snippet=storable(_snippet(message)),
    )
