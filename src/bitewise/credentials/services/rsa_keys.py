"""The one key management for RS256 keys: an issuer's VC-JWT keys and the LTI tool's keys.

A key is made on first use (private half encrypted at rest, ``credentials.keystore``); at
most one key per owner signs (an issuer, or the LTI tool); rotating retires it (it stops
signing, stays published) and makes the next. Publishing lists every key not withdrawn, oldest
first, each with its ``kid``; only LTI tool keys can be withdrawn, since an issuer's keys must
keep verifying the credentials they signed.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from bitewise.credentials import keystore
from bitewise.credentials.models import Issuer, RsaSigningKey
from bitewise.engines import ob3

Purpose = RsaSigningKey.Purpose


def _owned(purpose: str, issuer: Issuer | None) -> QuerySet[RsaSigningKey]:
    if (purpose == Purpose.VC_JWT) != (issuer is not None):
        raise ValueError("an issuer's VC-JWT key needs its issuer; an LTI tool key has none")
    return RsaSigningKey.objects.filter(purpose=purpose, issuer=issuer)


def rsa_key_current(*, purpose: str, issuer: Issuer | None = None) -> RsaSigningKey:
    """The key that signs now for this owner, made (and stored encrypted) on first use."""
    owned = _owned(purpose, issuer)
    key = owned.filter(retired_at=None).first()
    if key is not None:
        return key
    fresh = ob3.RsaKey.generate(controller=issuer.did if issuer else "")
    try:
        with transaction.atomic():
            return RsaSigningKey.objects.create(
                purpose=purpose,
                issuer=issuer,
                thumbprint=fresh.thumbprint,
                public_jwk=fresh.public_jwk,
                encrypted_private_key=keystore.encrypt_seed(fresh.pkcs8),
            )
    except IntegrityError:  # a concurrent first use won the race
        return owned.get(retired_at=None)


@transaction.atomic
def rsa_key_rotate(*, purpose: str, issuer: Issuer | None = None) -> RsaSigningKey:
    """Retire the current key (it stays published) and start the next one, which signs."""
    _owned(purpose, issuer).filter(retired_at=None).update(retired_at=timezone.now())
    return rsa_key_current(purpose=purpose, issuer=issuer)


@transaction.atomic
def rsa_key_withdraw(*, key: RsaSigningKey) -> RsaSigningKey:
    """Stop publishing an LTI tool key (once platforms have fetched its successor). If it was
    the signing key, the next signature starts a new one."""
    if key.purpose != Purpose.LTI_TOOL:
        raise ValidationError(
            "An issuer's keys stay published: the credentials they signed must keep verifying."
        )
    if key.withdrawn_at is None:
        now = timezone.now()
        key.retired_at = key.retired_at or now
        key.withdrawn_at = now
        key.save(update_fields=["retired_at", "withdrawn_at"])
    return key


def rsa_keys_published(*, purpose: str, issuer: Issuer | None = None) -> list[RsaSigningKey]:
    """Every key of this owner that verifiers may use (the signing one made if none is)."""
    rsa_key_current(purpose=purpose, issuer=issuer)
    return list(_owned(purpose, issuer).filter(withdrawn_at=None))


def rsa_jwk(key: RsaSigningKey, *, kid: str | None = None) -> dict[str, Any]:
    """The key's public JWK for a JWK Set (RFC 7517), named by ``kid`` (its thumbprint
    unless the publisher names its keys otherwise, as DID documents do)."""
    return {**key.public_jwk, "kid": kid or key.thumbprint, "alg": "RS256", "use": "sig"}


def engine_rsa_key(key: RsaSigningKey) -> ob3.RsaKey:
    controller = key.issuer.did if key.issuer is not None else ""
    return _engine_rsa_key(key.encrypted_private_key, controller)


@lru_cache(maxsize=32)
def _engine_rsa_key(encrypted: str, controller: str) -> ob3.RsaKey:
    # Keyed by the encrypted token: a rotated or re-encrypted key is simply a new entry.
    return ob3.RsaKey.from_pkcs8(keystore.decrypt_seed(encrypted), controller)
