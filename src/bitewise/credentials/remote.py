"""Fetch what a verifier needs from another site: a DID or controller document, a status list.

Plain Python, no Django, so that ``bitewise verify`` can run without a database. Downloads go
through the podcast engine's guarded fetcher: http(s) only, size- and time-capped, and no
private or local address unless ``allow_private`` (tests, closed networks).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from bitewise.engines import ob3
from bitewise.engines.podcasts.data import DownloadError
from bitewise.engines.podcasts.download import fetch_media

MAX_DOCUMENT_BYTES = 1_000_000  # a status list of 131,072 entries is ~20 KB; DID documents less
TIMEOUT_SECONDS = 5.0


class FetchError(Exception):
    """The document could not be had; the message says why."""


def controller_url(controller: str) -> str | None:
    """Where the controller document of ``controller`` is published: did:web's https URL,
    an http(s) controller itself; None for identifiers that name no web location."""
    if controller.startswith("did:web:"):
        return ob3.did_web_url(controller)
    if controller.startswith(("https://", "http://")):
        return controller
    return None


def fetch_json(url: str, *, allow_private: bool, max_seconds: float) -> dict[str, Any]:
    """The JSON object at ``url`` within ``max_seconds``; raises FetchError otherwise."""
    with tempfile.TemporaryDirectory(prefix="bitewise-verify-") as folder:
        try:
            path = fetch_media(
                url,
                Path(folder) / "document.json",
                max_bytes=MAX_DOCUMENT_BYTES,
                timeout=min(TIMEOUT_SECONDS, max_seconds),
                max_seconds=max_seconds,
                allow_private=allow_private,
            )
        except DownloadError as error:
            raise FetchError(str(error)) from error
        data = path.read_bytes()
    try:
        return ob3.parse_json_object(data)
    except ValueError as error:
        raise FetchError(f"{url} is not a JSON object: {error}") from error
