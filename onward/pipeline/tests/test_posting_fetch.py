"""Fetching a posting's page safely: a local HTTP server plays the job board."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from onward.pipeline.postings import FetchError, read_url
from onward.pipeline.postings.fetch import address_allowed, fetch_page

from .test_posting_parser import CORPUS

PAGES = {
    "/job": (200, "text/html; charset=windows-1252", (CORPUS / "windows_1252.html").read_bytes()),
    # The same page, its charset given only by the server (the page's own meta removed).
    "/job-header-charset": (
        200,
        "text/html; charset=windows-1252",
        (CORPUS / "windows_1252.html")
        .read_bytes()
        .replace(
            b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">', b""
        ),
    ),
    "/pdf": (200, "application/pdf", b"%PDF-1.7"),
    "/gone": (404, "text/html", b"Not here"),
    "/huge": (200, "text/html", b"<p>" + b"x" * (300 * 1024)),
}


class Board(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path.startswith("/redirect-to-"):
            self.send_response(302)
            self.send_header("Location", self.path.removeprefix("/redirect-to-"))
            self.end_headers()
            return
        if self.path == "/loop":
            self.send_response(301)
            self.send_header("Location", "/loop")
            self.end_headers()
            return
        status, kind, body = PAGES.get(self.path, (404, "text/plain", b""))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def board():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Board)
    # Polled every 10 ms (not 0.5 s), so that shutdown() does not hold each test half a second.
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def private_allowed(settings):
    settings.ONWARD_FETCH_ALLOW_PRIVATE = True
    settings.ONWARD_FETCH_POSTINGS = True


def test_it_fetches_and_reads_a_page_in_its_declared_charset(board, private_allowed):
    for path in ("/job", "/job-header-charset"):
        reading = read_url(board + path)
        assert reading.postings[0]["company"] == "Coopérative Élan"
        assert reading.url == board + path


def test_it_follows_a_redirect_and_keeps_the_final_address(board, private_allowed):
    reading = read_url(f"{board}/redirect-to-/job")
    assert reading.url == board + "/job"


@pytest.mark.parametrize(
    "path, message",
    [
        ("/pdf", "That address is not a web page (application/pdf)."),
        ("/gone", "The site answered 404 Not Found."),
        ("/loop", "The site redirected more than 5 times."),
    ],
)
def test_it_says_why_a_page_could_not_be_fetched(board, private_allowed, path, message):
    with pytest.raises(FetchError, match=message.replace("(", r"\(").replace(")", r"\)")):
        fetch_page(board + path)


def test_it_caps_the_size(board, private_allowed):
    with pytest.raises(FetchError, match="larger than"):
        fetch_page(board + "/huge", max_bytes=100 * 1024)


def test_it_gives_up_on_a_silent_server(private_allowed):
    import socket

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    try:
        with pytest.raises(FetchError, match="took too long"):
            fetch_page(f"http://127.0.0.1:{silent.getsockname()[1]}/", timeout=0.5)
    finally:
        silent.close()


def test_it_refuses_local_addresses_and_redirects_to_them(board, settings):
    settings.ONWARD_FETCH_ALLOW_PRIVATE = False
    with pytest.raises(FetchError, match="private or local network"):
        fetch_page(board + "/job")
    with pytest.raises(FetchError, match="private or local network"):
        fetch_page("http://localhost:1/")


def test_a_redirect_from_an_allowed_host_to_a_private_one_is_refused(board, settings, monkeypatch):
    """The board is let through (as a public host would be); its redirect to the cloud metadata
    address is checked again and refused."""
    from onward.pipeline.postings import fetch

    real = fetch.address_allowed
    monkeypatch.setattr(fetch, "address_allowed", lambda a: a == "127.0.0.1" or real(a))
    settings.ONWARD_FETCH_ALLOW_PRIVATE = False
    with pytest.raises(FetchError, match="private or local network"):
        fetch_page(f"{board}/redirect-to-http://169.254.169.254/latest/meta-data/")


@pytest.mark.parametrize(
    "address, allowed",
    [
        ("93.184.216.34", True),
        ("2606:2800:220:1::1", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.9", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),
        ("::1", False),
        ("fe80::1", False),
        ("fd00:ec2::254", False),
        ("::ffff:127.0.0.1", False),
        ("224.0.0.1", False),
    ],
)
def test_only_public_addresses_are_allowed(settings, address, allowed):
    settings.ONWARD_FETCH_ALLOW_PRIVATE = False
    assert address_allowed(address) is allowed


@pytest.mark.parametrize(
    "url, message",
    [
        ("file:///etc/passwd", "Only http:// and https://"),
        ("gopher://example.com/", "Only http:// and https://"),
        ("http://user:secret@example.com/", "user name or password"),
        ("http://example.com:99999/", "not a web address"),
        ("http:///nohost", "Only http:// and https://"),
    ],
)
def test_it_refuses_what_is_not_an_http_address(private_allowed, url, message):
    with pytest.raises(FetchError, match=message):
        fetch_page(url)


def test_fetching_can_be_turned_off(settings):
    settings.ONWARD_FETCH_POSTINGS = False
    with pytest.raises(FetchError, match="turned off"):
        fetch_page("https://example.com/")
