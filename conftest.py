"""Suite-wide fixtures."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    """Each test starts with an empty shared cache (it lives outside the test database).
    Imported here, not at the top: the engine tests run without Django (their conftest
    replaces this fixture)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
