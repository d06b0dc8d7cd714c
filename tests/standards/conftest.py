"""The package tests run in the suite's one Chromium (the ``browser`` fixture of
tests/conftest.py); Playwright's sync API needs Django's async-safety guard relaxed."""

from __future__ import annotations

import os

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
