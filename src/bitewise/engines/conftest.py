"""The engines know no Django: their tests run with plain pytest (``make test-engines``:
``pytest -p no:django src/bitewise/engines``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    """No shared cache to empty: replaces the suite-wide fixture of the same name."""
    yield
