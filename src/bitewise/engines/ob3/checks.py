"""Checks shared by the Data Integrity and the VC-JWT verifiers.

https://www.w3.org/TR/vc-data-model-2.0/#validation
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from bitewise.engines.ob3.contexts import CREDENTIALS_V1, CREDENTIALS_V2
from bitewise.engines.ob3.dates import parse_datetime
from bitewise.engines.ob3.resolve import KeyResolutionError, KeyUnavailableError
from bitewise.engines.ob3.result import Check
from bitewise.engines.ob3.status_list import StatusListError, StatusLookup, StatusUnavailable

_REVOKING_PURPOSES = frozenset({"revocation", "suspension"})
_VALIDITY_FIELDS = ("validFrom", "validUntil", "issuanceDate", "expirationDate")


class NotJsonError(ValueError):
    pass


def parse_json_object(value: str | bytes) -> dict[str, Any]:
    """Strict JSON: UTF-8, no NaN/Infinity, no duplicate keys, an object at the top."""
    try:
        text = value.decode("utf-8") if isinstance(value, bytes) else value
        parsed = json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise NotJsonError(f"not JSON: {error}") from error
    if not isinstance(parsed, dict):
        raise NotJsonError(f"expected a JSON object, got {type(parsed).__name__}")
    return parsed


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def issuer_id(credential: Mapping[str, Any]) -> str | None:
    issuer = credential.get("issuer")
    if isinstance(issuer, Mapping):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) else None


def check_shape(credential: Mapping[str, Any]) -> Check:
    """The parts every verifiable credential has. https://www.w3.org/TR/vc-data-model-2.0/#types"""
    contexts = as_list(credential.get("@context"))
    if not contexts or contexts[0] not in (CREDENTIALS_V2, CREDENTIALS_V1):
        return Check("credential", False, "@context must start with the VC context")
    if "VerifiableCredential" not in as_list(credential.get("type")):
        return Check("credential", False, "type must include VerifiableCredential")
    if issuer_id(credential) is None:
        return Check("credential", False, "issuer (or issuer.id) is missing")
    if not all(
        isinstance(subject, Mapping)
        for subject in as_list(credential.get("credentialSubject")) or [None]
    ):
        return Check("credential", False, "credentialSubject must be an object")
    return Check("credential", True)


def check_issuer_binding(
    controller: str, credential: Mapping[str, Any], *, required: bool
) -> Check:
    """The key's controller must be the issuer, when the issuer's id names anything that
    could list keys (a DID or an https URL). An issuer known only by a ``urn:`` id cannot:
    the credential then stands on the key that signed it, which the reason names."""
    issuer = issuer_id(credential)
    if controller == issuer:
        return Check("issuer", True)
    if issuer is not None and not issuer.startswith(("did:", "https:", "http:")):
        return Check("issuer", True, f"signed by {controller}; the issuer {issuer} names no key")
    message = f"key controller {controller!r} is not the issuer {issuer!r}"
    return Check("issuer", not required, message if required else f"not enforced: {message}")


def key_failure(label: str, error: BaseException) -> Check:
    """A key that could not be resolved: a failed check when the controller's document says
    no (or the key is malformed), a check not made when the document could not be had."""
    definite = isinstance(error, KeyResolutionError | ValueError) and not isinstance(
        error, KeyUnavailableError
    )
    return Check("key", False, f"{label}cannot resolve key: {error}", checked=definite)


def check_validity(credential: Mapping[str, Any], now: datetime) -> list[Check]:
    """validFrom/validUntil (or VC 1.1 issuanceDate/expirationDate) against ``now``.

    https://www.w3.org/TR/vc-data-model-2.0/#validity-period
    """
    checks = []
    for name, field, legacy_field, is_start in (
        ("valid_from", "validFrom", "issuanceDate", True),
        ("valid_until", "validUntil", "expirationDate", False),
    ):
        raw = credential.get(field, credential.get(legacy_field))
        if raw is None:
            checks.append(Check(name, True, f"no {field}"))
            continue
        try:
            moment = parse_datetime(raw)
        except ValueError as error:
            checks.append(Check(name, False, str(error)))
            continue
        if is_start and moment > now:
            checks.append(Check(name, False, f"not valid before {raw}"))
        elif not is_start and moment <= now:
            checks.append(Check(name, False, f"expired at {raw}"))
        else:
            checks.append(Check(name, True))
    return checks


def validity_changes_after(credential: Mapping[str, Any], now: datetime) -> datetime | None:
    """The first moment after ``now`` at which a time-bound check could turn out otherwise:
    validFrom or validUntil (or their VC 1.1 names), or a proof's expiry. None: never."""
    moments = []
    raw = [credential.get(field) for field in _VALIDITY_FIELDS]
    raw += [p.get("expires") for p in as_list(credential.get("proof")) if isinstance(p, Mapping)]
    for value in raw:
        try:
            moments.append(parse_datetime(value))
        except ValueError:
            continue
    later = [moment for moment in moments if moment > now]
    return min(later) if later else None


def proof_values(credential: Mapping[str, Any]) -> list[str]:
    """The proofValue of each proof, in order (what identifies one signing of a document)."""
    return [
        str(proof.get("proofValue"))
        for proof in as_list(credential.get("proof"))
        if isinstance(proof, Mapping)
    ]


def check_status(credential: Mapping[str, Any], lookup: StatusLookup | None) -> Check:
    """https://www.w3.org/TR/vc-bitstring-status-list/#validate-algorithm ; a status that
    could not be read is a check not made, never a pass."""
    entries = as_list(credential.get("credentialStatus"))
    if not entries:
        return Check("status", True, "no credentialStatus")
    if lookup is None:
        return Check("status", False, "not checked: no status list was available", checked=False)
    for entry in entries:
        if not isinstance(entry, Mapping):
            return Check("status", False, "credentialStatus entries must be objects")
        purpose = entry.get("statusPurpose")
        try:
            is_set = lookup(entry)
        except StatusUnavailable as error:
            return Check("status", False, f"status could not be checked: {error}", checked=False)
        except StatusListError as error:
            return Check("status", False, str(error))
        except Exception as error:  # a caller-supplied lookup may fail in any way
            reason = f"status could not be checked: {error}"
            return Check("status", False, reason, checked=False)
        if is_set and purpose in _REVOKING_PURPOSES:
            verb = "revoked" if purpose == "revocation" else "suspended"
            return Check(
                "status", False, f"{verb} (status list index {entry.get('statusListIndex')})"
            )
    return Check("status", True)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")
