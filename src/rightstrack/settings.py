"""Django settings for RightsTrack.

Every variable read here is listed in ``docs/configuration.md`` and
``.env.example`` (a test fails when one is missing). SQLite in
``RIGHTSTRACK_DATA_DIR`` is the default engine; set ``DATABASE_URL`` for
PostgreSQL.
"""

from __future__ import annotations

import warnings
from datetime import timedelta
from pathlib import Path

import dj_database_url
import django_stubs_ext
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from rightstrack.env import env_bool, env_int, env_list, env_path, env_str

# Generic Django classes (ModelAdmin[User], Feed[...]) subscriptable at run time.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent
REPO_DIR = BASE_DIR.parent.parent

DEBUG = env_bool("RIGHTSTRACK_DEBUG", False)
DATA_DIR = env_path("RIGHTSTRACK_DATA_DIR", REPO_DIR / "var")
SECRET_KEY = env_str("RIGHTSTRACK_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and env_bool("RIGHTSTRACK_PRODUCTION", False):
        raise ImproperlyConfigured("RIGHTSTRACK_SECRET_KEY must be set in production")
    SECRET_KEY = "insecure-development-key-change-me"  # noqa: S105 - development only
ALLOWED_HOSTS = env_list("RIGHTSTRACK_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("RIGHTSTRACK_CSRF_TRUSTED_ORIGINS", [])
SHARED_DATA_DIR = env_path("RIGHTSTRACK_SHARED_DIR", REPO_DIR.parent / "shared" / "data" / "raw")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "django_filters",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    # django-ninja: the API's schemas and OpenAPI document; listed so that its bundled
    # Swagger UI files are served from here (not from a CDN).
    "ninja",
    "rightstrack.catalog",
    "rightstrack.ingest",
    "rightstrack.accounts",
    "rightstrack.tracking",
    "rightstrack.classify",
    "rightstrack.subscriptions",
    "rightstrack.reports",
    "rightstrack.api",
    "rightstrack.portal",
    # Background work (imports of uploads...): Django's task framework (backport) and its
    # database queue; `rightstrack db-worker` runs the tasks, the admin lists them.
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # NUL characters dropped from query parameters (PostgreSQL refuses them): core/nul.py.
    "rightstrack.core.nul.DropNulCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # gzip for visitors' responses, none for signed-in users (BREACH: core/compression.py);
    # above ConditionalGet, which computes the ETag of the uncompressed body.
    "rightstrack.core.compression.CompressionMiddleware",
    # ETag on every non-streaming response (ignoring the CSRF mask), 304 Not Modified for
    # If-None-Match / If-Modified-Since (feeds also set Last-Modified): core/conditional.py.
    "rightstrack.core.conditional.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language from the URL (/es/...), else the visitor's choice: core/locale.py.
    "rightstrack.core.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Visitors' GET/HEAD of the portal and API read from the replica (DATABASE_REPLICA_URL).
    "rightstrack.core.db_router.ReplicaRoutingMiddleware",
    # Sets request.user.is_verified(); then publishing roles must pass the TOTP step.
    "django_otp.middleware.OTPMiddleware",
    "rightstrack.accounts.middleware.OTPRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Content-Security-Policy header on every response (CONTENT_SECURITY_POLICY below).
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "rightstrack.urls"
WSGI_APPLICATION = "rightstrack.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

_database_url = env_str("DATABASE_URL", "")
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "rightstrack.sqlite3"),
            "OPTIONS": {
                # WAL lets the portal read while an import writes; IMMEDIATE
                # transactions avoid "database is locked" on upgrade.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            # One connection per web process, kept between requests (as for PostgreSQL
            # below): opening the file and running the PRAGMAs is otherwise paid by
            # every request that reads the database.
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    }
# A PostgreSQL streaming replica (hot standby) for visitors' reads of the portal and API
# (core/db_router.py; docs/scaling.md). Writes, staff pages and commands use `default`.
_replica_url = env_str("DATABASE_REPLICA_URL", "")
if _replica_url:
    DATABASES["replica"] = dj_database_url.parse(_replica_url, conn_max_age=60)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
# PostgreSQL's parallel workers per query (max_parallel_workers_per_gather) for this
# process's connections; unset: the server's own (2 by default). The web process sets 0
# (rightstrack/wsgi.py): a portal request is a few small queries, and starting a worker
# cost about 10 ms each time, more than it saved (docs/scaling.md, "Parallel workers");
# commands (imports, the facet counts after them, exports) keep the server's setting.
_pg_parallel = env_str("RIGHTSTRACK_PG_PARALLEL_WORKERS", "")
if _pg_parallel:
    for _db in DATABASES.values():
        if "postgresql" in _db.get("ENGINE", ""):
            _options = _db.setdefault("OPTIONS", {})
            _options["options"] = (
                f"{_options.get('options', '')} "
                f"-c max_parallel_workers_per_gather={int(_pg_parallel)}"
            ).strip()
DATABASE_ROUTERS = ["rightstrack.core.db_router.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache (API throttling, import progress, sessions with Redis): Django's Redis backend
# when REDIS_URL is set, shared by every web process and the worker; otherwise the
# local-memory cache of each process.
_redis_url = env_str("REDIS_URL", "")
if _redis_url:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _redis_url,
            "KEY_PREFIX": "rightstrack",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Background tasks (django-tasks backport, database backend: the queue is a table, so no
# broker is needed). RIGHTSTRACK_TASKS_IMMEDIATE=1 runs each task at once in the process
# that enqueues it (tests, and a single-process install without a worker).
if env_bool("RIGHTSTRACK_TASKS_IMMEDIATE", False):
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
#: Attempts of a task that fails (rightstrack.core.tasks.retrying), and the first delay.
RIGHTSTRACK_TASK_MAX_ATTEMPTS = env_int("RIGHTSTRACK_TASK_MAX_ATTEMPTS", 3)
RIGHTSTRACK_TASK_RETRY_SECONDS = env_int("RIGHTSTRACK_TASK_RETRY_SECONDS", 30)
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# Login throttling (django-axes): after LOGIN_FAILURE_LIMIT failures for one
# username from one IP address, that pair is locked out for the cool-off time.
AUTHENTICATION_BACKENDS = [
    "rightstrack.accounts.backends.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("RIGHTSTRACK_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("RIGHTSTRACK_LOGIN_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_VERBOSE = False
# TOTP two-factor (django-otp) for every role that can publish.
OTP_TOTP_ISSUER = "RightsTrack"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The six UN official languages; Arabic is right-to-left.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("RIGHTSTRACK_TIME_ZONE", "UTC")

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Hashed names and far-future lifetimes once `collectstatic` has run (`rightstrack serve`
# runs it); plain names served by the finders before (core/static_storage.py).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "rightstrack.core.static_storage.HashedStaticStorage"},
}
# WhiteNoise serves static files without a separate web server; with finders on,
# no collectstatic step is needed for `make run`.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
# Until `collectstatic` has run, STATIC_ROOT is empty and WhiteNoise warns "No directory
# at ..." on every start and test; finders serve the files meanwhile, so silence it.
warnings.filterwarnings("ignore", message="No directory at: ", category=UserWarning)
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"

# Uploaded documents are parsed in memory up to this size (bytes).
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
RIGHTSTRACK_PAGE_SIZE = env_int("RIGHTSTRACK_PAGE_SIZE", 25)
# The domain this installation publishes under: Atom entry ids (tag URIs) and calendar UIDs
# carry it, so two installations never give the same id (core/identifiers.py). Empty: the
# first name of RIGHTSTRACK_ALLOWED_HOSTS.
RIGHTSTRACK_INSTANCE_DOMAIN = env_str("RIGHTSTRACK_INSTANCE_DOMAIN", "")
# Public API (/api/v1/): requests per minute per personal token, and per IP address for
# requests without a token (counted in Django's cache; see docs/api.md).
RIGHTSTRACK_API_TOKEN_RATE = env_int("RIGHTSTRACK_API_TOKEN_RATE", 600)
RIGHTSTRACK_API_ANON_RATE = env_int("RIGHTSTRACK_API_ANON_RATE", 120)
# Evidence uploads (tracking): size limit in bytes; allowed types are in tracking/evidence.py.
RIGHTSTRACK_EVIDENCE_MAX_BYTES = env_int("RIGHTSTRACK_EVIDENCE_MAX_BYTES", 20 * 1024 * 1024)

EMAIL_HOST = env_str("RIGHTSTRACK_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("RIGHTSTRACK_EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("RIGHTSTRACK_FROM_EMAIL", "rightstrack@localhost")

# Sessions and CSRF as Django's deployment checklist recommends: HttpOnly,
# SameSite=Lax cookies; a working day's session that ends with the browser.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("RIGHTSTRACK_SESSION_AGE_SECONDS", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Content Security Policy: a strict one, the same in development, tests and production,
# so a template that needs an inline style or script fails the tests (and shows in the
# browser console while developing) before it can reach production. Django 5.2 (the LTS
# we run) has no CSP of its own (django.middleware.csp arrives in 6.0), so the header is
# set by django-csp (Mozilla's middleware, maintained since 2012; 4.x config). Nothing may
# load from another origin; no inline script or style, no eval, no plugins, no <base>;
# forms post only here; no page may be framed. No page has an inline script: should one
# ever be needed, add csp.constants.NONCE to "script-src" and write
# <script nonce="{{ request.csp_nonce }}">, never 'unsafe-inline'.
# With RIGHTSTRACK_DEBUG on, django-csp leaves Django's own 404/500 debug pages without
# the header (they are built from inline styles and scripts); every other page keeps it.
# Proven by tests/test_content_security_policy.py and the browser test
# tests/reports/test_content_security_policy_in_a_browser.py; see docs/architecture.md.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
PRODUCTION = env_bool("RIGHTSTRACK_PRODUCTION", False)
if PRODUCTION:
    if DEBUG:
        # Debug pages print settings and local variables: they could reveal restricted records.
        raise ImproperlyConfigured("RIGHTSTRACK_DEBUG must be off when RIGHTSTRACK_PRODUCTION=1")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_SSL_REDIRECT = env_bool("RIGHTSTRACK_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("RIGHTSTRACK_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if env_bool("RIGHTSTRACK_BEHIND_PROXY", False):
        # Trust X-Forwarded-Proto only when a proxy that sets it is in front.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("RIGHTSTRACK_LOG_LEVEL", "WARNING")},
}
