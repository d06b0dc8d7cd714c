from __future__ import annotations

from pathlib import Path

import pytest

from bitewise.engines.transcription import PACKAGED, resolve_model


@pytest.fixture(scope="session")
def model_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder holding the packaged model, assembled and checked once per session."""
    cache = tmp_path_factory.mktemp("models")
    resolve_model(PACKAGED, cache)
    return cache
