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
