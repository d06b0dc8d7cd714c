"""Verify any Open Badges 3.0 credential: JSON-LD, VC-JWT, or a baked PNG/SVG; ours or
another issuer's. Three outcomes (``ob3.VALID``, ``INVALID``, ``COULD_NOT_VERIFY``); a check
that could not be made never counts as passed.

Where keys and status lists come from, in order: this site's own issuers (``local``, the
database, when there is one), documents the caller supplies, did:key (self-describing), and
the web (``fetch``: did:web and https controller documents, status list URLs). A fetched or
supplied status list is used only once it verifies and its issuer is the credential's.

No Django at import: ``bitewise verify`` runs this without a database or settings.
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from bitewise.credentials.remote import FetchError, controller_url, fetch_json
from bitewise.engines import ob3

MAX_INPUT_BYTES = 5_000_000
MAX_FETCHES = 4  # per verification: a controller document, a status list, and their keys
FETCH_SECONDS = 10.0  # all fetches of one verification together
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


class LocalIssuers(Protocol):
    """This site's issuers, as the database knows them."""

    def controllers(self) -> frozenset[str]:
        """The DIDs of this site's issuers."""
        ...

    def key(self, method_id: str) -> ob3.ResolvedKey | None:
        """The verification method if it is one of this site's keys, whatever DID it is
        listed under (the site URL may have changed since the credential was signed)."""
        ...

    def status_list(self, url: str, *, signed_here: bool) -> dict[str, Any] | None:
        """This site's status list at ``url``; with ``signed_here`` (the credential is signed
        by one of this site's keys) also one moved by a change of site URL."""
        ...


LocalSource = Callable[[], LocalIssuers | None]


@dataclass
class Sources:
    key_documents: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    status_lists: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    local: LocalSource | None = None  # called once, when first needed
    fetch: bool = False
    allow_private: bool = False


def verify_bytes(
    data: bytes,
    *,
    key_documents: Mapping[str, Mapping[str, Any]] | None = None,
    status_lists: Mapping[str, Mapping[str, Any]] | None = None,
    local: LocalSource | None = None,
    fetch: bool = False,
    allow_private: bool = False,
) -> tuple[str, ob3.VerificationResult]:
    """Verify one file's bytes: returns its format and the result; never raises."""
    if len(data) > MAX_INPUT_BYTES:
        return "error", ob3.VerificationResult(
            (ob3.Check("json", False, f"the file is larger than {MAX_INPUT_BYTES} bytes"),)
        )
    sources = Sources(key_documents or {}, status_lists or {}, local, fetch, allow_private)
    try:
        return _verify(data, _Session(sources, datetime.now(UTC)))
    except Exception as error:  # hostile input must never be a 500 or a traceback
        reason = f"could not be checked: {type(error).__name__}"
        return "error", ob3.VerificationResult((ob3.Check("internal", False, reason, False),))


def _verify(data: bytes, session: _Session) -> tuple[str, ob3.VerificationResult]:
    kind, payload = _payload(data)
    if kind == "error":
        return kind, ob3.VerificationResult((ob3.Check("json", False, payload),))
    if isinstance(payload, str) and payload.startswith("ey") and payload.count(".") == 2:
        session.credential = _claims(payload)
        return "jwt" if kind == "json" else kind, ob3.verify_jwt(
            payload, now=session.now, resolver=session.resolve, status_lookup=session.lookup
        )
    session.credential = payload if isinstance(payload, Mapping) else _parse(payload)
    return kind, ob3.verify_credential(
        payload, now=session.now, resolver=session.resolve, status_lookup=session.lookup
    )


class _Session:
    """One verification: its sources, what it fetched, and whether the key is this site's."""

    def __init__(self, sources: Sources, now: datetime) -> None:
        self.sources = sources
        self.now = now
        self.credential: Mapping[str, Any] | None = None
        self.signed_here = False
        self._local: LocalIssuers | None = None
        self._local_asked = False
        self._fetched: dict[str, dict[str, Any]] = {}
        self._fetch_deadline = time.monotonic() + FETCH_SECONDS

    def local(self) -> LocalIssuers | None:
        if not self._local_asked and self.sources.local is not None:
            self._local_asked = True
            self._local = self.sources.local()
        return self._local

    def resolve(self, method_id: str) -> ob3.ResolvedKey:
        controller = method_id.partition("#")[0]
        if controller.startswith("did:key:"):
            return ob3.key_resolver()(method_id)
        local = self.local()
        if local is not None:
            key = local.key(method_id)
            if key is not None:
                self.signed_here = True
                return key
            if controller in local.controllers():
                # Never a caller's or a fetched document for one of our issuers.
                raise ob3.KeyResolutionError(f"{method_id} is not a key of this site's issuer")
        document = self.sources.key_documents.get(controller)
        if document is None:
            url = controller_url(controller)
            if url is None:
                raise ob3.KeyUnavailableError(f"{controller!r} names no document to fetch")
            try:
                document = self._fetch(url)
            except FetchError as error:
                raise ob3.KeyUnavailableError(f"controller document: {error}") from error
        return ob3.key_from_document(document, method_id)

    def lookup(self, entry: Mapping[str, Any]) -> bool:
        url = entry.get("statusListCredential")
        if not isinstance(url, str):
            raise ob3.StatusListError("statusListCredential is not a URL")
        return ob3.status_lookup({url: self._status_list(url)})(entry)

    def _status_list(self, url: str) -> Mapping[str, Any]:
        local = self.local()
        ours = local.status_list(url, signed_here=self.signed_here) if local else None
        if ours is not None:
            return ours
        document = self.sources.status_lists.get(url)
        if document is None:
            try:
                document = self._fetch(url)
            except FetchError as error:
                raise ob3.StatusUnavailable(f"status list: {error}") from error
        checked = ob3.verify_credential(
            document, now=self.now, resolver=self.resolve, status_lookup=None
        )
        if checked.status != ob3.VALID:
            raise ob3.StatusUnavailable(f"the status list does not verify ({checked.reason})")
        issuer = ob3.issuer_id(self.credential or {})
        if ob3.issuer_id(document) != issuer:
            raise ob3.StatusUnavailable(f"the status list is not issued by {issuer}")
        return document

    def _fetch(self, url: str) -> dict[str, Any]:
        if url in self._fetched:
            return self._fetched[url]
        if not self.sources.fetch:
            raise FetchError(f"{url} was not fetched (offline)")
        if len(self._fetched) >= MAX_FETCHES:
            raise FetchError(f"{url} was not fetched: more than {MAX_FETCHES} documents needed")
        left = self._fetch_deadline - time.monotonic()
        if left <= 0:
            raise FetchError(f"{url} was not fetched: {FETCH_SECONDS:g} s spent fetching")
        document = fetch_json(url, allow_private=self.sources.allow_private, max_seconds=left)
        self._fetched[url] = document
        return document


def _payload(data: bytes) -> tuple[str, Any]:
    """('png'|'svg'|'json', the credential or token) — or ('error', a message)."""
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


def _claims(token: str) -> Mapping[str, Any] | None:
    """The credential inside a VC-JWT, unverified: only to compare status list issuers."""
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


def result_json(kind: str, result: ob3.VerificationResult) -> dict[str, Any]:
    """The documented JSON form of a result (API and ``bitewise verify --json``)."""
    return {
        "status": result.status,
        "format": kind,
        "reason": result.reason,
        "checks": [
            {
                "name": check.name,
                "outcome": check.outcome,
                "ok": check.ok,
                "reason": check.reason,
            }
            for check in result.checks
        ],
    }
