"""A version per learner for "everything this learner has done", kept in the shared cache.

Every learning write for a learner (subscribe, unsubscribe, a lesson done or undone, an
attempt submitted, an award) calls ``learner_changed()``. The learner pages keep their
per-learner parts under keys that hold both this version and the catalog's
(``page_versions``), so a write or a catalog edit shows at once in every web process,
and old entries are simply never read again (they expire)."""

from __future__ import annotations

import uuid
import zlib
from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction

from bitewise.catalog.cache import VERSION_KEY as CATALOG_VERSION_KEY
from bitewise.catalog.cache import catalog_version
from bitewise.common.versions import version_of

PREFIX = "learning:learner-version:"
ENTRY_SECONDS = 3600  # an entry outlives no version change; this only frees space


def shape_token(*parts: str) -> str:
    """A short token for what a key holds (dataclass field names, a template's source):
    folded into the key, so entries written by an older release are never read back."""
    return f"{zlib.crc32('|'.join(parts).encode()):08x}"


def _key(learner_id: int) -> str:
    return f"{PREFIX}{learner_id}"


def learner_version(learner_id: int) -> str:
    return version_of(_key(learner_id))


def page_versions(learner_id: int) -> str:
    """The catalog's version and the learner's, read together (one round trip on Redis)."""
    key = _key(learner_id)
    found = cache.get_many([CATALOG_VERSION_KEY, key])
    catalog = found.get(CATALOG_VERSION_KEY) or catalog_version()
    learner = found.get(key) or learner_version(learner_id)
    return f"{catalog}:{learner}"


def _bump(learner_ids: list[int]) -> None:
    cache.set_many({_key(pk): uuid.uuid4().hex for pk in learner_ids}, timeout=None)


def learner_changed(learner_ids: Iterable[int]) -> None:
    """Bump now, and again after commit: a page part built from the old rows between the
    two cannot outlive the transaction under the new version."""
    ids = sorted(set(learner_ids))
    if not ids:
        return
    _bump(ids)
    transaction.on_commit(lambda: _bump(ids))
