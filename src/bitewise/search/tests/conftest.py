from __future__ import annotations

from collections.abc import Iterator

import pytest

from bitewise.search import matrix


@pytest.fixture(autouse=True)
def fresh_vectors() -> Iterator[None]:
    """Each test's database rolls back; the per-process matrix must not outlive it."""
    matrix.forget()
    yield
    matrix.forget()
