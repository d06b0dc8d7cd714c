"""Suite-wide fixtures."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    """Each test starts with empty caches (they live outside the test database).
    Imported here, not at the top: the engine tests run without Django (their conftest
    replaces this fixture)."""
    from django.core.cache import caches

    for each in caches.all(initialized_only=False):
        each.clear()
    yield
    for each in caches.all(initialized_only=True):
        each.clear()
