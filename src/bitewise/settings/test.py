"""Test settings: only what makes tests faster or hermetic."""

from __future__ import annotations

import os

os.environ.setdefault("BITEWISE_SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("BITEWISE_TASKS_BACKEND", "immediate")
os.environ.setdefault("BITEWISE_EMAIL_BACKEND", "memory")

from bitewise.settings.base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast in tests only
LOGGING = {"version": 1, "disable_existing_loggers": False}
