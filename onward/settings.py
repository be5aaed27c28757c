"""Onward's one settings file, driven by the environment.

A fresh checkout runs on SQLite in the data folder with no configuration at all;
``DATABASE_URL`` switches to PostgreSQL.
"""

import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from whitenoise.compress import Compressor  # type: ignore[import-untyped]

BASE_DIR = Path(__file__).resolve().parent


def env_str(name: str, default: str = "") -> str:
    """A setting from the environment, or from the file named by ``<name>_FILE`` (for secrets)."""
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        return Path(file_path).read_text().strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = env_str(name)
    if not value:
        return default
    return value.lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = env_str(name)
    return int(value) if value else default


def default_data_dir() -> Path:
    xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(xdg) / "onward"


DATA_DIR = Path(env_str("ONWARD_DATA_DIR") or default_data_dir()).expanduser().resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def load_secret_key() -> str:
    """The secret key from the environment, else the one generated into the data folder."""
    configured = env_str("ONWARD_SECRET_KEY")
    if configured:
        return configured
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        # O_EXCL: two processes starting at once cannot both write a key.
        try:
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


SECRET_KEY = load_secret_key()
DEBUG = env_bool("ONWARD_DEBUG")
ALLOWED_HOSTS = [
    h.strip() for h in env_str("ONWARD_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
]
CSRF_TRUSTED_ORIGINS = [o for o in env_str("ONWARD_CSRF_TRUSTED_ORIGINS").split(",") if o]
# Unset: links use the address each request came in at (onward.core.http.site_url).
SITE_URL = env_str("ONWARD_SITE_URL").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "axes",
    "csp",
    # django-ninja's templates and static files: /api/docs serves Swagger UI itself, no CDN.
    "ninja",
    # Bottom to top, as the layers go (import-linter holds them: see .importlinter).
    "onward.core",
    "onward.core.reminders",
    "onward.accounts",
    "onward.network",
    "onward.pipeline",
    "onward.debrief",
    "onward.documents",
    "onward.routine",
    "onward.wellbeing",
    "onward.growth",
    "onward.inbox",
    "onward.strategy",
    "onward.insights",
    "onward.portability",
    "onward.coaching",
    "onward.api",
    "onward.today",
    "onward.cli",
    "onward.assistant",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # The Content-Security-Policy and Permissions-Policy headers (see Security below).
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages and API answers gzipped, except those showing a lasting secret (see core/http.py);
    # static files come pre-compressed from whitenoise.
    "onward.core.http.CompressionMiddleware",
    # Under /api/, errors answered outside the API's views (unknown path, 405) as JSON too.
    "onward.api.middleware.JsonErrorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "onward.core.http.SiteUrlMiddleware",
    "onward.accounts.middleware.UserTimezoneMiddleware",
    # After the API's token check has set request.user (it runs in the view).
    "onward.accounts.freshness.WriteVersionMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into a 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "onward.urls"
WSGI_APPLICATION = "onward.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "onward.accounts.context_processors.onward",
                "onward.core.draft_page.draft_tools",
            ],
        },
    },
]

# Fields, labels, errors and the common widgets written in Python with Django's exact markup
# (rendering forms through templates was much of the application page's time).
FORM_RENDERER = "onward.core.form_renderer.QuickRenderer"

# --- Database: SQLite in the data folder, or PostgreSQL from DATABASE_URL -----------------
DATABASE_URL = env_str("DATABASE_URL")
DATABASES: dict[str, Any]
SQLITE_BUSY_SECONDS = env_int("ONWARD_SQLITE_BUSY_SECONDS", 5)
# `onward serve` runs each worker's requests on this many threads (onward/asgi.py).
ONWARD_REQUEST_THREADS = env_int("ONWARD_REQUEST_THREADS", 8)
if DATABASE_URL:
    # Pooled connections, one for each request thread by default: shared by the threads and by
    # anything else that queries (a background job), and reopened when the server drops one.
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL)}
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": env_int("ONWARD_DB_POOL_SIZE", ONWARD_REQUEST_THREADS),
        "timeout": 10,
    }
    # Two test runs against one server (two checkouts) need test databases of their own.
    if test_name := env_str("ONWARD_TEST_DB_NAME"):
        DATABASES["default"]["TEST"] = {"NAME": test_name}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "onward.sqlite3",
            # Each request thread keeps its connection: opening one runs the PRAGMAs below and
            # registers Django's SQL functions, a tenth of the server's work on a trivial page
            # when done for every request.
            "CONN_MAX_AGE": None,
            "OPTIONS": {
                # IMMEDIATE: a writing transaction takes the lock up front, so two writers wait
                # for each other instead of failing with "database is locked" half-way.
                "transaction_mode": "IMMEDIATE",
                # A writer waits this long for another's transaction, then the request answers
                # 503 with Retry-After (onward.core.middleware). Imports write in short
                # batches, so a wait this long means something is wrong.
                "timeout": SQLITE_BUSY_SECONDS,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;"
                    f"PRAGMA busy_timeout={SQLITE_BUSY_SECONDS * 1000};"
                ),
            },
            # Tests use a file too (not Django's in-memory default), so they exercise the same
            # locking and WAL behaviour as a real installation; one per process, so two test
            # runs sharing a data folder (two checkouts) cannot delete each other's database.
            "TEST": {"NAME": str(DATA_DIR / f"test-onward-{os.getpid()}.sqlite3")},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def cache_settings(url: str) -> dict[str, Any]:
    """Where costly per-user figures are cached (onward.accounts.freshness: keyed by a version
    in the database, so a write in one worker is seen by all): each worker process's own
    memory, or with ONWARD_CACHE_URL a Redis server, shared by every worker (a figure is
    counted once, not once in each worker)."""
    if not url:
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            f"ONWARD_CACHE_URL should be a Redis address (redis://host:6379/0), not {url!r}."
        )
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": "onward",
        # A cache that does not answer at once is skipped (the figure is counted), not waited
        # for: it is there to save time.
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }


CACHES = {"default": cache_settings(env_str("ONWARD_CACHE_URL"))}

# --- Accounts -----------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "onward.accounts.backends.UserBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
# A career service hosting many job seekers turns this on; a person on their own machine does not.
ONWARD_ALLOW_SIGNUP = env_bool("ONWARD_ALLOW_SIGNUP")
# Sign-up and password-reset requests one address may make in an hour
# (onward.accounts.signup_limits).
ONWARD_SIGNUP_PER_HOUR = max(1, env_int("ONWARD_SIGNUP_PER_HOUR", 10))
# Sign-up and password-reset emails one email address may receive in an hour.
ONWARD_ACCOUNT_MAIL_PER_RECIPIENT = max(1, env_int("ONWARD_ACCOUNT_MAIL_PER_RECIPIENT", 3))
# How long the link in a sign-up email works (onward.accounts.signup_links).
ONWARD_SIGNUP_LINK_HOURS = max(1, env_int("ONWARD_SIGNUP_LINK_HOURS", 24))
# How long a password-reset link works (Django's own setting, in seconds).
PASSWORD_RESET_TIMEOUT = 24 * 3600

# Login limits (onward.accounts.login_limits): a username from one address is paused after
# ONWARD_LOGIN_FAILURE_LIMIT wrong passwords, and one address after ONWARD_LOGIN_IP_FAILURE_LIMIT
# across all usernames (password spraying); never a username everywhere, or anyone could lock
# anyone out.
AXES_FAILURE_LIMIT = env_int("ONWARD_LOGIN_FAILURE_LIMIT", 5)
ONWARD_LOGIN_IP_FAILURE_LIMIT = env_int("ONWARD_LOGIN_IP_FAILURE_LIMIT", 20)
AXES_HANDLER = "onward.accounts.login_limits.LoginLimitsHandler"
AXES_COOLOFF_TIME = 0.25  # hours: a locked-out login may try again after 15 minutes
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# Who the visitor is (onward.accounts.proxy): the connection's address, unless a reverse proxy
# (nginx, Caddy, a PaaS router) is declared; then only the header named here is trusted.
ONWARD_BEHIND_PROXY = env_bool("ONWARD_BEHIND_PROXY")
ONWARD_CLIENT_IP_HEADER = env_str("ONWARD_CLIENT_IP_HEADER")
if ONWARD_BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
AXES_CLIENT_IP_CALLABLE = "onward.accounts.proxy.client_ip"
AXES_VERBOSE = False

# --- Product settings ---------------------------------------------------------------------
# Inbox checks make this server connect to the IMAP server each user names. A career service
# that does not want its users to point it at arbitrary hosts turns them off.
ONWARD_INBOX_CHECKS = env_bool("ONWARD_INBOX_CHECKS", True)
# Let mailboxes on loopback or private addresses be read (a mail bridge on this machine).
ONWARD_INBOX_ALLOW_PRIVATE = env_bool("ONWARD_INBOX_ALLOW_PRIVATE", False)
# Certificates (PEM) to trust besides the system's, e.g. a local bridge's own.
ONWARD_INBOX_CA_FILE = env_str("ONWARD_INBOX_CA_FILE")
# Fetching a job posting's page when a user gives its address: off for shared servers that
# must not make requests on their users' behalf (pasting and the bookmarklet still work).
ONWARD_FETCH_POSTINGS = env_bool("ONWARD_FETCH_POSTINGS", True)
# Only for a server whose users are trusted: allow fetching from private and local addresses.
ONWARD_FETCH_ALLOW_PRIVATE = env_bool("ONWARD_FETCH_ALLOW_PRIVATE", False)
# How long a coaching invitation link stays usable (it is single-use and can be withdrawn).
ONWARD_COACH_INVITATION_DAYS = env_int("ONWARD_COACH_INVITATION_DAYS", 7)
# The largest résumé or cover letter a user may upload.
ONWARD_DOCUMENT_MAX_MB = env_int("ONWARD_DOCUMENT_MAX_MB", 10)
ONWARD_GHOST_AFTER_DAYS = env_int("ONWARD_GHOST_AFTER_DAYS", 21)
ONWARD_FEEDBACK_FOLLOWUP_DAYS = env_int("ONWARD_FEEDBACK_FOLLOWUP_DAYS", 7)
ONWARD_PAGE_SIZE = 25
# The largest request `onward serve` reads (an import file is the largest thing anyone sends);
# a bigger one is refused with 413 before it is received in full.
ONWARD_MAX_REQUEST_BYTES = env_int("ONWARD_MAX_REQUEST_MB", 20) * 1024 * 1024
# Below this many applications a rate is greyed out and labelled as too little data.
ONWARD_INSIGHTS_MIN_N = env_int("ONWARD_INSIGHTS_MIN_N", 5)

# --- The optional language model: off unless its address is set ----------------------------
# An OpenAI-compatible server the user chose (Ollama, llama.cpp's server, vLLM...). Onward sends
# to this address only, only when the user presses a button, and never anything else.
ONWARD_LLM_URL = env_str("ONWARD_LLM_URL").rstrip("/")
ONWARD_LLM_MODEL = env_str("ONWARD_LLM_MODEL")
ONWARD_LLM_KEY = env_str("ONWARD_LLM_KEY")  # or ONWARD_LLM_KEY_FILE
ONWARD_LLM_TIMEOUT = env_int("ONWARD_LLM_TIMEOUT", 60)

# --- Email: Django's SMTP backend, configured from the environment -------------------------
EMAIL_HOST = env_str("ONWARD_EMAIL_HOST")
EMAIL_PORT = env_int("ONWARD_EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("ONWARD_EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("ONWARD_EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("ONWARD_EMAIL_USE_TLS", EMAIL_PORT == 587)
EMAIL_USE_SSL = env_bool("ONWARD_EMAIL_USE_SSL", EMAIL_PORT == 465)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = env_str("ONWARD_EMAIL_FROM", EMAIL_HOST_USER or "onward@localhost")
# Sending is offered only when a server is configured; otherwise drafts are copied or downloaded.
ONWARD_SMTP_ENABLED = bool(EMAIL_HOST)
# How much mail each user may send through it, over rolling windows (0 turns sending off):
# enough for a busy day of thank-yous and follow-ups, too little to relay spam.
ONWARD_MAIL_PER_HOUR = env_int("ONWARD_MAIL_PER_HOUR", 30)
ONWARD_MAIL_PER_DAY = env_int("ONWARD_MAIL_PER_DAY", 200)

# --- Internationalisation -----------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("ONWARD_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# --- Static files: collected into the data folder, served by whitenoise -------------------
STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
# Our own stylesheet and scripts (onward/ is the project, not an app, so list it here), with
# the small Chart.js build the charts use (onward/static/onward/vendor, made by tools/charts).
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
# Source maps (django-ninja's Swagger UI and ReDoc ship 5 MB of them) are fetched only by a
# browser's developer tools: brotli and gzip copies of them (of the hashed and the plain name)
# took over half of collectstatic's CPU time (~25 of 44 s) in `onward init`.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")
MEDIA_ROOT = DATA_DIR / "uploads"

# --- Security -----------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Behind HTTPS (see the README's deployment section). ONWARD_SSL_REDIRECT sends plain-HTTP
# requests to HTTPS and, with it, marks the session and CSRF cookies Secure;
# ONWARD_HSTS_SECONDS tells browsers to use HTTPS only for that long (start small: a browser
# that has seen it refuses plain HTTP until it runs out).
SECURE_SSL_REDIRECT = env_bool("ONWARD_SSL_REDIRECT")
SESSION_COOKIE_SECURE = env_bool("ONWARD_SECURE_COOKIES", SECURE_SSL_REDIRECT)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("ONWARD_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("ONWARD_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("ONWARD_HSTS_PRELOAD")
# Asking browsers to preload HTTPS for the whole domain is its owner's decision (made at
# hstspreload.org, and hard to undo), not something every server should do: Django's reminder
# of it is not a fault.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# Content-Security-Policy (django-csp): everything from this server, no inline scripts or
# styles, no eval. A page that truly needs an inline script gives it request.csp_nonce, which
# django-csp then adds to script-src for that response only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        # No inline style at all: Chart.js styles its canvases through the CSS object model,
        # which a policy does not govern.
        "style-src": [SELF],
        # data: for the small inline images Swagger UI (/api/docs) and the browsers' own
        # form controls use.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "worker-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Permissions-Policy (django-permissions-policy): no page of Onward uses the camera, the
# microphone, the location or any other of these, so no page (nor anything it embeds) may.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("ONWARD_LOG_LEVEL", "WARNING")},
}
