"""onward.asgi's BufferedWsgi: Django's WSGI handler served over ASGI, each request's body read
in full on the event loop before a request thread runs the application."""

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

from onward.asgi import BufferedWsgi, wsgi_environ


def scope(method="GET", path="/", headers=(), query=b""):
    return {
        "type": "http",
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "root_path": "",
        "query_string": query,
        "headers": list(headers),
        "client": ("10.0.0.7", 50000),
        "server": ("127.0.0.1", 8000),
    }


def serve(app, scope, messages):
    """Run one request through app; the messages sent back."""
    sent = []
    incoming = list(messages)

    async def receive():
        await asyncio.sleep(0)  # each part arrives on a later turn of the loop
        return incoming.pop(0)

    async def send(message):
        sent.append(message)

    # In a thread of its own: a test before this one on the same worker may keep an event loop
    # running in this thread (Playwright's sync API does), where asyncio.run() refuses to start.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, app(scope, receive, send)).result()
    return sent


def echo(environ, start_response):
    """A WSGI application answering with the body it read and where it ran."""
    body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
    start_response("201 Created", [("Content-Type", "text/plain"), ("X-Thread", "request")])
    return [b"got:", body, f" on {threading.current_thread().name}".encode()]


def test_the_application_sees_the_whole_body_sent_in_parts():
    app = BufferedWsgi(echo, threads=2, spool_bytes=4)  # past 4 bytes, spooled to disk
    parts = [
        {"type": "http.request", "body": b"user", "more_body": True},
        {"type": "http.request", "body": b"name=", "more_body": True},
        {"type": "http.request", "body": b"ada", "more_body": False},
    ]
    headers = [(b"content-type", b"application/x-www-form-urlencoded")]
    # Chunked: no Content-Length header, so the one of what arrived is given.
    sent = serve(app, scope("POST", headers=headers), parts)

    assert sent[0]["status"] == 201
    assert (b"x-thread", b"request") in sent[0]["headers"]
    body = b"".join(m["body"] for m in sent[1:])
    assert body.startswith(b"got:username=ada on request")
    assert not sent[-1].get("more_body")


def test_a_client_gone_before_its_body_arrived_runs_nothing():
    ran = []

    def app(environ, start_response):
        ran.append(environ)
        start_response("200 OK", [])
        return [b""]

    sent = serve(
        BufferedWsgi(app, threads=1, spool_bytes=1024),
        scope("POST", headers=[(b"content-length", b"10")]),
        [{"type": "http.request", "body": b"abc", "more_body": True}, {"type": "http.disconnect"}],
    )

    assert ran == [] and sent == []


def test_a_streamed_answer_is_sent_part_by_part_and_closed():
    closed = []

    class Download:
        streaming = True

        def __iter__(self):
            yield b"one,"
            yield b""
            yield b"two"

        def close(self):
            closed.append(threading.current_thread().name)

    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/csv")])
        return Download()

    sent = serve(
        BufferedWsgi(app, threads=1, spool_bytes=1024),
        scope(),
        [{"type": "http.request", "body": b""}],
    )

    assert [m["type"] for m in sent] == ["http.response.start"] + ["http.response.body"] * 3
    assert [m.get("body") for m in sent[1:]] == [b"one,", b"two", b""]
    # Closed (Django's request_finished) on the request thread that read it.
    assert closed and closed[0].startswith("request")


def test_the_environ_carries_the_request_as_wsgi_has_it():
    environ = wsgi_environ(
        scope(
            "GET",
            path="/applications/Zürich/",
            query=b"sort=company&page=2",
            headers=[
                (b"host", b"onward.example"),
                (b"cookie", b"a=1"),
                (b"cookie", b"b=2"),
                (b"content-type", b"text/plain"),
            ],
        ),
        body=None,
    )

    assert environ["PATH_INFO"] == "/applications/Zürich/".encode().decode("latin1")
    assert environ["QUERY_STRING"] == "sort=company&page=2"
    assert environ["HTTP_HOST"] == "onward.example"
    assert environ["HTTP_COOKIE"] == "a=1; b=2"
    assert environ["CONTENT_TYPE"] == "text/plain"
    assert environ["REMOTE_ADDR"] == "10.0.0.7"
    assert environ["SERVER_PORT"] == "8000"


def test_django_answers_pages_through_it(db):
    from onward.asgi import application

    def get(path):
        return serve(
            application,
            scope("GET", path=path, headers=[(b"host", b"127.0.0.1")]),
            [{"type": "http.request", "body": b""}],
        )

    # No account yet: the login page sends the first visitor to the setup page.
    sent = get("/login/")
    assert sent[0]["status"] == 302
    assert (b"location", b"/setup/") in sent[0]["headers"]
    sent = get("/setup/")
    assert sent[0]["status"] == 200
    assert b"<form" in sent[1]["body"]
    # Its form's CSRF cookie, without the leading space Django's WSGI handler leaves.
    cookies = [value for name, value in sent[0]["headers"] if name == b"set-cookie"]
    assert cookies and cookies[0].startswith(b"csrftoken=")
