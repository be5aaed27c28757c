"""The ASGI application ``onward serve`` runs (uvicorn in front of Django).

uvicorn reads each request without a thread, and Django reads the whole body before a view
runs, so a slow client holds a coroutine rather than a worker. ``BodyLimit`` refuses a body
over ``ONWARD_MAX_REQUEST_MB`` as it arrives: from its Content-Length before reading any of it,
or as soon as the bytes received pass the limit (a chunked body has no length).
"""

import json
import os

from django.core.asgi import get_asgi_application

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


django_application = get_asgi_application()

from django.conf import settings  # noqa: E402  (after setup)

application = BodyLimit(django_application, settings.ONWARD_MAX_REQUEST_BYTES)
