"""The sentence-embedding model: a static model2vec distillation of all-MiniLM-L6-v2 shipped in
``model/`` (see its README), loaded from disk only, never from the network. Search ranks with
its vectors; repurposing finds topics and same-topic wrong choices with it."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from bitewise.engines.search.vectors import Matrix, normalize

SHIPPED = Path(__file__).resolve().parent / "model"
MAX_CHARS = 4000  # the start of a long body says what it is about; the rest costs time


def model_folder(configured: str = "") -> Path:
    """The configured folder (``BITEWISE_EMBEDDINGS_DIR``), or the shipped model."""
    return Path(configured) if configured else SHIPPED


@lru_cache(maxsize=2)
def static_model(folder: Path = SHIPPED) -> Any:
    """The loaded model2vec ``StaticModel`` in ``folder`` (its vocabulary also serves the
    repurposing drafts); FileNotFoundError if the folder holds none."""
    # Offline by construction: a local folder, and the hub switched off in case any code
    # path of model2vec / huggingface_hub would still ask it for something.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from model2vec import StaticModel

    if not (folder / "model.safetensors").is_file():
        raise FileNotFoundError(
            f"No embedding model in {folder} (see bitewise/engines/embeddings/model/README.md)"
        )
    return StaticModel.from_pretrained(str(folder))


def dimensions(folder: Path = SHIPPED) -> int:
    return int(static_model(folder).dim)


def embed(texts: list[str], folder: Path = SHIPPED) -> Matrix:
    """Unit-length float32 vectors, one row per text; the same text always gives the same row."""
    if not texts:
        return np.zeros((0, dimensions(folder)), dtype=np.float32)
    vectors = static_model(folder).encode([t[:MAX_CHARS] for t in texts], show_progress_bar=False)
    return normalize(vectors)
