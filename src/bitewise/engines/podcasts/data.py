"""The plain values a podcast feed gives back, and the errors shown to staff as they are."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


class FeedError(ValueError):
    """A feed file we cannot use; the message says why, for staff."""


class DownloadError(Exception):
    """An episode's media could not be downloaded; the message says why, for staff."""


@dataclass(frozen=True)
class Episode:
    guid: str  # the feed's guid or id, else the media URL
    title: str
    published: datetime | None  # aware, UTC
    media_url: str  # always http or https
    media_type: str  # as the feed declares it, e.g. "audio/mpeg"; "" when it declares none
    length_bytes: int | None
    duration_seconds: float | None
    transcript_url: str | None  # Podcasting 2.0 <podcast:transcript>, http or https
    summary: str  # plain text


@dataclass(frozen=True)
class Feed:
    title: str
    link: str
    episodes: tuple[Episode, ...]
    skipped: int = 0  # items without a usable http(s) audio or video file, or repeated guids
