from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

from bitewise.engines import embeddings as engine
from bitewise.search import embeddings


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the embedding model tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    engine.static_model.cache_clear()
    yield
    engine.static_model.cache_clear()


def test_the_shipped_model_loads_offline(no_network: None) -> None:
    vectors = embeddings.embed(["Escalate when the early warning score rises."])

    assert vectors.shape == (1, embeddings.dimensions()) == (1, 128)
    assert np.linalg.norm(vectors[0]) == pytest.approx(1.0, abs=1e-5)


def test_embeddings_are_deterministic_and_similar_texts_are_close() -> None:
    texts = ["accrued expenses at month end", "recording costs in the period incurred", "SBAR call"]

    first, second = embeddings.embed(texts), embeddings.embed(texts)

    assert np.array_equal(first, second)
    assert first[0] @ first[1] > first[0] @ first[2]


def test_a_missing_model_folder_is_a_clear_error(settings: Any, tmp_path: Any) -> None:
    settings.BITEWISE_EMBEDDINGS_DIR = str(tmp_path)
    engine.static_model.cache_clear()
    try:
        with pytest.raises(FileNotFoundError, match="No embedding model"):
            embeddings.embed(["x"])
    finally:
        engine.static_model.cache_clear()
