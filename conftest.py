import os
import shutil

import pytest
from django.conf import settings


def pytest_configure(config):
    # Tests need neither collected static files nor a slow password hash.
    settings.STORAGES["staticfiles"] = {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    }
    settings.WHITENOISE_USE_FINDERS = True
    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Playwright drives Debian's chromium; it talks to the live server in the same process.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if shutil.which("chromium") or os.path.exists("/usr/bin/chromium"):
        return
    skip = pytest.mark.skip(reason="chromium is not installed (apt install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def alice(db):
    from onward.testing import make_user

    return make_user("alice")


@pytest.fixture
def bob(db):
    from onward.testing import make_user

    return make_user("bob")


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def bob_client(client, bob):
    client.force_login(bob)
    return client
