import sys

from django.db import OperationalError
from django.http import HttpResponse, HttpResponseRedirect, HttpResponseServerError, JsonResponse
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
