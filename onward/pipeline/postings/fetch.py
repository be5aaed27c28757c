"""Fetching a job page for the user, safely on a server many people share.

Only when the user asks (the import page, the API, the command). Only http(s); the host is
resolved once and every address it has must be public (no loopback, private, link-local,
cloud-metadata or other reserved range) unless ONWARD_FETCH_ALLOW_PRIVATE is on; the
connection then goes to the address that was checked (so a second DNS answer cannot swap in
an internal one), and each redirect is checked the same way. The body is capped in size and
the whole exchange in time. ONWARD_FETCH_POSTINGS=off turns fetching off altogether.

The standard library does this: pinning the checked address needs control over the socket,
which urllib's and requests' public interfaces do not give.
"""

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings

MAX_BYTES = 5 * 1024 * 1024
TIMEOUT_SECONDS = 10.0
MAX_REDIRECTS = 5
CHUNK = 64 * 1024
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml")
USER_AGENT = "Onward/1 (a job-search tracker, saving one posting for its user)"


class FetchError(Exception):
    """The page could not be fetched; the message says why, in words for the user."""


@dataclass
class Fetched:
    url: str  # after redirects
    body: bytes
    content_type: str


class PinnedHTTPConnection(http.client.HTTPConnection):
    """Talks to ``address`` while naming ``host`` in the request (the checked address only)."""

    def __init__(self, host: str, port: int, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class PinnedHTTPSConnection(http.client.HTTPSConnection):
    """As above, with TLS checked against the host's name (SNI and the certificate)."""

    def __init__(self, host: str, port: int, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self) -> None:
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def address_allowed(address: str) -> bool:
    """Public unicast addresses only (unless the server's owner allows private ones)."""
    if settings.ONWARD_FETCH_ALLOW_PRIVATE:
        return True
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def checked_addresses(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, ValueError) as exc:
        raise FetchError(f"The address {host!r} could not be found.") from exc
    addresses = [str(info[4][0]) for info in infos]
    if not addresses:
        raise FetchError(f"The address {host!r} could not be found.")
    if not all(address_allowed(a) for a in addresses):
        raise FetchError(
            f"{host} is on a private or local network; Onward fetches only public pages. "
            "Paste the page, upload it, or use the bookmarklet instead."
        )
    return list(dict.fromkeys(addresses))


def fetch_page(
    url: str, *, max_bytes: int = MAX_BYTES, timeout: float = TIMEOUT_SECONDS
) -> Fetched:
    """The page at ``url``; raises FetchError with a sentence for the user."""
    if not settings.ONWARD_FETCH_POSTINGS:
        raise FetchError(
            "Fetching pages is turned off on this server: paste the page, upload it, or use "
            "the bookmarklet."
        )
    deadline = time.monotonic() + timeout
    for _ in range(MAX_REDIRECTS + 1):
        response, connection = request(url, deadline, timeout)
        try:
            if response.status in (301, 302, 303, 307, 308):
                location = response.getheader("Location")
                if not location:
                    raise FetchError(f"The site answered {response.status} with nowhere to go.")
                url = urljoin(url, location.strip())
                continue
            if response.status >= 400:
                raise FetchError(f"The site answered {response.status} {response.reason}.")
            content_type = response.getheader("Content-Type") or ""
            kind = content_type.split(";")[0].strip().lower()
            if kind and kind not in PAGE_TYPES:
                raise FetchError(f"That address is not a web page ({kind}).")
            body = read_capped(response, connection, max_bytes, deadline)
            return Fetched(url=url, body=body, content_type=content_type)
        finally:
            connection.close()
    raise FetchError(f"The site redirected more than {MAX_REDIRECTS} times.")


def request(url: str, deadline: float, timeout: float):
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise FetchError("That is not a web address.") from exc
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError("Only http:// and https:// addresses can be fetched.")
    if parts.username or parts.password:
        raise FetchError("Addresses with a user name or password are not fetched.")
    secure = parts.scheme == "https"
    port = port or (443 if secure else 80)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    connection_class = PinnedHTTPSConnection if secure else PinnedHTTPConnection
    failure: Exception | None = None
    # Each checked address in turn (an IPv6 one may be unreachable from here), within the time.
    for address in checked_addresses(parts.hostname, port):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        connection = connection_class(parts.hostname, port, address, min(timeout, remaining))
        try:
            connection.request(
                "GET", path, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.5"}
            )
            return connection.getresponse(), connection
        except (OSError, http.client.HTTPException) as exc:
            connection.close()
            failure = exc
    reason = describe(failure) if failure else "it took too long"
    raise FetchError(f"{parts.hostname} could not be reached ({reason}).")


def read_capped(response, connection, max_bytes: int, deadline: float) -> bytes:
    declared = response.getheader("Content-Length")
    if declared and declared.strip().isdigit() and int(declared) > max_bytes:
        raise FetchError(f"The page is larger than {max_bytes // (1024 * 1024)} MB.")
    chunks, size = [], 0
    try:
        while True:
            if time.monotonic() > deadline:
                raise FetchError("The site took too long to send the page.")
            chunk = response.read1(CHUNK) if hasattr(response, "read1") else response.read(CHUNK)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(f"The page is larger than {max_bytes // (1024 * 1024)} MB.")
            chunks.append(chunk)
    except (OSError, http.client.HTTPException) as exc:
        raise FetchError(f"The page could not be read ({describe(exc)}).") from exc
    return b"".join(chunks)


def describe(exc: Exception) -> str:
    if isinstance(exc, TimeoutError | socket.timeout):
        return "it took too long"
    return str(exc) or type(exc).__name__
