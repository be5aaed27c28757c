"""A URLconf mounting Onward under /elsewhere/ (test_links.py)."""

from django.urls import include, path

urlpatterns = [path("elsewhere/", include("onward.urls"))]
