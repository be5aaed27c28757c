from contextvars import ContextVar

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
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
