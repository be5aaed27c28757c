import sys
from contextvars import ContextVar
from functools import wraps

from django.conf import settings
from django.db import OperationalError
from django.http import HttpResponse, HttpResponseRedirect, HttpResponseServerError, JsonResponse
from django.middleware.gzip import GZipMiddleware
from django.shortcuts import redirect
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme


def redirect_back(request, default: str, *args):
    """Follow a same-site ``next`` (the page a form was posted from), else go to ``default``.

    A ``next`` pointing at another site is ignored, so a link cannot bounce users elsewhere.
    """
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)  # a path, never read as a URL name
    return redirect(default, *args)


# Where links Onward writes (calendar feed, emails) point: ONWARD_SITE_URL when it is set, else
# the address the current request came in at (a host ALLOWED_HOSTS accepted), else the address
# `onward serve` uses by default (a background job has no request).
DEFAULT_SITE_URL = "http://127.0.0.1:8000"
_request_site: ContextVar[str | None] = ContextVar("request_site", default=None)


def site_url(path: str = "") -> str:
    base = settings.SITE_URL or _request_site.get() or DEFAULT_SITE_URL
    return base.rstrip("/") + path


class SiteUrlMiddleware:
    """Remember the address this request came in at, for site_url()."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_site.set(f"{request.scheme}://{request.get_host()}")
        try:
            return self.get_response(request)
        finally:
            _request_site.reset(token)


# Compressed HTML and BREACH: an attacker who can watch the size of HTTPS responses and put text
# of their own into a page (a search term) can guess a secret on that same page, one character
# at a time. The CSRF token is safe (Django masks it afresh in every response) and Django's gzip
# adds random padding, but a page showing a lasting secret (an API token, the calendar feed's
# address) is never compressed at all.
def never_compressed(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.never_compress = True
        return response

    return wrapped


class CompressionMiddleware(GZipMiddleware):
    """gzip for pages and API answers, except those marked @never_compressed."""

    def process_response(self, request, response):
        if getattr(response, "never_compress", False):
            return response
        return super().process_response(request, response)


# How long a client is asked to wait when the database is busy (another request's write).
BUSY_RETRY_SECONDS = 5


def database_busy(exc: BaseException | None) -> bool:
    """SQLite's lock wait ran out, or no pooled PostgreSQL connection came free in time."""
    # PostgreSQL's pool, if this process uses one (not imported on SQLite: psycopg is large).
    if exc is None:
        return False
    pool = sys.modules.get("psycopg_pool")
    if pool is not None and any(
        # Django wraps the pool's error in its own.
        isinstance(error, pool.PoolTimeout)
        for error in (exc, exc.__cause__)
    ):
        return True
    message = str(exc).lower()
    return isinstance(exc, OperationalError) and (
        "database is locked" in message or "database table is locked" in message
    )


def server_error(request) -> HttpResponse:
    """Django's 500 handler (it sees exceptions from views and middleware alike): a busy
    database is not a bug but a moment's contention, so it answers 503 with Retry-After."""
    exc = sys.exc_info()[1]
    api = request.path.startswith("/api/")
    if database_busy(exc):
        text = "The database is busy with another request. Please try again in a few seconds."
        status = 503
    else:
        text = "Onward hit an error it did not expect."
        status = 500
    if api:
        response: HttpResponse = JsonResponse({"detail": text}, status=status)
    elif status == 503:
        response = HttpResponse(
            loader.render_to_string("503.html", {"retry": BUSY_RETRY_SECONDS}), status=503
        )
    else:
        response = HttpResponseServerError(loader.render_to_string("500.html"))
    if status == 503:
        response["Retry-After"] = str(BUSY_RETRY_SECONDS)
    return response
