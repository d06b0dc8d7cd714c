"""A JSON-LD document loader over the bundled contexts; it never touches the network.

https://www.w3.org/TR/json-ld11-api/#loaddocumentcallback
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable
from typing import Any

from cachetools import LRUCache
from pyld.context_resolver import ContextResolver

from bitewise.engines.ob3.contexts import CONTEXT_VARIANTS, ContextVariant, context_document

DocumentLoader = Callable[[str, Any], dict[str, Any]]


def document_loader(variant: ContextVariant = "spec") -> DocumentLoader:
    """Load a bundled context; any other URL raises UnknownContextError."""

    def load(url: str, options: Any = None) -> dict[str, Any]:
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": copy.deepcopy(context_document(url, variant)),
            # pyld keeps a resolved context in the shared cache only when the loader tags it
            # "static"; without the tag every expansion re-processed every context (~4x slower).
            "tag": "static",
        }

    return load


class _SharedCache:
    """pyld's resolved-context cache, made safe to share between threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: LRUCache[Any, Any] = LRUCache(maxsize=256)

    def get(self, key: Any, default: Any = None) -> Any:
        with self._lock:
            return self._entries.get(key, default)

    def __setitem__(self, key: Any, value: Any) -> None:
        with self._lock:
            self._entries[key] = value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


# pyld's default cache is keyed by URL and shared by every caller in the process; the two
# variants of context-3.0.3.json share a URL, so each variant gets a cache of its own.
_CACHES = {variant: _SharedCache() for variant in CONTEXT_VARIANTS}


def context_caches_clear() -> None:
    """Forget every processed context (a cold start, as in a fresh process)."""
    for cache in _CACHES.values():
        cache.clear()


def context_resolver(variant: ContextVariant = "spec") -> ContextResolver:
    return ContextResolver(_CACHES[variant], document_loader(variant))
