"""A per-user cache for figures that are costly to count (Django's cache framework).

A figure is cached under the user's data version (``Profile.data_version``, read with the user
on every request), and every write of the user's moves the version on:

- ``WriteVersionMiddleware``: after any request that may write (not GET, HEAD or OPTIONS) by a
  signed-in user, web or API; during such a request nothing is read from the cache, so a page
  it renders counts what it has just written;
- ``bump()``: from signal receivers, for writes outside a request (the CLI, ``onward work``).

A request reads the version from the user it loaded; code outside a request reads it from the
database (its user object may be older than a write). A version only grows, so a figure counted
before a write is never read after it, in any worker process (each keeps its own local cache,
or they share Redis: ONWARD_CACHE_URL); old entries simply expire.
"""

import logging
from collections.abc import Callable
from contextvars import ContextVar
from typing import TypeVar

from django.core.cache import cache
from django.db.models import F

from .models import Profile, profile_for

T = TypeVar("T")
logger = logging.getLogger(__name__)

# How long a figure may stay cached: its key names the day anyway where the day matters.
CACHE_SECONDS = 24 * 60 * 60

# "read" or "write" during a request (set by the middleware), "" outside one.
_request: ContextVar[str] = ContextVar("onward_request", default="")


def cached_for(user, name: str, compute: Callable[[], T], *key) -> T:
    """``compute()``, cached for ``user`` under ``name`` and ``key`` until the user's next write."""
    kind = _request.get()
    if kind == "write":
        return compute()
    if kind == "read":
        # Read with the user at the request's start; a reading request writes nothing.
        version = profile_for(user).data_version
    else:
        # Outside a request (the CLI, `onward work`) the user object may predate a write.
        stored = Profile.objects.filter(user=user).values_list("data_version", flat=True).first()
        if stored is None:  # no profile yet, so no version to move on: count afresh
            return compute()
        version = stored
    parts = ["onward", str(user.pk), str(version), name, *map(str, key)]
    cache_key = ":".join(parts).replace(" ", "_")  # keys without spaces suit every backend
    try:
        value = cache.get(cache_key)
    except Exception:  # a shared cache (Redis) that is down or slow costs time, never a page
        logger.warning("The cache did not answer; counting %s afresh.", name, exc_info=True)
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(cache_key, value, CACHE_SECONDS)
        except Exception:
            logger.warning("The cache did not answer; %s is not kept.", name, exc_info=True)
    return value


def in_writing_request() -> bool:
    return _request.get() == "write"


def bump(user_id: int | None) -> None:
    """The user's data changed: figures cached for them are not read again. Within a writing
    request the middleware does it once, at the end."""
    if user_id is not None and not in_writing_request():
        Profile.objects.filter(user_id=user_id).update(data_version=F("data_version") + 1)


class WriteVersionMiddleware:
    """Moves the signed-in user's data version on after each request that may write."""

    SAFE = ("GET", "HEAD", "OPTIONS")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in self.SAFE:
            token = _request.set("read")
            try:
                return self.get_response(request)
            finally:
                _request.reset(token)
        token = _request.set("write")
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)
            # request.user: set by the session middleware, or by the API's token check.
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                bump(user.pk)
