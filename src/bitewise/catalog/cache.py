"""A version number for "the catalog as the public sees it", kept in the shared cache.

Every catalog write calls ``catalog_changed()``; readers fold ``catalog_version()`` into
their cache keys, so a publish shows at once in every web process (the cache is a folder
in the data directory by default, Redis when BITEWISE_CACHE_URL names one)."""

from __future__ import annotations

from bitewise.common.versions import version_bump, version_of

VERSION_KEY = "catalog:version"


def catalog_version() -> str:
    return version_of(VERSION_KEY)


def catalog_changed() -> None:
    """Bump now, and again after commit: a page rendered from the old rows between the
    two cannot outlive the transaction under the new version."""
    version_bump(VERSION_KEY)
