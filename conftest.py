import io
import os
import shutil
import tempfile
from pathlib import Path

import hypothesis
import pytest
from django.conf import settings

# Property tests: no per-example deadline and no "too slow" health check, which only measure
# how busy the machine is (both failed on a loaded CI machine with nothing wrong).
hypothesis.settings.register_profile(
    "onward", deadline=None, suppress_health_check=[hypothesis.HealthCheck.too_slow]
)
hypothesis.settings.load_profile("onward")


def pytest_configure(config):
    # Tests need neither collected static files nor a slow password hash.
    settings.STORAGES["staticfiles"] = {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    }
    settings.WHITENOISE_USE_FINDERS = True
    # Look static files up when asked, as in development: otherwise every test client's
    # middleware walks and stats all the static files when it starts.
    settings.WHITENOISE_AUTOREFRESH = True
    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Uploaded files (the document library) go to a scratch folder, never a real data folder.
    settings.MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="onward-test-uploads-"))
    # Playwright drives Debian's chromium; it talks to the live server in the same process.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    browser_tests = [item for item in items if "browser" in item.keywords]
    if not (shutil.which("chromium") or os.path.exists("/usr/bin/chromium")):
        skip = pytest.mark.skip(reason="chromium is not installed (apt install chromium)")
        for item in browser_tests:
            item.add_marker(skip)
    # Under pytest-xdist with --dist loadgroup (tools/test_lanes.py), the browser tests share
    # one worker: one chromium and one live server instead of one per worker.
    if config.pluginmanager.hasplugin("xdist"):
        for item in browser_tests:
            item.add_marker(pytest.mark.xdist_group("browser"))
    # A module's tests that read data shared across the module (a "shared_..." fixture, kept
    # until the module ends) run after the others, which must not see it. pytest-xdist keeps
    # this order on each worker.
    shares = {item: any(name.startswith("shared_") for name in item.fixturenames) for item in items}
    modules: dict[Path, list] = {}
    for item in items:
        modules.setdefault(item.path, []).append(item)
    items[:] = [item for module in modules.values() for item in sorted(module, key=shares.get)]


@pytest.fixture(scope="module")
def shared_demo(django_db_setup, django_db_blocker):
    """The demo account (`onward demo`), built once per test module that asks for it, inside a
    transaction rolled back after the module, as TestCase.setUpTestData does; each test runs in
    a savepoint within it, so what a test writes is still undone after it. Yields its pk."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", password="demo pass phrase 1", stdout=io.StringIO())
        yield get_user_model().objects.get(username="demo").pk
        transaction.set_rollback(True)


@pytest.fixture
def demo(shared_demo, db):
    """The demo account's user, fresh for each test."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=shared_demo)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: a rolled-back test's user ids come back in the next
    test (SQLite reuses them), and per-user figures are cached under the id and a version."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def alice(db):
    from onward.testing import make_user

    return make_user("alice")


@pytest.fixture
def bob(db):
    from onward.testing import make_user

    return make_user("bob")


@pytest.fixture
def coach(db):
    """A career coach with an account on the same server (onward.coaching)."""
    from onward.testing import make_user

    return make_user("carol", first_name="Carol", last_name="Coach")


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def bob_client(client, bob):
    client.force_login(bob)
    return client


# --- Browser tests: Debian's chromium driven by Playwright --------------------------------
CHROMIUM = "/usr/bin/chromium"
# Flags that keep chromium quiet on a machine with no outside network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab on the live server (base_url set: page.goto("/board/"))."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1600, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def log_in(page, live_server):
    """log_in(user): give the browser tab a session for ``user``, skipping the login form."""
    from django.test import Client

    def _log_in(user):
        client = Client()
        client.force_login(user)
        session = client.cookies["sessionid"].value
        page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])

    return _log_in
