"""Verify any Open Badges 3.0 credential: JSON-LD, VC-JWT, or a baked PNG/SVG; ours or
another issuer's (given its key document, or a did:key)."""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from typing import Any

from django.utils import timezone

from bitewise.credentials.models import Issuer, StatusList
from bitewise.credentials.services.issuers import did_document
from bitewise.credentials.services.status_lists import status_list_credential
from bitewise.credentials.urls_abs import status_list_url
from bitewise.engines import ob3

MAX_INPUT_BYTES = 5_000_000
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _payload(data: bytes) -> tuple[str, Any]:
    """('png'|'svg'|'jwt'|'json', the credential or token) — or ('error', a message)."""
    if data.startswith(PNG_MAGIC):
        try:
            return "png", ob3.unbake_png(data)
        except ob3.BakeError as exc:
            return "error", f"baked PNG: {exc}"
    text = data.decode("utf-8", errors="replace").strip()
    if text.startswith("<"):
        try:
            return "svg", ob3.unbake_svg(text)
        except ob3.BakeError as exc:
            return "error", f"baked SVG: {exc}"
    return "json", text


def _our_documents() -> dict[str, dict[str, Any]]:
    """DID documents of our issuers that have keys (verifying never creates a key)."""
    issuers = Issuer.objects.filter(keys__isnull=False).distinct()
    return {issuer.did: did_document(issuer=issuer) for issuer in issuers}


def _status_lookup(credential: Mapping[str, Any] | None) -> ob3.StatusLookup | None:
    """Our own lists are read live from the database; a foreign list is not fetched."""
    entries = ob3_entries(credential)
    ours = {status_list_url(sl.pk): sl for sl in StatusList.objects.select_related("issuer")}
    wanted = {
        url
        for e in entries
        if isinstance(e, Mapping) and isinstance(url := e.get("statusListCredential"), str)
    }
    if not entries or not wanted or not wanted <= ours.keys():
        return None
    return ob3.status_lookup(
        {url: status_list_credential(status_list=ours[url]) for url in wanted if url}
    )


def ob3_entries(credential: Mapping[str, Any] | None) -> list[Any]:
    if not isinstance(credential, Mapping):
        return []
    status = credential.get("credentialStatus")
    return status if isinstance(status, list) else [status] if status else []


def _invalid(name: str, reason: str) -> ob3.VerificationResult:
    return ob3.VerificationResult((ob3.Check(name, False, reason),))


def _claims(token: str) -> Mapping[str, Any] | None:
    """The credential inside a VC-JWT, unverified: only to find its status entry."""
    try:
        body = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    except (IndexError, ValueError, RecursionError):
        return None
    if not isinstance(claims, Mapping):
        return None
    inner = claims.get("vc", claims)
    return inner if isinstance(inner, Mapping) else None


def _parse(text: str) -> Mapping[str, Any] | None:
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, Mapping) else None


def verify_bytes(
    data: bytes, *, key_documents: Mapping[str, Mapping[str, Any]] | None = None
) -> tuple[str, ob3.VerificationResult]:
    """Verify one file's bytes: returns its format and the result; never raises."""
    if len(data) > MAX_INPUT_BYTES:
        return "error", _invalid("json", f"the file is larger than {MAX_INPUT_BYTES} bytes")
    try:
        return _verify(data, key_documents or {})
    except Exception as error:  # hostile input must give INVALID, never a 500
        return "error", _invalid("internal", f"could not be checked: {type(error).__name__}")


def _verify(
    data: bytes, key_documents: Mapping[str, Mapping[str, Any]]
) -> tuple[str, ob3.VerificationResult]:
    now = timezone.now()
    ours = _our_documents()
    # A caller's key document never stands in for one of our issuers: ours win, so a
    # forgery signed with a made-up key "for" our DID cannot verify.
    documents = {**{k: v for k, v in key_documents.items() if k not in ours}, **ours}
    kind, payload = _payload(data)
    if kind == "error":
        return kind, _invalid("json", payload)
    if isinstance(payload, str) and payload.startswith("ey") and payload.count(".") == 2:
        lookup = _status_lookup(_claims(payload))
        return "jwt" if kind == "json" else kind, ob3.verify_jwt(
            payload, now=now, key_documents=documents, status_lookup=lookup
        )
    credential = payload if isinstance(payload, Mapping) else _parse(payload)
    return kind, ob3.verify_credential(
        payload, now=now, key_documents=documents, status_lookup=_status_lookup(credential)
    )
