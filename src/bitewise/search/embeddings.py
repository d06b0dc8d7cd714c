"""The sentence-embedding model search ranks with: the engine's shipped model, or the folder
``BITEWISE_EMBEDDINGS_DIR`` names (``bitewise.engines.embeddings``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings

from bitewise.engines import embeddings
from bitewise.engines.search.vectors import Matrix


def model_dir() -> Path:
    return embeddings.model_folder(getattr(settings, "BITEWISE_EMBEDDINGS_DIR", ""))


def static_model() -> Any:
    return embeddings.static_model(model_dir())


def dimensions() -> int:
    return embeddings.dimensions(model_dir())


def embed(texts: list[str]) -> Matrix:
    """Unit-length float32 vectors, one row per text; the same text always gives the same row."""
    return embeddings.embed(texts, model_dir())
