"""Addresses outside a request: emails, credentials and feeds name the site by its URL."""

from __future__ import annotations

from django.conf import settings


def absolute(path: str) -> str:
    """``/a/b/`` → ``https://site.example/a/b/`` under ``SITE_URL``."""
    return settings.SITE_URL.rstrip("/") + path
