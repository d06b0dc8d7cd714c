"""Podcast RSS / Atom feed files → episodes with their media and transcript links, and the
download of an episode's media (framework-free; parsing never touches the network)."""

from bitewise.engines.podcasts.data import DownloadError, Episode, Feed, FeedError
from bitewise.engines.podcasts.download import fetch_media
from bitewise.engines.podcasts.feed import MAX_FEED_BYTES, parse_feed

__all__ = [
    "MAX_FEED_BYTES",
    "DownloadError",
    "Episode",
    "Feed",
    "FeedError",
    "fetch_media",
    "parse_feed",
]
