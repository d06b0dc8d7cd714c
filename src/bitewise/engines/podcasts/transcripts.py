"""Podcasting 2.0 ``<podcast:transcript>`` links, read with expat because feedparser keeps only
the last one of an item (and we prefer a format, not the last written).
https://podcastindex.org/namespace/1.0#transcript"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping
from typing import Any
from xml.parsers import expat

from bitewise.engines.podcasts.fields import is_http_url

NAMESPACES = frozenset(
    {
        "https://podcastindex.org/namespace/1.0",
        # the URI the namespace was first published under, still in some feeds
        "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md",
    }
)
# timed formats first: they keep the cue times the segmentation uses
PREFERENCE = {
    "text/vtt": 0,
    "application/x-subrip": 1,
    "application/srt": 1,
    "text/srt": 1,
    "text/plain": 2,
}
_DECLARED = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def best_transcript(offered: list[tuple[str, str]]) -> str | None:
    """The preferred http(s) link among (type, url) pairs; document order breaks ties."""
    usable = [
        (PREFERENCE[kind], order, url)
        for order, (kind, url) in enumerate(offered)
        if kind in PREFERENCE and is_http_url(url)
    ]
    return min(usable)[2] if usable else None


def transcript_of(entry: Mapping[str, Any]) -> str | None:
    """What feedparser kept (the item's last transcript tag), for feeds expat cannot read."""
    tag = entry.get("podcast_transcript")
    if not isinstance(tag, Mapping):
        return None
    return best_transcript([(_kind(tag.get("type")), str(tag.get("url", "")).strip())])


def transcripts_by_item(data: bytes) -> list[str | None] | None:
    """The preferred transcript link of each ``<item>`` / ``<entry>`` in document order, or
    None when the document is not well-formed, namespaced XML (feedparser then reads it in
    its lenient mode, and :func:`transcript_of` is what is left)."""
    items: list[list[tuple[str, str]]] = []
    depth = 0

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal depth
        namespace, _, local = name.rpartition(" ")
        if local in ("item", "entry"):
            if depth == 0:
                items.append([])
            depth += 1
        elif depth and local == "transcript" and namespace in NAMESPACES:
            items[-1].append((_kind(attributes.get("type")), attributes.get("url", "").strip()))

    def end(name: str) -> None:
        nonlocal depth
        if name.rpartition(" ")[2] in ("item", "entry"):
            depth -= 1

    def refuse_entities(*_: object) -> None:
        # parse_feed refuses such files first; this keeps the parser safe on its own
        raise ValueError("entity declarations are not accepted")

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.EntityDeclHandler = refuse_entities
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(_decoded(data), True)
    except (expat.ExpatError, ValueError, LookupError):
        return None
    return [best_transcript(offered) for offered in items]


def _kind(value: object) -> str:
    return str(value or "").split(";")[0].strip().lower()


def _decoded(data: bytes) -> str:
    """Text for expat, which itself reads only UTF-8, UTF-16 and Latin-1: a BOM, else the
    encoding the XML declaration names (windows-1252 is common in older feeds), else UTF-8.
    Given text, expat ignores the declared encoding."""
    if data.startswith(codecs.BOM_UTF8):
        return data.decode("utf-8-sig", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    declared = _DECLARED.match(data.lstrip())
    encoding = declared.group(1).decode("ascii") if declared else "utf-8"
    return data.decode(codecs.lookup(encoding).name, errors="replace")
