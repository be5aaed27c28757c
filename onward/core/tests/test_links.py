from django.test import override_settings
from django.urls import reverse, set_script_prefix

from onward.core.links import url_with_id


def test_it_links_as_reverse_does():
    for viewname, pk in [
        ("pipeline:application_detail", 12),
        ("pipeline:company_detail", 3),
        ("pipeline:application_detail", 7),
    ]:
        assert url_with_id(viewname, pk) == reverse(viewname, args=[pk])


def test_it_follows_the_script_prefix():
    set_script_prefix("/onward/")
    try:
        assert url_with_id("pipeline:application_detail", 3) == "/onward/applications/3/"
    finally:
        set_script_prefix("/")
    assert url_with_id("pipeline:application_detail", 3) == "/applications/3/"


@override_settings(ROOT_URLCONF="onward.core.tests.urls_elsewhere")
def test_it_follows_the_urlconf():
    assert url_with_id("pipeline:application_detail", 3) == "/elsewhere/applications/3/"
