"""Salted, hashed recipient identifiers (IdentityObject).

https://www.imsglobal.org/spec/ob/v3p0/#identityobject
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping
from typing import Any


def new_salt() -> str:
    return secrets.token_hex(16)


def normalize_email(email: str) -> str:
    return email.strip().lower()


def identity_hash(identifier: str, salt: str) -> str:
    """``sha256$`` and the hex SHA-256 of the UTF-8 identifier followed by the salt."""
    return "sha256$" + hashlib.sha256((identifier + salt).encode("utf-8")).hexdigest()


def email_identity(email: str, salt: str) -> dict[str, Any]:
    return {
        "type": "IdentityObject",
        "identityHash": identity_hash(normalize_email(email), salt),
        "identityType": "emailAddress",
        "hashed": True,
        "salt": salt,
    }


def identity_matches_email(identity: Mapping[str, Any], email: str) -> bool:
    """Whether an emailAddress IdentityObject (hashed with sha256, or plain) names ``email``."""
    if identity.get("identityType") != "emailAddress":
        return False
    claimed = str(identity.get("identityHash", ""))
    if identity.get("hashed") is not True:
        return normalize_email(claimed) == normalize_email(email)
    if not claimed.lower().startswith("sha256$"):
        return False
    expected = identity_hash(normalize_email(email), str(identity.get("salt", "")))
    return hmac.compare_digest(expected.lower(), claimed.lower())
