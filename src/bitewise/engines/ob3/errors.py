"""Errors shared by the key modules."""

from __future__ import annotations


class KeyFormatError(ValueError):
    """A key (multibase, JWK, PKCS#8) that cannot be read, or is of the wrong kind."""
