"""Every setting, read from the environment. See README "Configuration"."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.management.utils import get_random_secret_key
from django.utils.csp import CSP

from bitewise.settings.env import (
    ConfigError,
    env_bool,
    env_float,
    env_int,
    env_list,
    env_str,
    toml_tables,
)

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("BITEWISE_DATA_DIR", str(Path.cwd() / "data"))).resolve()

DEBUG = env_bool("BITEWISE_DEBUG", False)
_secret = env_str("BITEWISE_SECRET_KEY", "")
if not _secret:
    # Zero-setup installs get a key generated once into the data directory (mode 0600), so
    # every web worker and every restart shares it; production sets BITEWISE_SECRET_KEY.
    _secret_file = DATA_DIR / "secret.key"
    if not _secret_file.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        try:
            _fd = os.open(_secret_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(_fd, "w") as _handle:
                _handle.write(get_random_secret_key())
        except FileExistsError:  # another process wrote it first
            pass
    _secret = _secret_file.read_text().strip()
SECRET_KEY = _secret
ALLOWED_HOSTS = env_list("BITEWISE_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("BITEWISE_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("BITEWISE_SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    # Ours first: our registration/* templates must win over the admin's.
    "bitewise.common",
    "bitewise.accounts",
    "bitewise.catalog",
    "bitewise.learning",
    "bitewise.credentials",
    "bitewise.webinars",
    "bitewise.reviews",
    "bitewise.reinforcement",
    "bitewise.insight",
    "bitewise.search",
    "bitewise.repurposing",
    "bitewise.integrations",
    "bitewise.wallets",
    "bitewise.demo",  # the `demo` command
    "bitewise.sso",
    "bitewise.membership",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks_db",
    "oauth2_provider",
    "ninja",  # serves Swagger UI for /api/docs from its own static files, not a CDN
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "bitewise.common.middleware.RefuseNulCharacters",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before the CSRF check, which reads the body: oversized bodies are refused unread.
    "bitewise.common.limits.BodyLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "bitewise.urls"
WSGI_APPLICATION = "bitewise.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "bitewise.accounts.password_switch.password_login",
            ],
        },
    },
]

_default_db = f"sqlite:///{DATA_DIR / 'bitewise.sqlite3'}"
DATABASE_URL = env_str("DATABASE_URL", _default_db)
if DATABASE_URL.split(":", 1)[0] not in ("sqlite", "postgres", "postgresql"):
    raise ConfigError("DATABASE_URL must be a sqlite:// or postgres:// URL")
_db = dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("BITEWISE_DB_CONN_MAX_AGE", 60))
if _db["ENGINE"] == "django.db.backends.sqlite3":
    Path(_db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    _db["CONN_MAX_AGE"] = 0
    _db["OPTIONS"] = {
        # WAL lets readers run beside one writer; IMMEDIATE takes the write lock at
        # BEGIN so two writers queue on busy_timeout instead of failing mid-transaction.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    _db["CONN_HEALTH_CHECKS"] = True
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
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
# Passwords are checked only while password login is on; sign-ins proven otherwise (sign-up
# link, LTI launch, single sign-on) name the second.
AUTHENTICATION_BACKENDS = [
    "bitewise.accounts.backends.PasswordBackend",
    "bitewise.accounts.backends.ProvenElsewhereBackend",
]
# Off: nobody signs in, signs up or resets a password with a password (the admin's log-in
# too); people sign in through the identity providers below only.
BITEWISE_PASSWORD_LOGIN = env_bool("BITEWISE_PASSWORD_LOGIN", True)
# Single sign-on: the association's identity providers (OpenID Connect and SAML 2.0), read
# from the [[provider]] tables of a TOML file (docs/sso.md). Secrets stay in the environment.
BITEWISE_SSO_CONFIG = env_str("BITEWISE_SSO_CONFIG", "")
BITEWISE_SSO_PROVIDERS = toml_tables(BITEWISE_SSO_CONFIG, "provider")
# A SAML IdP's metadata (its signing certificates) is read again after this many seconds,
# and at once when a message's signature does not check (the IdP rotated its key), but
# not more often than every BITEWISE_SSO_SAML_METADATA_RETRY_SECONDS.
BITEWISE_SSO_SAML_METADATA_SECONDS = env_int("BITEWISE_SSO_SAML_METADATA_SECONDS", 3600)
BITEWISE_SSO_SAML_METADATA_RETRY_SECONDS = env_int("BITEWISE_SSO_SAML_METADATA_RETRY_SECONDS", 60)
LOGIN_REDIRECT_URL = "catalog:list"
LOGOUT_REDIRECT_URL = "catalog:list"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every request without it
WHITENOISE_USE_FINDERS = True
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("BITEWISE_MEDIA_DIR", str(DATA_DIR / "media")))

# Request bodies, checked before anything reads them (common/limits.py): forms and JSON up to
# BITEWISE_MAX_BODY_BYTES; a page that takes a file, that file's own limit more (staff
# recordings: BITEWISE_MAX_MEDIA_BYTES). Larger bodies get a 413 with a message.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("BITEWISE_MAX_BODY_BYTES", 1_000_000)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_500_000
BITEWISE_MAX_MEDIA_BYTES = env_int("BITEWISE_MAX_MEDIA_BYTES", 500_000_000)

# Repurposing recordings: the speech model (a size such as "base", fetched from the model hub on
# first use, or a local CTranslate2 folder), where models are kept, and the limits on input.
BITEWISE_WHISPER_MODEL = env_str("BITEWISE_WHISPER_MODEL", "base")
BITEWISE_WHISPER_DEVICE = env_str("BITEWISE_WHISPER_DEVICE", "auto")  # auto, cpu or cuda
BITEWISE_WHISPER_COMPUTE_TYPE = env_str("BITEWISE_WHISPER_COMPUTE_TYPE", "default")
BITEWISE_MODEL_DIR = Path(env_str("BITEWISE_MODEL_DIR", str(DATA_DIR / "models")))
BITEWISE_MAX_RECORDING_HOURS = env_float("BITEWISE_MAX_RECORDING_HOURS", 4.0)
# Transcripts (search uploads, repurposing, the command line): a larger file is refused unread;
# one that runs longer than BITEWISE_MAX_RECORDING_HOURS is refused before any work on it.
BITEWISE_MAX_TRANSCRIPT_BYTES = env_int("BITEWISE_MAX_TRANSCRIPT_BYTES", 8_000_000)
BITEWISE_FETCH_TIMEOUT = env_float("BITEWISE_FETCH_TIMEOUT", 60.0)
# A recording is transcribed (and its words saved) this many seconds at a time.
BITEWISE_TRANSCRIBE_WINDOW_SECONDS = env_float("BITEWISE_TRANSCRIBE_WINDOW_SECONDS", 600.0)
if BITEWISE_TRANSCRIBE_WINDOW_SECONDS < 10:
    raise ConfigError("BITEWISE_TRANSCRIBE_WINDOW_SECONDS must be at least 10")
# Episode downloads from private and local addresses are refused unless this is set.
BITEWISE_FETCH_PRIVATE_ADDRESSES = env_bool("BITEWISE_FETCH_PRIVATE_ADDRESSES", False)

# Shared by every web process: a folder in the data directory, or Redis for scale-out.
CACHE_URL = env_str("BITEWISE_CACHE_URL", "")
# "counters": counts not yet in the database (insight's credential activity, flushed by the
# scheduler). The same Redis in scale-out; in the embedded mode a folder of its own, never
# culled (the shared folder drops a third of its entries at random when it holds 300).
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
        },
        "counters": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "counters",
        },
    }
elif CACHE_URL:
    raise ConfigError("BITEWISE_CACHE_URL must be a redis:// URL (or empty for the file cache)")
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "cache"),
        },
        "counters": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "counters"),
            "OPTIONS": {"MAX_ENTRIES": 10_000_000},
        },
    }
# Sessions read from the cache first, the database only on a miss.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

# Served over HTTPS (usually behind a proxy that sets X-Forwarded-Proto): HTTP is redirected,
# browsers are told to use HTTPS only (HSTS) and cookies never travel over plain HTTP.
# The proxy must set X-Forwarded-Proto itself and drop any value a client sends.
HTTPS = env_bool("BITEWISE_HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancer checks over plain HTTP
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_HSTS_SECONDS = env_int("BITEWISE_HSTS_SECONDS", 31_536_000) if HTTPS else 0
# Deprecated: BITEWISE_SECURE_COOKIES=true still makes the cookies secure (and nothing else).
SESSION_COOKIE_SECURE = HTTPS or env_bool("BITEWISE_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# Every page: scripts, styles and fonts from this site only, no inline script or style, no
# plugins, no framing. Recordings may be hosted elsewhere (a lesson's or webinar's media URL).
# User files under /media/ get a stricter, sandboxing policy of their own (common/views.py).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "media-src": [CSP.SELF, "https:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

EMAIL_KIND = env_str("BITEWISE_EMAIL_BACKEND", "console")
_MAIL_BACKENDS = {
    "console": ("django.core.mail.backends.console.EmailBackend", {}),
    "file": (
        "django.core.mail.backends.filebased.EmailBackend",
        {"file_path": str(DATA_DIR / "outbox")},
    ),
    "smtp": (
        "django.core.mail.backends.smtp.EmailBackend",
        {
            "host": env_str("BITEWISE_EMAIL_HOST", "localhost"),
            "port": env_int("BITEWISE_EMAIL_PORT", 25),
            "username": env_str("BITEWISE_EMAIL_USER", ""),
            "password": env_str("BITEWISE_EMAIL_PASSWORD", ""),
            "use_tls": env_bool("BITEWISE_EMAIL_TLS", False),
            "timeout": 20,
        },
    ),
    "memory": ("django.core.mail.backends.locmem.EmailBackend", {}),
}
if EMAIL_KIND not in _MAIL_BACKENDS:
    raise ConfigError(f"BITEWISE_EMAIL_BACKEND must be one of {sorted(_MAIL_BACKENDS)}")
MAILERS = {
    "default": {"BACKEND": _MAIL_BACKENDS[EMAIL_KIND][0], "OPTIONS": _MAIL_BACKENDS[EMAIL_KIND][1]}
}
DEFAULT_FROM_EMAIL = env_str("BITEWISE_FROM_EMAIL", "Bitewise <no-reply@localhost>")

# Background work: "database" (embedded default, run `bitewise worker`), "rq" (Redis),
# or "immediate" (run inline; tests and one-off scripts).
TASKS_BACKEND_KIND = env_str("BITEWISE_TASKS_BACKEND", "database")
REDIS_URL = env_str("BITEWISE_REDIS_URL", "redis://127.0.0.1:6379/0")
_TASK_BACKENDS = {
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    "rq": {"BACKEND": "bitewise.common.rq_backend.RQBackend", "OPTIONS": {"url": REDIS_URL}},
    "immediate": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"},
}
if TASKS_BACKEND_KIND not in _TASK_BACKENDS:
    raise ConfigError(f"BITEWISE_TASKS_BACKEND must be one of {sorted(_TASK_BACKENDS)}")
# Queues: "default" for short work (emails, events, credentials); "media" for recordings,
# whose transcription can take minutes, so it never holds up a reminder. `bitewise worker`
# serves both unless told one (`--queue default` / `--queue media`).
TASK_QUEUES = ["default", "media"]
TASKS = {"default": {**_TASK_BACKENDS[TASKS_BACKEND_KIND], "QUEUES": TASK_QUEUES}}

# Domain event name -> dotted paths of handlers, run by the worker after commit.
# The credentials app adds its issuer here (see docs/architecture.md "Events").
BITEWISE_EVENT_HANDLERS: dict[str, list[str]] = {
    "credential_earned": [
        "bitewise.learning.handlers.log_credential_earned",
        "bitewise.credentials.handlers.issue_on_earned",
        # After the issuer: the email carries the credential's link.
        "bitewise.learning.handlers.email_on_earned",
        "bitewise.integrations.handlers.xapi_on_earned",
    ],
    "ce_credit_awarded": ["bitewise.webinars.handlers.issue_ce_credential"],
    "credential_status_changed": ["bitewise.webinars.handlers.follow_credential_status"],
}

# Who may fetch an uploaded file under /media/: each app that stores files answers for its own
# (common.media.access_media_file serves a file when one of them says yes).
BITEWISE_MEDIA_ACCESS: list[str] = [
    "bitewise.catalog.selectors.lesson_media_visible",
    "bitewise.webinars.selectors.recording_visible",
    "bitewise.repurposing.staff_selectors.recording_visible_to_staff",
]

# Who counts looks at credentials (public page, download, LinkedIn, verification): each is
# called as ``(*, kind)`` (credentials.activity).
BITEWISE_CREDENTIAL_ACTIVITY: list[str] = [
    "bitewise.insight.services.counters.credential_activity_count",
]

LOG_LEVEL = env_str("BITEWISE_LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    # xmlschema tells at INFO of every schema it loads: on stderr before any command's output
    "loggers": {"django.db.backends": {"level": "WARNING"}, "xmlschema": {"level": "WARNING"}},
}

NINJA_PAGINATION_PER_PAGE = 20

# The apps' own settings (settings/domain.py), and what they need wired here.
from bitewise.settings.domain import *  # noqa: E402, F403
from bitewise.settings.domain import BITEWISE_CHECKOUT_ORIGIN  # noqa: E402

# A refused attempt (Throttled) becomes a 429 page that says when to try again.
MIDDLEWARE = [*MIDDLEWARE, "bitewise.accounts.middleware.ThrottledMiddleware"]
# Buy buttons post to us and we redirect to the hosted checkout page: browsers apply the
# form-action policy to that redirect, so the checkout's origin is allowed there.
SECURE_CSP["form-action"] = [CSP.SELF, BITEWISE_CHECKOUT_ORIGIN]

# Work the scheduler (`bitewise scheduler`) runs every BITEWISE_SCHEDULER_SECONDS.
BITEWISE_SCHEDULED = [
    "bitewise.webinars.services.reminders.reminders_send_due",
    "bitewise.reinforcement.services.scheduling.deliveries_plan_due",
    "bitewise.reinforcement.services.digests.topic_digests_plan_due",
    "bitewise.reviews.services.digests.review_digests_plan_due",
    "bitewise.learning.services.award_email.award_emails_send_due",
    "bitewise.search.services.indexing.search_index_refresh",
    "bitewise.credentials.services.bulk.bulk_awards_recover",
    "bitewise.repurposing.services.recover.repurpose_jobs_recover",
    "bitewise.insight.services.checks.retention_checks_plan_due",
    "bitewise.insight.services.rollups.rollups_refresh_due",
    "bitewise.insight.services.counters.credential_activity_flush",
    "bitewise.insight.services.digests.check_digests_plan_due",
    "bitewise.accounts.services.housekeeping.accounts_prune",
    "bitewise.integrations.services.xapi.statements_send_due",
    "bitewise.integrations.services.lti_scores.lti_scores_send_due",
    "bitewise.membership.services.receipts.receipt_emails_send_due",
    "bitewise.membership.services.subscriptions.subscriptions_lapse_due",
]
BITEWISE_SCHEDULER_SECONDS = env_int("BITEWISE_SCHEDULER_SECONDS", 30)
