"""The ASGI application ``onward serve`` runs (uvicorn in front of Django).

uvicorn reads each request on its event loop; ``BufferedWsgi`` waits until the whole body has
arrived, still on the loop, and only then runs Django's ordinary (WSGI) handler on one of a
fixed set of threads. A slow client holds a coroutine, not a thread. Why not Django's own ASGI
handler: every view here is synchronous, and that handler starts a thread for each request
and hops between it and the loop several times (for the signals, the middleware, the view),
which made the server's cost per request about twice the page's own on a trivial page; a
thread of a fixed set also keeps its database connection from one request to the next.

``BodyLimit`` refuses a body over ``ONWARD_MAX_REQUEST_MB`` as it arrives: from its
Content-Length before reading any of it, or as soon as the bytes received pass the limit (a
chunked body has no length).

``onward serve`` asks uvicorn for ``served_application()``, which first warms the worker up
(``warm_up``): a worker's first request of each page otherwise imported its views and compiled
its templates while a user waited. What it then holds is frozen out of the garbage collector's
full collections.
"""

import asyncio
import contextvars
import gc
import json
import os
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onward.settings")


class BodyTooLarge(Exception):
    pass


class BodyLimit:
    def __init__(self, app, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.limit:
            return await self.refuse(scope, send)
        received = 0
        started = False

        async def counted_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge
            return message

        async def watched_send(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except BodyTooLarge:
            if not started:
                await self.refuse(scope, send)

    async def refuse(self, scope, send):
        megabytes = self.limit / (1 << 20)
        text = f"The request is too large: the limit is {megabytes:g} MB."
        if scope.get("path", "").startswith("/api/"):
            body, kind = json.dumps({"detail": text}).encode(), b"application/json"
        else:
            body, kind = text.encode(), b"text/plain; charset=utf-8"
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                # The rest of the body is not read: the connection cannot be reused.
                "headers": [(b"content-type", kind), (b"connection", b"close")],
            }
        )
        await send({"type": "http.response.body", "body": body})


def wsgi_environ(scope, body) -> dict:
    """The WSGI environ of an ASGI HTTP request whose body has been read into ``body``."""
    # WSGI carries the path as the URL's bytes read as latin-1 (PEP 3333).
    script_name = scope.get("root_path", "").encode().decode("latin1")
    path = scope["path"].encode().decode("latin1")
    if script_name and path.startswith(script_name):
        path = path[len(script_name) :]
    server = scope.get("server") or ("localhost", 80)
    environ = {
        "REQUEST_METHOD": scope["method"],
        "SCRIPT_NAME": script_name,
        "PATH_INFO": path,
        "QUERY_STRING": scope["query_string"].decode("latin1"),
        "SERVER_NAME": server[0],
        "SERVER_PORT": str(server[1]),
        "SERVER_PROTOCOL": f"HTTP/{scope['http_version']}",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": scope.get("scheme", "http"),
        "wsgi.input": body,
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    if scope.get("client"):
        environ["REMOTE_ADDR"] = scope["client"][0]
    for raw_name, raw_value in scope.get("headers", []):
        name = raw_name.decode("latin1").upper().replace("-", "_")
        if name not in ("CONTENT_LENGTH", "CONTENT_TYPE"):
            name = f"HTTP_{name}"
        value = raw_value.decode("latin1")
        # A header sent twice: one value, as HTTP folds them (cookies with "; ").
        if name in environ:
            value = f"{environ[name]}{'; ' if name == 'HTTP_COOKIE' else ','}{value}"
        environ[name] = value
    return environ


class BufferedWsgi:
    """A WSGI application served over ASGI: the body is read in full on the event loop, then
    the application runs on one of ``threads`` threads."""

    def __init__(self, app, threads: int, spool_bytes: int):
        self.app = app
        self.spool_bytes = spool_bytes
        self.executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="request")

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":  # uvicorn runs with lifespan off; no websockets here
            raise ValueError(f"Onward does not serve {scope['type']!r} connections.")
        # In memory up to Django's own threshold for uploads, on disk past it.
        body = tempfile.SpooledTemporaryFile(max_size=self.spool_bytes)  # noqa: SIM115
        try:
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return  # the client went away before sending it all: nothing to answer
                body.write(message.get("body", b""))
                if not message.get("more_body", False):
                    break
            size = body.tell()
            body.seek(0)
            environ = wsgi_environ(scope, body)
            if size and "CONTENT_LENGTH" not in environ:  # a chunked body: now it has a length
                environ["CONTENT_LENGTH"] = str(size)
            loop = asyncio.get_running_loop()
            # A context of its own for each request, as asyncio.to_thread gives.
            run = contextvars.copy_context().run
            answer = await loop.run_in_executor(
                self.executor, run, self.respond, environ, send, loop
            )
        finally:
            body.close()
        if answer is not None:
            head, content = answer
            await send(head)
            await send({"type": "http.response.body", "body": content})

    def respond(self, environ, send, loop) -> tuple[dict, bytes] | None:
        """Run the application, on a request thread. A page (its content in memory) is
        returned, for the loop to send: a client slow to read it holds no thread. A streamed
        answer (a download) is sent from here, each part waiting for the one before to be
        handed over, so that it is never all in memory, and read on the thread that opened
        its database cursor."""
        started: list[dict] = []

        def start_response(status, headers, exc_info=None):
            if exc_info and started:
                raise exc_info[1].with_traceback(exc_info[2])
            started[:] = [
                {
                    "type": "http.response.start",
                    "status": int(status.split(" ", 1)[0]),
                    # Django writes Set-Cookie values with a leading space (WSGI servers
                    # strip it; HTTP does not allow it).
                    "headers": [
                        (name.lower().encode("latin1"), value.strip().encode("latin1"))
                        for name, value in headers
                    ],
                }
            ]

        def deliver(message) -> None:
            asyncio.run_coroutine_threadsafe(send(message), loop).result()

        response = self.app(environ, start_response)
        try:
            if not getattr(response, "streaming", True):
                return started[0], b"".join(response)
            head_sent = False
            for chunk in response:
                if chunk:
                    if not head_sent:
                        deliver(started[0])
                        head_sent = True
                    deliver({"type": "http.response.body", "body": chunk, "more_body": True})
            if not head_sent:
                deliver(started[0])
            deliver({"type": "http.response.body", "body": b""})
            return None
        finally:
            if hasattr(response, "close"):
                response.close()  # Django's request_finished: this thread's connection is done


django_application = get_wsgi_application()

from django.conf import settings  # noqa: E402  (after setup)

application = BodyLimit(
    BufferedWsgi(
        django_application,
        threads=settings.ONWARD_REQUEST_THREADS,
        spool_bytes=settings.FILE_UPLOAD_MAX_MEMORY_SIZE,
    ),
    settings.ONWARD_MAX_REQUEST_BYTES,
)


def warm_up() -> None:
    """Import every view (through the URL patterns) and compile every template of Onward's
    own, as a worker starts: done on a page's first request, it added tens of milliseconds to
    it in each worker (a career service's p95 counted those first requests)."""
    from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
    from django.template.utils import get_app_template_dirs
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018  (reading it imports every URLconf and view)
    engine = engines["django"]
    # Listed by hand: django-template-partials sets the loaders itself, so the engine does not
    # list the apps' folders.
    folders = [Path(str(f)) for f in [*engine.dirs, *get_app_template_dirs("templates")]]
    for folder in folders:
        if not folder.is_relative_to(settings.BASE_DIR):
            continue  # other packages' templates (the admin's, ...) are left until used
        for path in sorted(folder.rglob("*.html")):
            try:
                engine.get_template(path.relative_to(folder).as_posix())
            except (TemplateDoesNotExist, TemplateSyntaxError):
                continue  # not one to render on its own; its page will say what is wrong


def served_application():
    """What `onward serve` runs in each worker (uvicorn --factory)."""
    warm_up()
    # What the worker holds from now on (modules, compiled templates, URL patterns: some
    # 140,000 objects) is set aside from the garbage collector: every full collection, now and
    # then during a request, walked it all, some tens of milliseconds for nothing.
    gc.collect()
    gc.freeze()
    return application
