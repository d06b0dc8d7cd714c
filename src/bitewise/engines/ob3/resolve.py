"""Dereference a verification method to its public key and controller.

https://www.w3.org/TR/controller-document/#retrieve-verification-method ; did:key is resolved
locally, any other controller document is supplied by the caller (nothing is fetched here).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from bitewise.engines.ob3.jwk import PublicKey, public_key_from_jwk
from bitewise.engines.ob3.keys import KeyFormatError, decode_multikey, did_key_document

_RELATIONSHIPS = ("assertionMethod", "authentication", "capabilityInvocation")


class KeyResolutionError(LookupError):
    """The key cannot be used: the document that should list it does not, or it is malformed."""


class KeyUnavailableError(KeyResolutionError):
    """The controller document could not be had (not supplied, not fetched, unreachable):
    whether the key is the issuer's is unknown, not false."""


@dataclass(frozen=True)
class ResolvedKey:
    id: str
    controller: str
    public_key: PublicKey
    purposes: frozenset[str]


KeyResolver = Callable[[str], ResolvedKey]


def key_resolver(documents: Mapping[str, Mapping[str, Any]] | None = None) -> KeyResolver:
    """Resolve did:key methods locally and others from ``documents``, keyed by controller id.

    A controller id is the part of the method id before ``#``: an https URL or a DID such as
    ``did:web:example.com``; see ``did_web_url`` for where to fetch a did:web document.
    """
    known = dict(documents or {})

    def resolve(method_id: str) -> ResolvedKey:
        base = method_id.partition("#")[0]
        if base.startswith("did:key:"):
            if method_id == base:
                # A bare did:key names its only key, ``did:key:z6Mk…#z6Mk…``.
                method_id = f"{base}#{base.removeprefix('did:key:')}"
            try:
                return key_from_document(did_key_document(base), method_id)
            except KeyFormatError as error:
                raise KeyResolutionError(str(error)) from error
        document = known.get(base)
        if document is None:
            raise KeyUnavailableError(f"no controller document supplied for {base!r}")
        return key_from_document(document, method_id)

    return resolve


def did_web_url(did: str) -> str:
    """The https URL of a did:web DID document. https://w3c-ccg.github.io/did-method-web/"""
    parts = did.removeprefix("did:web:").split(":")
    host = parts[0].replace("%3A", ":")
    path = "/".join(parts[1:]) or ".well-known"
    return f"https://{host}/{path}/did.json"


def key_from_document(document: Mapping[str, Any], method_id: str) -> ResolvedKey:
    """The verification method ``method_id`` as ``document`` (its controller's) lists it."""
    document_id = document.get("id")
    if document_id != method_id.partition("#")[0]:
        raise KeyResolutionError(f"controller document id {document_id!r} does not match")
    methods = _as_list(document.get("verificationMethod"))
    purposes = set()
    for relationship in _RELATIONSHIPS:
        for entry in _as_list(document.get(relationship)):
            if isinstance(entry, Mapping):
                methods.append(entry)
                entry = entry.get("id")
            if isinstance(entry, str) and _absolute(entry, document_id) == method_id:
                purposes.add(relationship)
    for method in methods:
        if isinstance(method, Mapping) and _absolute(method.get("id"), document_id) == method_id:
            return ResolvedKey(
                id=method_id,
                controller=str(method.get("controller", document_id)),
                public_key=_public_key(method),
                purposes=frozenset(purposes),
            )
    raise KeyResolutionError(f"{method_id!r} is not in its controller document")


def _public_key(method: Mapping[str, Any]) -> PublicKey:
    try:
        if isinstance(method.get("publicKeyMultibase"), str):
            return decode_multikey(method["publicKeyMultibase"])
        if isinstance(method.get("publicKeyJwk"), Mapping):
            return public_key_from_jwk(method["publicKeyJwk"])
    except KeyFormatError as error:
        raise KeyResolutionError(str(error)) from error
    raise KeyResolutionError("verification method has no publicKeyMultibase or publicKeyJwk")


def _absolute(method_id: Any, document_id: str) -> Any:
    return (
        document_id + method_id
        if isinstance(method_id, str) and method_id[:1] == "#"
        else method_id
    )


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]
