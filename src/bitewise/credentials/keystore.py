"""Encryption of signing-key seeds at rest.

The Fernet key comes from ``BITEWISE_KEY_ENCRYPTION_KEY``. A zero-setup install without it
gets a key file in the data directory (mode 0600), created on first use, so a database
dump alone never holds a private key in clear; operators should move it to the environment.
"""

from __future__ import annotations

import logging
import os
from functools import cache
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)


@cache
def _fernet() -> Fernet:
    key = settings.BITEWISE_KEY_ENCRYPTION_KEY
    if not key:
        path = Path(settings.DATA_DIR) / "signing-key-encryption.key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(Fernet.generate_key())
            logger.warning("generated a key-encryption key file", extra={"path": str(path)})
        key = path.read_text().strip()
    try:
        return Fernet(key)
    except ValueError as exc:
        raise ImproperlyConfigured(
            "BITEWISE_KEY_ENCRYPTION_KEY must be a Fernet key (32 url-safe base64 bytes)"
        ) from exc


def encrypt_seed(seed: bytes) -> str:
    return _fernet().encrypt(seed).decode()


def decrypt_seed(token: str) -> bytes:
    try:
        return _fernet().decrypt(token.encode())
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "Cannot decrypt a signing key: BITEWISE_KEY_ENCRYPTION_KEY is not the key it was "
            "encrypted with"
        ) from exc


def reset_cache() -> None:
    _fernet.cache_clear()
