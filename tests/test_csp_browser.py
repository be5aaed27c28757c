"""The Content-Security-Policy in a real browser: the main pages, on the demo account (with
its charts, drafts and htmx sections), break none of it. A violation is an inline script,
style or handler, an eval, or something from another site that the policy blocked."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from onward.debrief.models import Debrief
from onward.pipeline.models import Application

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Each violation the page sees is kept, as the browser reports it to the page.
LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} ` +
                    `at ${e.sourceFile}:${e.lineNumber} ${e.sample}`);
});
"""


def violations_on(page, path: str) -> list[str]:
    page.goto(path)
    page.wait_for_load_state("networkidle")
    # Charts draw when they near the screen, and htmx loads some sections as they appear.
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    return page.evaluate("window.__csp")


def test_no_page_breaks_the_content_security_policy(page, log_in, live_server):
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.context.add_init_script(LISTEN)

    call_command("demo", password="a long demo passphrase 42", stdout=StringIO())
    demo = get_user_model().objects.get(username="demo")
    # Logged out first: the login page.
    found = {"/login/": violations_on(page, reverse("accounts:login"))}
    assert page.locator("input[name=password]").count() == 1
    log_in(demo)
    application = Application.objects.filter(user=demo).order_by("pk").first()
    debrief = Debrief.objects.filter(user=demo).order_by("pk").first()
    assert application is not None and debrief is not None
    paths = [
        reverse("today:today"),
        reverse("pipeline:board"),
        reverse("pipeline:application_list"),
        reverse("pipeline:application_detail", args=[application.pk]),
        reverse("debrief:debrief_detail", args=[debrief.pk]),
        reverse("debrief:debrief_draft", args=[debrief.pk, "thank_you"]),
        reverse("network:contact_list"),
        reverse("insights:index"),
        reverse("insights:report"),
        reverse("wellbeing:home"),
        reverse("accounts:settings"),
        reverse("reminders:calendar_settings"),
        "/api/docs",
    ]
    for path in paths:
        found[path] = violations_on(page, path)

    # The API docs page drew Swagger UI (its own files, no inline script).
    page.goto("/api/docs")
    page.locator(".swagger-ui .info").wait_for()
    assert not page.evaluate("window.__csp")

    broken = {path: seen for path, seen in found.items() if seen}
    assert not broken, "\n".join(f"{path}: {seen}" for path, seen in broken.items())
    assert not [text for text in console if "Content Security Policy" in text]
