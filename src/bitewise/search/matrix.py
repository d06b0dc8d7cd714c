"""Every document's embedding in one float32 matrix per process, for semantic search.

The first search loads it; later searches read the index version (one primary-key lookup)
and, when it moved, fetch only documents updated since the last load plus the list of ids
(to drop deleted ones), so an edit costs a web process milliseconds, not a full reload."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np
import numpy.typing as npt
from django.utils import timezone

from bitewise.engines.search.vectors import Matrix, from_bytes
from bitewise.search.embeddings import dimensions
from bitewise.search.models import Document, DocumentKind, IndexState

KIND_CODES = {kind: i for i, kind in enumerate(DocumentKind.values)}
CLOCK_SLACK = timedelta(seconds=5)  # writers' clocks and commit delays: re-read a little more


@dataclass
class Vectors:
    version: str | None = None
    loaded_at: datetime | None = None
    ids: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    public: npt.NDArray[np.bool_] = field(default_factory=lambda: np.zeros(0, dtype=bool))
    kinds: npt.NDArray[np.uint8] = field(default_factory=lambda: np.zeros(0, dtype=np.uint8))
    matrix: Matrix = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float32))


_vectors = Vectors()
_lock = threading.Lock()


def _rows(since: datetime | None) -> Vectors:
    documents = Document.objects.order_by("id")
    if since is not None:
        documents = documents.filter(updated_at__gte=since - CLOCK_SLACK)
    rows = list(
        documents.values_list("id", "is_public", "kind", "embedding").iterator(chunk_size=10_000)
    )
    return Vectors(
        ids=np.array([r[0] for r in rows], dtype=np.int64),
        public=np.array([r[1] for r in rows], dtype=bool),
        kinds=np.array([KIND_CODES.get(r[2], 255) for r in rows], dtype=np.uint8),
        matrix=from_bytes([bytes(r[3]) for r in rows], dimensions()),
    )


def _merge(old: Vectors, fresh: Vectors, live_ids: npt.NDArray[np.int64]) -> Vectors:
    keep = np.isin(old.ids, live_ids) & ~np.isin(old.ids, fresh.ids)
    ids = np.concatenate([old.ids[keep], fresh.ids])
    order = np.argsort(ids, kind="stable")
    return Vectors(
        ids=ids[order],
        public=np.concatenate([old.public[keep], fresh.public])[order],
        kinds=np.concatenate([old.kinds[keep], fresh.kinds])[order],
        matrix=np.concatenate([old.matrix[keep], fresh.matrix])[order],
    )


def loaded() -> Vectors:
    """The current matrix, brought up to date with the index first if needed."""
    global _vectors
    version = IndexState.objects.filter(pk=1).values_list("version", flat=True).first() or ""
    with _lock:
        if _vectors.version == version and _vectors.loaded_at is not None:
            return _vectors
        started = timezone.now()
        if _vectors.loaded_at is None or _vectors.matrix.shape[1] != dimensions():
            current = _rows(None)
        else:
            fresh = _rows(_vectors.loaded_at)
            live = np.fromiter(Document.objects.values_list("id", flat=True), dtype=np.int64)
            current = _merge(_vectors, fresh, live)
        current.version, current.loaded_at = version, started
        _vectors = current
        return _vectors


def forget() -> None:
    """Drop the matrix (tests whose database rolls back under a cached one)."""
    global _vectors
    with _lock:
        _vectors = Vectors()
