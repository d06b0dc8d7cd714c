"""Suite-wide fixtures."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    """Each test starts with an empty shared cache (it lives outside the test database)."""
    cache.clear()
    yield
    cache.clear()
