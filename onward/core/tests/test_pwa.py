"""Installing Onward: the manifest, the service worker (static files and the offline page only,
never a page with user data) and the offline page."""

import json

import pytest
from django.core.management import call_command
from django.templatetags.static import static
from django.urls import reverse


def test_the_manifest_names_the_app_and_its_icons(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Onward"
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == "/"
    sizes = {icon["sizes"] for icon in manifest["icons"] if icon["type"] == "image/png"}
    assert {"192x192", "512x512"} <= sizes
    assert any(icon.get("purpose") == "maskable" for icon in manifest["icons"])
    for icon in manifest["icons"]:
        assert client.get(icon["src"]).status_code == 200


def test_every_page_links_the_manifest_and_its_worker(alice_client):
    html = alice_client.get(reverse("today:today")).content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest" data-service-worker="/sw.js">' in html


def test_the_worker_keeps_only_static_files_and_the_offline_page(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert "no-cache" in response["Cache-Control"]
    body = response.content.decode()
    precached = json.loads(body.split("const ASSETS = ")[1].split(";\n")[0])
    assert static("onward/onward.css") in precached
    assert all(url.startswith("/static/") or url == "/offline/" for url in precached)
    # Pages are fetched from the server and never put in the cache.
    navigate = body.split('request.mode === "navigate"')[1]
    assert "cache.put" not in navigate


def test_the_worker_is_served_with_productions_hashed_static_files(client, settings, tmp_path):
    """As `onward serve` runs it: collected files with hashed names (the worker was a 500 there,
    an error in every page's console)."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    # Onward's own files and htmx's, which the worker lists: django-ninja's API docs bundles
    # (several MB of source maps) cost most of the time and the worker names none of them.
    call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=["ninja"])
    response = client.get("/sw.js")
    assert response.status_code == 200
    body = response.content.decode()
    assert static("onward/onward.css") in body and static("onward/onward.css").count(".") == 2
    assert 'const STATIC = "/static/";' in body


@pytest.mark.parametrize("logged_in", [False, True])
def test_the_offline_page_holds_no_user_data(client, alice, logged_in):
    if logged_in:
        client.force_login(alice)
    response = client.get("/offline/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "You are offline" in html
    assert "alice" not in html
