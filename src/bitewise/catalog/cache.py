"""A version number for "the catalog as the public sees it", kept in the shared cache.

Every catalog write calls ``catalog_changed()``; readers fold ``catalog_version()`` into
their cache keys, so a publish shows at once in every web process (the cache is a folder
in the data directory by default, Redis when BITEWISE_CACHE_URL names one)."""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "catalog:version"


def catalog_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        # add(): when two processes race to start the version, both end up using one.
        if not cache.add(VERSION_KEY, version, timeout=None):
            version = cache.get(VERSION_KEY) or version
    return str(version)


def _bump() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def catalog_changed() -> None:
    """Bump now, and again after commit: a page rendered from the old rows between the
    two cannot outlive the transaction under the new version."""
    _bump()
    transaction.on_commit(_bump)
