"""A podcast feed file (RSS 2.0 with iTunes / Podcasting 2.0 tags, or Atom) → its episodes.

feedparser does the reading: it copes with malformed feeds and sanitizes HTML. It is given a
stream, never ``str`` or ``bytes``: it would fetch a string that looks like a URL, and open
bytes that name a local file.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote, urlsplit

import feedparser

from bitewise.engines.podcasts.data import Episode, Feed, FeedError
from bitewise.engines.podcasts.fields import (
    duration_seconds,
    is_http_url,
    media_of,
    published_of,
    text_of,
)
from bitewise.engines.podcasts.transcripts import transcript_of, transcripts_by_item
from bitewise.engines.text.sizes import describe_bytes

MAX_FEED_BYTES = 20 * 2**20  # feeds of a thousand episodes are a few MB
MAX_SUMMARY = 5000
_ENTITY_DECLARATION = "<!ENTITY"


def parse_feed(data: bytes, *, max_bytes: int = MAX_FEED_BYTES) -> Feed:
    """The episodes of a feed file that have an http(s) audio or video file, in feed order.

    Raises :class:`FeedError` for an empty or oversized file, anything that is not an RSS or
    Atom feed, and a feed without a usable episode. A malformed feed that feedparser can still
    read is accepted.
    """
    if len(data) > max_bytes:
        raise FeedError(
            f"The feed file is over {describe_bytes(max_bytes)}; a podcast feed is not."
        )
    if not data.strip():
        raise FeedError("The feed file is empty.")
    if _declares_entities(data):
        # feedparser's lenient mode expands declared entities without a limit: a 130 KB file
        # made a 1 GB title here (the "quadratic blowup"); feeds have no use for them
        raise FeedError(
            "The feed declares XML entities (<!ENTITY>), which podcast feeds do not use; "
            "it is refused as a possible entity-expansion attack."
        )
    parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False)
    if not parsed.get("version"):
        problem = f": {parsed.get('bozo_exception')}" if parsed.get("bozo") else ""
        raise FeedError(f"This is not an RSS or Atom feed{problem}.")
    entries = parsed.get("entries") or []
    if not entries:
        raise FeedError("The feed has no items, so no episodes.")
    transcripts = transcripts_by_item(data)
    if transcripts is not None and len(transcripts) != len(entries):
        transcripts = None  # the two readers disagree on the items: trust neither's pairing
    episodes: list[Episode] = []
    guids: set[str] = set()
    for index, entry in enumerate(entries):
        episode = _episode(
            entry, transcripts[index] if transcripts is not None else transcript_of(entry)
        )
        if episode is not None and episode.guid not in guids:
            guids.add(episode.guid)
            episodes.append(episode)
    skipped = len(entries) - len(episodes)
    if not episodes:
        problem = ""
        if parsed.get("bozo"):
            problem = f" The file is also malformed: {parsed.get('bozo_exception')}."
        raise FeedError(
            f"The feed has no episode with an http(s) audio or video file "
            f"({len(entries)} item(s) without one).{problem}"
        )
    feed: Mapping[str, Any] = parsed.get("feed") or {}
    link = str(feed.get("link") or "").strip()
    return Feed(
        title=text_of(feed.get("title"), feed.get("title_detail")),
        link=link if is_http_url(link) else "",
        episodes=tuple(episodes),
        skipped=skipped,
    )


def _episode(entry: Mapping[str, Any], transcript_url: str | None) -> Episode | None:
    media = media_of(entry)
    if media is None:
        return None
    summary = text_of(entry.get("summary"), entry.get("summary_detail"))
    if not summary and entry.get("content"):
        content = entry["content"][0]
        summary = text_of(content.get("value"), content)
    title = text_of(entry.get("title"), entry.get("title_detail"))
    return Episode(
        guid=str(entry.get("id") or "").strip() or media.url,
        title=title or unquote(urlsplit(media.url).path.rsplit("/", 1)[-1]),
        published=published_of(entry),
        media_url=media.url,
        media_type=media.type,
        length_bytes=media.length_bytes,
        duration_seconds=duration_seconds(entry.get("itunes_duration")),
        transcript_url=transcript_url,
        summary=summary[:MAX_SUMMARY],
    )


def _declares_entities(data: bytes) -> bool:
    # in every encoding feedparser reads: the ASCII-compatible ones, UTF-16 and UTF-32
    encodings = ("ascii", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
    return any(_ENTITY_DECLARATION.encode(e) in data for e in encodings)
