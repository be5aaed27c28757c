"""Installing Onward as an app: the web app manifest, the service worker and its offline page.

The service worker keeps only Onward's own static files (stylesheet, scripts, icons) and the
offline page, which holds no user data. It never stores a page, an API answer or anything else
a user wrote, so a shared or lost device keeps nothing private in its cache: pages always come
from the server, and when the server cannot be reached the offline page says so.
"""

import hashlib
import json

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

# Cached when the worker installs; other static files are cached the first time they are used.
PRECACHE = [
    "onward/onward.css",
    "onward/onward.js",
    "onward/board.js",
    "onward/charts.js",
    "django_htmx/htmx-2.min.js",
    "onward/icons/icon.svg",
    "onward/icons/icon-192.png",
]


@require_GET
@cache_control(max_age=86400, public=True)
def manifest(request):
    body = {
        "name": "Onward",
        "short_name": "Onward",
        "description": "A self-hosted job-search companion.",
        "id": "/",
        "start_url": reverse("home"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#f4f6f9",
        "theme_color": "#1d2330",
        "icons": [
            {"src": static("onward/icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("onward/icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("onward/icons/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
            {"src": static("onward/icons/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    return HttpResponse(json.dumps(body, indent=1), content_type="application/manifest+json")


@require_GET
@cache_control(no_cache=True)  # browsers check for a new worker on every visit
def service_worker(request):
    assets = [static(path) for path in PRECACHE] + [reverse("offline")]
    # Hashed static names change with their content, so the cache's name changes with them and
    # the new worker drops the old cache.
    version = hashlib.sha256("\n".join(assets).encode()).hexdigest()[:12]
    response = render(
        request,
        "pwa/service_worker.js",
        {
            "cache_name": json.dumps(f"onward-{version}"),
            "assets": json.dumps(assets),
            # STATIC_URL, not static(""): production's manifest storage has no entry for "".
            "static_prefix": json.dumps(settings.STATIC_URL),
            "offline_url": json.dumps(reverse("offline")),
        },
        content_type="text/javascript; charset=utf-8",
    )
    return response


@require_GET
@cache_control(max_age=3600, public=True)
def offline(request):
    """The page the service worker shows when the server cannot be reached: no user data."""
    return render(request, "pwa/offline.html")
