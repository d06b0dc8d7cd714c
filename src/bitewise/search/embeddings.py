"""The sentence-embedding model: a static model2vec distillation of all-MiniLM-L6-v2 shipped in
``search/model/`` (see its README), loaded from disk only, never from the network."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from django.conf import settings

from bitewise.engines.search.vectors import Matrix, normalize

MODEL_DIR = Path(__file__).resolve().parent / "model"
MAX_CHARS = 4000  # the start of a long body says what it is about; the rest costs time


def model_dir() -> Path:
    configured = getattr(settings, "BITEWISE_EMBEDDINGS_DIR", "")
    return Path(configured) if configured else MODEL_DIR


@lru_cache(maxsize=1)
def _model() -> Any:
    # Offline by construction: a local folder, and the hub switched off in case any code
    # path of model2vec / huggingface_hub would still ask it for something.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from model2vec import StaticModel

    folder = model_dir()
    if not (folder / "model.safetensors").is_file():
        raise FileNotFoundError(f"No embedding model in {folder} (see search/model/README.md)")
    return StaticModel.from_pretrained(str(folder))


def static_model() -> Any:
    """The loaded model2vec ``StaticModel`` (its vocabulary serves the repurposing drafts)."""
    return _model()


def dimensions() -> int:
    return int(_model().dim)


def embed(texts: list[str]) -> Matrix:
    """Unit-length float32 vectors, one row per text; the same text always gives the same row."""
    if not texts:
        return np.zeros((0, dimensions()), dtype=np.float32)
    vectors = _model().encode([t[:MAX_CHARS] for t in texts], show_progress_bar=False)
    return normalize(vectors)
