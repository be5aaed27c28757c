"""The only code that talks to an IMAP server, with the standard library's ``imaplib``.

It reads and never writes: the folder is opened with EXAMINE (``select(readonly=True)``) and
messages are fetched with ``BODY.PEEK``, so nothing is marked as read, moved or deleted.

The password is sent only over TLS whose certificate the system's trust store (or
``ONWARD_INBOX_CA_FILE``) vouches for and whose name is the server's: the handshake happens
when connecting, before LOGIN, so a server that fails it never sees the password. The server
name must resolve to public addresses only (a user must not make this server probe its own
network or a cloud metadata service) unless ``ONWARD_INBOX_ALLOW_PRIVATE`` is on, and the
connection goes to the address that was checked. Tests replace :func:`connect` with a fake.
"""

import contextlib
import imaplib
import ipaddress
import re
import socket
import ssl
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings

# Headers and at most this much of the text of each message.
BODY_BYTES = 4096
# At most this many messages per check; the next check goes on from there.
BATCH = 200
TIMEOUT_SECONDS = 20
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class MailboxError(Exception):
    """Reading the mailbox failed; the message says why in plain words."""


# Never reachable from a mail check: loopback, private, link-local (cloud metadata services at
# 169.254.169.254 and fd00:ec2::254 among them), shared carrier-grade NAT, multicast, reserved.
SHARED_NAT = ipaddress.ip_network("100.64.0.0/10")
# The one message for every way of not reaching a TLS server, so that the answer does not tell
# a closed port from an open one that speaks something else.
UNREACHABLE = (
    "Could not reach an IMAP server over TLS at that address and port in time. Check the "
    "server name and the port (IMAP over TLS is usually 993)."
)


def is_internal(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or (isinstance(address, ipaddress.IPv4Address) and address in SHARED_NAT)
    )


def public_addresses(host: str, port: int) -> list[tuple[str, int]]:
    """The addresses ``host`` resolves to, refused if any is internal (a name that resolves to
    one public and one private address is refused too) unless ONWARD_INBOX_ALLOW_PRIVATE."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses = list(dict.fromkeys((str(info[4][0]), int(info[4][1])) for info in infos))
    if not settings.ONWARD_INBOX_ALLOW_PRIVATE:
        for address, _ in addresses:
            if is_internal(ipaddress.ip_address(address.split("%")[0])):
                raise MailboxError(
                    "That server is on a private or local network, which this Onward server "
                    "does not connect to. (An administrator can allow it with "
                    "ONWARD_INBOX_ALLOW_PRIVATE, for a local mail bridge.)"
                )
    return addresses


def tls_context() -> ssl.SSLContext:
    """Certificates checked against the system's trust store (plus ONWARD_INBOX_CA_FILE), the
    server name checked against the certificate, TLS 1.2 or newer."""
    context = ssl.create_default_context(cafile=settings.ONWARD_INBOX_CA_FILE or None)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    return context


class _VerifiedIMAP4(imaplib.IMAP4_SSL):
    """IMAP over TLS to one address that was checked, verifying the certificate for ``host``."""

    def __init__(self, host: str, port: int, *, address: tuple[str, int], timeout: float):
        self._address = address
        super().__init__(host, port, ssl_context=tls_context(), timeout=timeout)

    def _create_socket(self, timeout):
        sock = socket.create_connection(self._address, timeout)
        try:
            return self.ssl_context.wrap_socket(sock, server_hostname=self.host)
        except BaseException:
            sock.close()
            raise


@dataclass
class Fetched:
    uid_validity: int
    # (UID, headers + the start of the text), in UID order.
    messages: list[tuple[int, bytes]] = field(default_factory=list)
    # Whether more new messages wait beyond this batch.
    more: bool = False


def connect(host: str, port: int, timeout: float) -> imaplib.IMAP4:
    """An IMAP connection over verified TLS (the one place a socket is opened)."""
    addresses = public_addresses(host, port)
    failure: Exception = MailboxError(UNREACHABLE)
    for address in addresses[:3]:
        try:
            return _VerifiedIMAP4(host, port, address=address, timeout=timeout)
        except ssl.SSLCertVerificationError:
            raise  # the server answered, with a certificate that is not to be trusted
        except (OSError, imaplib.IMAP4.error) as exc:
            failure = exc
    raise failure


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
    if isinstance(exc, ssl.SSLCertVerificationError):
        return (
            "The server's certificate could not be verified "
            f"({exc.verify_message or exc.reason}), so Onward did not send your password. "
            "Check the server name; a server with a self-signed certificate is not trusted."
        )
    if isinstance(exc, imaplib.IMAP4.abort) or (
        isinstance(exc, OSError) and not isinstance(exc, imaplib.IMAP4.error)
    ):
        return UNREACHABLE  # refused, timed out, reset, not TLS, not IMAP: all alike
    if isinstance(exc, imaplib.IMAP4.error):
        detail = str(exc.args[0] if exc.args else exc)
        if isinstance(exc.args[0] if exc.args else None, bytes):
            detail = exc.args[0].decode("utf-8", "replace")
        return f"The server said: {detail}"
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


# A connection check from the settings page waits at most this long for each step.
CHECK_TIMEOUT_SECONDS = 8


def check_login(host: str, port: int, username: str, password: str, folder: str) -> int:
    """Log in and open the folder; the number of the folder's UIDVALIDITY. Raises on failure."""
    conn = _open(host, port, username, password, timeout=CHECK_TIMEOUT_SECONDS)
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
