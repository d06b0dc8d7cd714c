"""Test settings: only what makes tests faster or hermetic."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ.setdefault("BITEWISE_DATA_DIR", tempfile.mkdtemp(prefix="bitewise-test-"))
os.environ.setdefault("BITEWISE_SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("BITEWISE_TASKS_BACKEND", "immediate")
os.environ.setdefault("BITEWISE_EMAIL_BACKEND", "memory")
# Tests serve podcast episodes from a local server on 127.0.0.1.
os.environ.setdefault("BITEWISE_FETCH_PRIVATE_ADDRESSES", "true")
# A host name, as production has: issuing under an IP address is refused outside the demo.
os.environ.setdefault("BITEWISE_SITE_URL", "http://localhost:8000")
# The speech model (145 MB, assembled from its packages and hash-checked) is kept between runs.
os.environ.setdefault(
    "BITEWISE_MODEL_DIR", str(Path(__file__).resolve().parents[3] / "var" / "models")
)

from bitewise.settings.base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast in tests only
LOGGING = {"version": 1, "disable_existing_loggers": False}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not :memory:, so tests with several connections (races, a live server,
    # a worker process) see one database, as they would in production.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}  # noqa: F405

# Payments: test keys only; the API base is set by the tests that start the Stripe stand-in.
BITEWISE_STRIPE_SECRET_KEY = os.environ.get("BITEWISE_STRIPE_SECRET_KEY", "sk_test_bitewise")
BITEWISE_STRIPE_WEBHOOK_SECRET = os.environ.get(
    "BITEWISE_STRIPE_WEBHOOK_SECRET", "whsec_test_bitewise_webhooks"
)
