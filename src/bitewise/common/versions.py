"""Cache versions: a random token in the shared cache for each kind of thing kept there
(catalog pages, access rules, dashboards). Keys name the token, so a change that replaces it
leaves every entry made before unread, with no list of keys to delete."""

from __future__ import annotations

import uuid
from functools import partial

from django.core.cache import cache
from django.db import transaction


def version_of(key: str) -> str:
    """The current token under ``key``, started on first use."""
    version = cache.get(key)
    if version is None:
        version = uuid.uuid4().hex
        # add(): when two processes race to start the version, both end up using one.
        if not cache.add(key, version, timeout=None):
            version = cache.get(key) or version
    return str(version)


def _replace(key: str) -> None:
    cache.set(key, uuid.uuid4().hex, timeout=None)


def version_bump(key: str) -> None:
    """Replace the token now, and again after commit: an entry made from the old rows between
    the two cannot outlive the transaction under the new token."""
    _replace(key)
    transaction.on_commit(partial(_replace, key))


def version_bump_pending(key: str) -> bool:
    """Whether the transaction under way bumped ``key`` (its commit bumps it again): what it
    reads must not reach the cache, where a rollback would leave it."""
    connection = transaction.get_connection()
    return connection.in_atomic_block and any(
        isinstance(callback, partial) and callback.func is _replace and callback.args == (key,)
        for _, callback, _ in connection.run_on_commit
    )
