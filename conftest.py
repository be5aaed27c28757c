import fcntl
import hashlib
import io
import os
import shutil
import sqlite3
import tempfile
import time
from contextlib import contextmanager
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

# Scratch space for test databases: tmpfs where there is one (gone at reboot). SQLite's are
# still files, so WAL and locking behave as in a real installation.
SCRATCH = Path("/dev/shm") if Path("/dev/shm").is_dir() else Path(tempfile.gettempdir())
TEMPLATES = SCRATCH / f"onward-test-templates-{os.getuid()}"


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
    # Each worker's SQLite test database (a file, as in production) on tmpfs where there is one.
    test_db = settings.DATABASES["default"]
    if test_db["ENGINE"].endswith("sqlite3"):
        remove_stale_test_databases(SCRATCH)
        test_db["TEST"]["NAME"] = str(SCRATCH / f"onward-test-{os.getpid()}.sqlite3")
    # Playwright drives Debian's chromium; it talks to the live server in the same process.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def remove_stale_test_databases(folder: Path) -> None:
    """Worker databases left by runs that were killed (their process is gone): on tmpfs they
    would hold memory until the next reboot."""
    for path in folder.glob("onward-test-*.sqlite3*"):
        pid = path.name.removeprefix("onward-test-").split(".", 1)[0]
        if pid.isdigit() and not process_exists(int(pid)):
            path.unlink(missing_ok=True)


def process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: asks only whether the process is there
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def uses_database(item) -> bool:
    return "django_db_setup" in item.fixturenames or item.get_closest_marker("django_db")


# tryfirst: pytest-xdist reads the xdist_group marks in this same hook (on each worker) to
# keep a group on one worker; it must see the marks added here.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    # The PostgreSQL lane runs only the tests that touch the database (tools/test_lanes.py).
    for item in items:
        if uses_database(item):
            item.add_marker(pytest.mark.database)
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
    # A module's tests that share a fixture built once per module (the demo account, a server)
    # run on one worker: split across two, each worker built it, at seconds of CPU apiece.
    if config.pluginmanager.hasplugin("xdist"):
        for item in items:
            if "browser" not in item.keywords and uses_module_fixture(item):
                item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))
    # A module's tests that read data shared across the module (a "shared_..." fixture, kept
    # until the module ends) run after the others, which must not see it. pytest-xdist keeps
    # this order on each worker.
    shares = {item: any(name.startswith("shared_") for name in item.fixturenames) for item in items}
    modules: dict[Path, list] = {}
    for item in items:
        modules.setdefault(item.path, []).append(item)
    items[:] = [item for module in modules.values() for item in sorted(module, key=shares.get)]


# --- The test database: migrated once, then copied for each worker -----------------------
# Migrating a new database costs each pytest-xdist worker seconds of CPU. Instead a template
# database is migrated once, named by a digest of every migration (and Django's version), and
# kept between runs; each worker starts from a copy of it. A changed migration changes the
# digest, so the next run migrates a new template. The migrations themselves are still run
# step by step by the tests of migrations (test_migrations.py in each app).


def migrations_digest() -> str:
    import django
    from django.apps import apps

    digest = hashlib.sha256(django.get_version().encode())
    for app in sorted(apps.get_app_configs(), key=lambda app: app.label):
        for path in sorted((Path(app.path) / "migrations").glob("*.py")):
            digest.update(f"{app.label}/{path.name}".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@contextmanager
def file_lock(path: Path):
    """Held by one process at a time: the workers of a run (and other runs) build a template
    once, not each their own."""
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def migrate_into(connection, name: str) -> None:
    """A new database called ``name``, migrated as Django makes a test database."""
    test_settings = connection.settings_dict["TEST"]
    old_test_name, test_settings["NAME"] = test_settings.get("NAME"), name
    try:
        old_name = connection.creation.create_test_db(
            verbosity=0, autoclobber=True, serialize=False
        )
        # Back to the database named in the settings, keeping the one just made.
        connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=True)
    finally:
        test_settings["NAME"] = old_test_name
        close_pool(connection)


def close_pool(connection) -> None:
    """PostgreSQL's pool keeps connections to the database it was made for."""
    if connection.vendor == "postgresql":
        connection.close_pool()


def sqlite_copy(source: str, target: str) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(target + suffix).unlink(missing_ok=True)
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def clone_sqlite(connection, key: str, test_name: str) -> None:
    template = TEMPLATES / f"{key}.sqlite3"
    with file_lock(TEMPLATES / f"{key}.lock"):
        if not template.exists():
            building = f"{template}.{os.getpid()}"
            migrate_into(connection, building)
            os.replace(building, template)
            # Templates of other migrations (other checkouts, older commits) unused for a day.
            for old in TEMPLATES.glob("*.sqlite3"):
                if old != template and old.stat().st_mtime < time.time() - 86400:
                    old.unlink(missing_ok=True)
        template.touch()
        sqlite_copy(str(template), test_name)


def clone_postgresql(connection, key: str, test_name: str) -> None:
    """CREATE DATABASE ... TEMPLATE copies the migrated template's files."""
    quote = connection.ops.quote_name
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    base = test_name.removesuffix(f"_{worker}") if worker else test_name
    template = f"{base}_tpl_{key}"
    with file_lock(TEMPLATES / f"{template}.lock"):
        with connection.creation._nodb_cursor() as cursor:
            cursor.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s", [f"{base}_tpl_%"]
            )
            templates = {row[0] for row in cursor.fetchall()}
        if template not in templates:
            building = f"{template}_{os.getpid()}"
            migrate_into(connection, building)
            with connection.creation._nodb_cursor() as cursor:
                cursor.execute(f"ALTER DATABASE {quote(building)} RENAME TO {quote(template)}")
                # Older templates of this test database name: their migrations are gone.
                for old in templates - {template}:
                    cursor.execute(f"DROP DATABASE IF EXISTS {quote(old)}")
        with connection.creation._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(test_name)}")
            cursor.execute(f"CREATE DATABASE {quote(test_name)} TEMPLATE {quote(template)}")


@pytest.fixture(scope="session")
def django_db_setup(
    request, django_test_environment, django_db_blocker, django_db_modify_db_settings
):
    """pytest-django's fixture of this name, but each worker's database is a copy of a template
    migrated once (see above)."""
    from django.conf import settings
    from django.db import connections

    connection = connections["default"]
    test_name = connection.creation._get_test_db_name()
    TEMPLATES.mkdir(exist_ok=True)
    with django_db_blocker.unblock():
        old_name = connection.settings_dict["NAME"]
        clone = clone_sqlite if connection.vendor == "sqlite" else clone_postgresql
        clone(connection, migrations_digest(), test_name)
        connection.close()
        close_pool(connection)
        settings.DATABASES["default"]["NAME"] = connection.settings_dict["NAME"] = test_name
        connection.ensure_connection()
    yield
    with django_db_blocker.unblock():
        connection.creation.destroy_test_db(old_name, verbosity=0)


@pytest.fixture(scope="session")
def initialised_folder_template() -> Path:
    """A data folder `onward init` set up (SQLite, static files collected), made once for all
    workers and kept between runs, like the test database's template: `onward init` on an
    empty folder takes seconds of CPU. Named by the migrations; tests take copies of it
    (``initialised_data_folder``), and `onward init` on a copy brings it up to date."""
    import subprocess
    import sys

    template = TEMPLATES / f"data-{migrations_digest()}"
    TEMPLATES.mkdir(exist_ok=True)
    with file_lock(TEMPLATES / f"{template.name}.lock"):
        if not template.exists():
            building = Path(f"{template}.{os.getpid()}")
            env = {**os.environ, "ONWARD_DATA_DIR": str(building), "DATABASE_URL": ""}
            subprocess.run(
                [sys.executable, "-m", "onward", "init"], env=env, check=True, capture_output=True
            )
            building.rename(template)
            for old in TEMPLATES.glob("data-*"):
                if old.is_dir() and old != template and old.stat().st_mtime < time.time() - 86400:
                    shutil.rmtree(old, ignore_errors=True)
        template.touch()
    return template


@pytest.fixture
def initialised_data_folder(initialised_folder_template, tmp_path) -> Path:
    """A copy of an initialised data folder (SQLite, static files collected), for a test that
    runs `onward` in a child process."""
    folder = tmp_path / "data"
    shutil.copytree(initialised_folder_template, folder)
    return folder


def uses_module_fixture(item) -> bool:
    definitions = item._fixtureinfo.name2fixturedefs.values()
    return any(d.scope == "module" for defs in definitions for d in defs)


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
