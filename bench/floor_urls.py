"""The framework floor as a page of the real server: a trivial view behind login_required
(middleware, session and user, nothing else), beside Onward's own URLs. bench/serve.py serves
it with floor_settings."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import include, path


@login_required
def floor(request):
    return HttpResponse("ok")


urlpatterns = [
    path("bench/floor/", floor, name="bench_floor"),
    path("", include("onward.urls")),
]
