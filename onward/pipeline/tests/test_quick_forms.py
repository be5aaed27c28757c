"""Pages with forms are the same with Onward's form renderer as with Django's templates."""

import re

from django.test import override_settings
from django.urls import reverse

from onward.testing import make_application


def csrf_free(html: str) -> str:
    """A page without its CSRF token, which changes with every response."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return re.sub(r'"X-CSRFToken": "[^"]+"', "", html)


def test_pages_with_forms_are_the_same_with_either_renderer(alice_client, alice):
    application = make_application(alice, "Applied")
    pages = [
        application.get_absolute_url(),
        reverse("pipeline:application_list") + "?stage=x&applied_from=never",
        reverse("pipeline:application_edit", args=[application.pk]),
        reverse("accounts:settings"),
    ]
    for url in pages:
        with override_settings(FORM_RENDERER="django.forms.renderers.DjangoTemplates"):
            usual = alice_client.get(url)
        quick = alice_client.get(url)
        assert quick.status_code == usual.status_code == 200
        assert csrf_free(quick.content.decode()) == csrf_free(usual.content.decode()), url
