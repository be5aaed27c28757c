"""Read what Onward keeps of a message (headers and a snippet) with the standard library's
``email`` package. Mail is written by strangers: nothing here may raise on odd input."""

import functools
import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.headerregistry import BaseHeader, HeaderRegistry
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.policy import EmailPolicy
from email.utils import getaddresses, parsedate_to_datetime
from html.parser import HTMLParser

SNIPPET_LENGTH = 400
MESSAGE_ID_LENGTH = 255
# What the classifier and the company/role finder read of a message's own text.
TEXT_LENGTH = 4000


class _Registry(HeaderRegistry):
    """The standard header registry, building each header class once: the stock one makes a
    new class on every header read."""

    @functools.cache  # noqa: B019 (one registry for the life of the process)
    def __getitem__(self, name: str) -> type[BaseHeader]:
        return super().__getitem__(name)


_BASE = policy.default.clone(header_factory=_Registry())


@functools.lru_cache(maxsize=4096)
def _parsed_header(name: str, value: str) -> BaseHeader:
    return _BASE.header_fetch_parse(name, value)


class _Policy(EmailPolicy):
    """``policy.default`` (the modern API: decoded headers, get_body, get_content), remembering
    the headers it parsed: ``get_body`` reads each part's Content-Type a dozen times, and the
    stock policy parses it afresh every time (most of the time spent on a message). Header
    objects are immutable, so sharing them is safe."""

    def header_fetch_parse(self, name, value):
        if hasattr(value, "name") or not isinstance(value, str):
            return super().header_fetch_parse(name, value)
        return _parsed_header(name, value)


POLICY = _Policy(header_factory=_Registry())


@dataclass(frozen=True)
class ParsedMessage:
    message_id: str
    from_address: str
    from_name: str
    subject: str
    received_at: datetime
    snippet: str
    # The message's own words (quoted history cut off), for the classifier; not stored.
    text: str = ""

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


class _TextOfHTML(HTMLParser):
    """The visible text of an HTML body, a line per block, without what a client shows as
    quoted history (``<blockquote>``, Gmail's and Outlook's quote containers)."""

    BLOCKS = frozenset(
        {"br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "table", "ul", "ol", "hr"}
    )
    HIDDEN = frozenset({"script", "style", "head", "title", "blockquote"})
    VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "wbr", "col", "area", "base"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[bool] = []  # per open element: whether it hides its content

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n")
        if tag in self.VOID:
            return
        classes = " ".join(v or "" for k, v in attrs if k in ("class", "id"))
        hides = tag in self.HIDDEN or bool(
            re.search(r"gmail_quote|divRplyFwdMsg|moz-cite-prefix|yahoo_quoted", classes)
        )
        self.stack.append(hides)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if self.stack:
            self.stack.pop()
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not any(self.stack):
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    parser = _TextOfHTML()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:  # a broken document: what was read so far
        pass
    text = "".join(parser.parts).replace("\xa0", " ")
    return "\n".join(" ".join(line.split()) for line in text.splitlines())


# Where a reply's quoted history starts, in the clients and languages recruiting mail comes in:
# "On ... wrote:" (maybe wrapped over two lines), "-----Original Message-----", Outlook's
# "From: / Sent:" block and its underscore rule.
_ATTRIBUTION = re.compile(
    r"^[ \t]*(?:On|Am|Le|El|Il|Op)\b[^\n]{0,250}(?:\n[^\n]{0,250})?"
    r"(?:(?:wrote|a écrit|a ecrit|escribió|escribio|ha scritto|schreef)\s*:"
    r"|schrieb\b[^\n]{0,250}:[ \t]*$)",
    re.MULTILINE,
)
_SEPARATOR = re.compile(
    r"^[ \t]*(?:-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Message d'origine|"
    r"Mensaje original|Forwarded message|Weitergeleitete Nachricht)\s*-{2,}|_{10,})"
    r"|^[ \t]*(?:From|Von|De)\s*:[^\n]*\n(?:[^\n]*\n){0,2}?[ \t]*"
    r"(?:Sent|Date|Gesendet|Datum|Envoyé|Enviado|Fecha)\s*:",
    re.MULTILINE | re.IGNORECASE,
)


def strip_quoted(text: str) -> str:
    """The new part of a reply: the text before its quoted history, without "> " lines."""
    cut = len(text)
    for pattern in (_ATTRIBUTION, _SEPARATOR):
        found = pattern.search(text)
        if found is not None and found.start() > 0:
            cut = min(cut, found.start())
    lines = [line for line in text[:cut].splitlines() if not line.lstrip().startswith(">")]
    return "\n".join(lines).strip()


def _part_text(part: Message) -> str:
    """A text part decoded: by its declared charset, else UTF-8, else Latin-1, never raising."""
    try:
        content = part.get_content()  # type: ignore[attr-defined]
        if isinstance(content, str):
            return content
    except Exception:  # an unknown charset or a broken transfer encoding: decode it ourselves
        pass
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    for charset in (part.get_content_charset() or "utf-8", "utf-8"):
        try:
            return payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
    return payload.decode("latin-1")


def body_text(message: EmailMessage) -> str:
    """The message's own text: the plain part (else its HTML as text), quoted history cut."""
    try:
        part = message.get_body(preferencelist=("plain", "html"))
    except Exception:  # a malformed structure: nothing readable
        return ""
    if part is None:
        return ""
    text = _part_text(part)
    if part.get_content_type() == "text/html" or "<html" in text[:500].lower():
        text = html_to_text(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return strip_quoted(text)[:TEXT_LENGTH]


def _snippet(text: str) -> str:
    text = " ".join(text.split())
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


def parse_message(
    raw: bytes, *, fetched_at: datetime, need_sender: bool = True
) -> ParsedMessage | None:
    """The parts Onward keeps of a message (headers plus the start of its text), or None
    when it has no sender address to match (unless ``need_sender`` is False)."""
    try:
        message = BytesParser(policy=POLICY).parsebytes(raw)
    except Exception:  # the parser is lenient; this is a last resort
        return None
    assert isinstance(message, EmailMessage)
    address, name = _sender(message)
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", address):
        if need_sender:
            return None
        address = ""
    subject = _header(message, "Subject")
    received_at = _date(message, fetched_at)
    address, name, subject = storable(address), storable(name), storable(subject)
    text = storable(body_text(message))
    return ParsedMessage(
        message_id=storable(
            message_key(_header(message, "Message-ID"), address, received_at.isoformat(), subject)
        ),
        from_address=address[:254],
        from_name=" ".join(name.split())[:200],
        subject=subject[:300],
        received_at=received_at,
        snippet=_snippet(text),
        text=text,
    )
