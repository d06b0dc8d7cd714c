from __future__ import annotations

from collections.abc import Iterator

import pytest
from cryptography.fernet import Fernet

from bitewise.credentials import keystore
from bitewise.credentials.tests.foreign import deployment  # noqa: F401 (a fixture)


@pytest.fixture(autouse=True)
def key_encryption_key(settings) -> Iterator[None]:  # type: ignore[no-untyped-def]
    settings.BITEWISE_KEY_ENCRYPTION_KEY = Fernet.generate_key().decode()
    settings.SITE_URL = "https://learn.example.org"
    keystore.reset_cache()
    yield
    keystore.reset_cache()
