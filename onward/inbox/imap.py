"""The only code that talks to an IMAP server, with the standard library's ``imaplib``.

It reads and never writes: the folder is opened with EXAMINE (``select(readonly=True)``) and
messages are fetched with ``BODY.PEEK``, so nothing is marked as read, moved or deleted.
Tests replace :func:`connect` with a fake server.
"""

import contextlib
import imaplib
import re
import socket
import ssl
from dataclasses import dataclass, field
from datetime import date

# Headers and at most this much of the text of each message.
BODY_BYTES = 4096
# At most this many messages per check; the next check goes on from there.
BATCH = 200
TIMEOUT_SECONDS = 20
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class MailboxError(Exception):
    """Reading the mailbox failed; the message says why in plain words."""


@dataclass
class Fetched:
    uid_validity: int
    # (UID, headers + the start of the text), in UID order.
    messages: list[tuple[int, bytes]] = field(default_factory=list)
    # Whether more new messages wait beyond this batch.
    more: bool = False


def connect(host: str, port: int, timeout: float) -> imaplib.IMAP4:
    """An IMAP connection over TLS (the one place a socket is opened)."""
    return imaplib.IMAP4_SSL(host, port, timeout=timeout)


def quote(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def imap_date(day: date) -> str:
    """A date as IMAP SEARCH wants it (English month names whatever the locale)."""
    return f"{day.day:02d}-{MONTHS[day.month - 1]}-{day.year}"


def plain_error(exc: BaseException) -> str:
    """What went wrong, for a person."""
    if isinstance(exc, MailboxError):
        return str(exc)
    if isinstance(exc, socket.gaierror):
        return "The server name could not be found. Check the IMAP server."
    if isinstance(exc, TimeoutError | socket.timeout):
        return "The server did not answer in time. Check the server and port."
    if isinstance(exc, ConnectionRefusedError):
        return "The server refused the connection. Check the port (IMAP over TLS is usually 993)."
    if isinstance(exc, ssl.SSLError):
        return f"A secure (TLS) connection could not be made: {exc.reason or exc}."
    if isinstance(exc, imaplib.IMAP4.error):
        detail = str(exc.args[0] if exc.args else exc)
        if isinstance(exc.args[0] if exc.args else None, bytes):
            detail = exc.args[0].decode("utf-8", "replace")
        return f"The server said: {detail}"
    if isinstance(exc, OSError):
        return f"The connection failed: {exc.strerror or exc}."
    return f"Unexpected error: {type(exc).__name__}."


def _ok(response: tuple[str, list], what: str) -> list:
    status, data = response
    if status != "OK":
        detail = b" ".join(d for d in data if isinstance(d, bytes)).decode("utf-8", "replace")
        raise MailboxError(f"The server refused to {what}: {detail or status}")
    return data


def _open(host: str, port: int, username: str, password: str, timeout: float) -> imaplib.IMAP4:
    conn = connect(host, port, timeout)
    try:
        conn.login(username, password)
    except BaseException:
        _close(conn)
        raise
    return conn


def _close(conn: imaplib.IMAP4) -> None:
    with contextlib.suppress(Exception):  # already gone: nothing to tidy
        conn.logout()


def _examine(conn: imaplib.IMAP4, folder: str) -> int:
    """Open ``folder`` read-only; its UIDVALIDITY."""
    _ok(conn.select(quote(folder), readonly=True), f"open the folder {folder!r}")
    _, data = conn.response("UIDVALIDITY")
    try:
        return int(data[0])
    except (TypeError, ValueError, IndexError):
        raise MailboxError("The server did not give the folder's UIDVALIDITY.") from None


def _uids(data: list) -> list[int]:
    return sorted({int(n) for chunk in data if chunk for n in chunk.split() if n.isdigit()})


def _fetch_one(conn: imaplib.IMAP4, uid: int) -> bytes:
    data = _ok(
        conn.uid("FETCH", str(uid), f"(BODY.PEEK[HEADER] BODY.PEEK[TEXT]<0.{BODY_BYTES}>)"),
        "send a message",
    )
    header = text = b""
    for item in data:
        if isinstance(item, tuple) and len(item) == 2:
            prefix, literal = item
            if re.search(rb"BODY\[HEADER\]", prefix):
                header = literal
            elif re.search(rb"BODY\[TEXT\]", prefix):
                text = literal
    if header and not header.endswith(b"\r\n\r\n") and not header.endswith(b"\n\n"):
        header += b"\r\n"
    return header + text


def check_login(host: str, port: int, username: str, password: str, folder: str) -> int:
    """Log in and open the folder; the number of the folder's UIDVALIDITY. Raises on failure."""
    conn = _open(host, port, username, password, timeout=10)
    try:
        return _examine(conn, folder)
    finally:
        _close(conn)


def fetch_new(
    host: str,
    port: int,
    username: str,
    password: str,
    folder: str,
    *,
    uid_validity: int | None,
    last_uid: int,
    since: date,
) -> Fetched:
    """The messages with a UID above ``last_uid``; when reading from scratch (no UIDVALIDITY
    yet, or the server's changed) only those that arrived ``since``."""
    conn = _open(host, port, username, password, timeout=TIMEOUT_SECONDS)
    try:
        validity = _examine(conn, folder)
        if uid_validity is None or validity != uid_validity:
            data = _ok(conn.uid("SEARCH", "SINCE", imap_date(since)), "search")
            uids = _uids(data)
        else:
            data = _ok(conn.uid("SEARCH", "UID", f"{last_uid + 1}:*"), "search")
            # "n:*" always includes the newest message, even when its UID is below n.
            uids = [uid for uid in _uids(data) if uid > last_uid]
        fetched = Fetched(uid_validity=validity, more=len(uids) > BATCH)
        fetched.messages = [(uid, _fetch_one(conn, uid)) for uid in uids[:BATCH]]
        return fetched
    finally:
        _close(conn)
