"""Dashboard pages kept in the shared cache: the body of each page (not the layout, which
names the staff member), under a key holding the page's address with its query, the insight
version and the catalog's.

The insight version is bumped by insight's own writes that change what a page shows: a rollup
recomputed, credential activity flushed. Pages read from rollups (overview, retention,
questions) are kept until that happens; live pages (funnel, lift, credentials, CE) read
other apps' rows, whose writes do not bump it, so they are kept a minute at most and say
when their figures were made."""

from __future__ import annotations

import hashlib

from django.http import QueryDict

from bitewise.catalog.cache import catalog_version
from bitewise.common.versions import version_bump, version_of

VERSION_KEY = "insight:version"
LIVE_SECONDS = 60
STORED_SECONDS = 3600  # an entry outlives no version change; this only frees space


def insight_version() -> str:
    return version_of(VERSION_KEY)


def insight_changed() -> None:
    """Bump now, and again after commit (a page made from the old rows between the two
    cannot outlive the transaction under the new version)."""
    version_bump(VERSION_KEY)


def page_key(template: str, path: str, query: QueryDict) -> str:
    """The key of a page's body: its template, its path (which names the event of a lift
    page), its query (in a stable order) and the versions of what it is made from."""
    ordered = "&".join(f"{k}={v}" for k in sorted(query) for v in query.getlist(k))
    digest = hashlib.sha256(f"{template}@{path}?{ordered}".encode()).hexdigest()[:32]
    return f"insight:page:{digest}:{insight_version()}:{catalog_version()}"
