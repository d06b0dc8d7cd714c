"""One feed field at a time: media enclosures, durations, dates, plain text, safe URLs."""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

MEDIA_SUFFIXES = (".mp3", ".m4a", ".wav", ".ogg", ".mp4", ".webm", ".mov")
MEDIA_TYPES = ("audio/", "video/")
_DURATION = re.compile(r"^(?:(\d+):)??(?:(\d+):)?(\d+(?:\.\d+)?)$")
_BLOCKS = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "tr", "td"})


@dataclass(frozen=True)
class Media:
    url: str
    type: str
    length_bytes: int | None


def is_http_url(url: str) -> bool:
    """Only http(s) with a host: file:, data:, javascript: and relative links never pass."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def media_of(entry: Mapping[str, Any]) -> Media | None:
    """The entry's first audio or video enclosure with an http(s) URL."""
    offered = [
        Media(str(e.get("href", "")).strip(), _type(e), _length(e.get("length")))
        for e in entry.get("enclosures") or ()
    ]
    # Media RSS (<media:content>) only when there is no plain enclosure
    offered = offered or [
        Media(str(m.get("url", "")).strip(), _type(m), _length(m.get("filesize")))
        for m in entry.get("media_content") or ()
    ]
    return next((m for m in offered if _is_media(m) and is_http_url(m.url)), None)


def _type(enclosure: Mapping[str, Any]) -> str:
    return str(enclosure.get("type") or "").strip().lower()


def _is_media(media: Media) -> bool:
    path = urlsplit(media.url).path.lower() if media.url else ""
    return media.type.startswith(MEDIA_TYPES) or path.endswith(MEDIA_SUFFIXES)


def _length(value: object) -> int | None:
    # feeds often say length="0" or leave junk there when they do not know
    try:
        length = int(str(value).strip())
    except ValueError:
        return None
    return length if length > 0 else None


def duration_seconds(value: object) -> float | None:
    """``<itunes:duration>`` as seconds: "SS", "MM:SS" or "HH:MM:SS"; None if unreadable.
    https://help.apple.com/itc/podcasts_connect/#/itcb54353390"""
    match = _DURATION.match(str(value or "").strip())
    if not match:
        return None
    hours, minutes, seconds = match.groups()
    if (hours or minutes) and float(seconds) >= 60:
        return None  # "1:75" is a typo, not 2:15
    if hours and int(minutes) >= 60:
        return None
    return int(hours or 0) * 3600 + int(minutes or 0) * 60 + float(seconds)


def published_of(entry: Mapping[str, Any]) -> datetime | None:
    # feedparser has already turned every date format it knows into a UTC struct_time
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not isinstance(parsed, time.struct_time):
        return None
    return datetime(*parsed[:6], tzinfo=UTC)


def plain_text(html: str) -> str:
    """Text of an HTML fragment, scripts and styles dropped, whitespace collapsed."""
    parser = _TextOnly()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.pieces).split())


def text_of(value: object, detail: Mapping[str, Any] | None) -> str:
    """A feedparser text field: HTML stripped when the feed says it is HTML."""
    text = str(value or "")
    if detail and "html" in str(detail.get("type", "")):
        return plain_text(text)
    return " ".join(text.split())


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: Iterable[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.hidden += 1
        elif tag in _BLOCKS:
            self.pieces.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.pieces.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.pieces.append(data)
