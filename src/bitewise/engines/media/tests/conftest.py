from __future__ import annotations

from pathlib import Path

import pytest

from bitewise.engines.media.tests.samples import make_samples


@pytest.fixture(scope="session")
def samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_samples(tmp_path_factory.mktemp("media"))
