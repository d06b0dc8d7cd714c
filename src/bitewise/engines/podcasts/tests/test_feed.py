from __future__ import annotations

import io
import time
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest

from bitewise.engines.podcasts import FeedError, parse_feed
from bitewise.engines.podcasts.tests.local_server import Reply, serving
from bitewise.engines.podcasts.transcripts import transcripts_by_item

FEEDS = Path(__file__).resolve().parent / "feeds"


def feed_bytes(name: str) -> bytes:
    return (FEEDS / name).read_bytes()


def test_it_reads_an_rss_feed_with_itunes_and_podcast_tags() -> None:
    feed = parse_feed(feed_bytes("rss_itunes.xml"))

    assert (feed.title, feed.link) == ("Ethics & Practice", "https://podcast.example.org/")
    first = feed.episodes[0]
    assert first.guid == "ethics-101"
    assert first.title == "Conflicts of interest"
    assert first.published == datetime(2025, 6, 3, 7, 30, tzinfo=UTC)
    assert first.media_url == "https://cdn.example.org/ethics-101.mp3"
    assert first.media_type == "audio/mpeg"
    assert first.length_bytes == 48211968
    assert first.duration_seconds == 3723.0


def test_the_summary_is_plain_text_without_scripts() -> None:
    first = parse_feed(feed_bytes("rss_itunes.xml")).episodes[0]

    assert first.summary == "When a conflict arises & what to do. Second paragraph."


def test_it_prefers_a_webvtt_transcript_then_subrip_then_plain_text() -> None:
    episodes = parse_feed(feed_bytes("rss_itunes.xml")).episodes
    srt_first = parse_feed(feed_bytes("windows1252.xml")).episodes[0]

    assert episodes[0].transcript_url == "https://cdn.example.org/ethics-101.vtt"
    assert episodes[1].transcript_url == "https://cdn.example.org/gifts.txt"  # not the html one
    assert srt_first.transcript_url == "https://x.example.org/w1.srt"


def test_it_ignores_a_transcript_link_that_is_not_http() -> None:
    bonus = parse_feed(feed_bytes("rss_itunes.xml")).episodes[2]

    assert bonus.guid == "bonus-1" and bonus.transcript_url is None


def test_the_guid_falls_back_to_the_media_url() -> None:
    video = parse_feed(feed_bytes("rss_itunes.xml")).episodes[1]

    assert video.guid == video.media_url == "https://cdn.example.org/gifts.mp4"
    assert (video.media_type, video.duration_seconds) == ("video/mp4", 750.0)


def test_a_media_suffix_makes_an_untyped_enclosure_media() -> None:
    bonus = parse_feed(feed_bytes("rss_itunes.xml")).episodes[2]

    assert bonus.media_url == "https://cdn.example.org/bonus.m4a?token=1"
    assert bonus.length_bytes is None  # the feed said length="0"
    assert bonus.duration_seconds == 95.0


def test_it_picks_the_audio_enclosure_after_cover_art() -> None:
    art_first = parse_feed(feed_bytes("rss_itunes.xml")).episodes[3]

    assert art_first.media_url == "https://cdn.example.org/art-first.ogg"
    assert art_first.duration_seconds is None  # "not known"


def test_it_skips_and_counts_items_without_http_media_and_repeated_guids() -> None:
    feed = parse_feed(feed_bytes("rss_itunes.xml"))

    guids = [e.guid for e in feed.episodes]
    assert guids == ["ethics-101", "https://cdn.example.org/gifts.mp4", "bonus-1", "art-first"]
    assert not {"notes-1", "evil-file", "evil-script"} & set(guids)
    assert all(e.media_url.startswith("https://") for e in feed.episodes)
    assert feed.skipped == 4  # no audio, file:, javascript:, a second "ethics-101"


def test_it_reads_an_atom_feed() -> None:
    feed = parse_feed(feed_bytes("atom.xml"))

    assert (feed.title, feed.link) == ("Board Basics", "https://board.example.org/")
    (episode,) = feed.episodes
    assert episode.media_url == "https://board.example.org/fiduciary.m4a"
    assert episode.published == datetime(2025, 5, 1, 10, 0, tzinfo=UTC)
    assert episode.summary == "Care, loyalty & obedience."
    assert episode.transcript_url == "https://board.example.org/fiduciary.vtt"


def test_it_reads_a_windows_1252_feed() -> None:
    feed = parse_feed(feed_bytes("windows1252.xml"))

    assert (feed.title, feed.episodes[0].title) == ("Café talks", "Naïve budgeting")


def test_a_malformed_but_usable_feed_still_gives_its_episodes() -> None:
    feed = parse_feed(feed_bytes("malformed.xml"))

    assert [e.guid for e in feed.episodes] == ["qa-1"]
    assert feed.episodes[0].duration_seconds == 1800.0
    # not namespaced XML: the transcript link is the one feedparser kept
    assert feed.episodes[0].transcript_url == "https://qa.example.org/qa-1.srt"
    assert feed.skipped == 1  # the truncated item


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"", "empty", id="empty"),
        pytest.param(b" \n\t ", "empty", id="blank"),
        pytest.param(
            b"<!DOCTYPE html><html><head><title>Hi</title></head><body><p>x</p></body></html>",
            "not an RSS or Atom feed",
            id="html-page",
        ),
        pytest.param(b'{"version": "https://jsonfeed.org/version/1"}', "not an RSS", id="json"),
        pytest.param(bytes(range(256)) * 8, "not an RSS", id="random-bytes"),
        pytest.param(b'<svg xmlns="http://www.w3.org/2000/svg"/>', "not an RSS", id="other-xml"),
        pytest.param(
            b'<rss version="2.0"><channel><title>T</title></channel></rss>',
            "no items, so no episodes",
            id="no-items",
        ),
        pytest.param(
            b'<rss version="2.0"><channel><title>T</title><item><title>A</title>'
            b'<enclosure url="file:///etc/passwd" type="audio/mpeg"/></item></channel></rss>',
            "(1 item(s) without one)",
            id="only-unsafe-media",
        ),
    ],
)
def test_it_refuses_what_is_not_a_usable_feed(data: bytes, message: str) -> None:
    with pytest.raises(FeedError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_feed(data)


def test_it_refuses_a_file_over_the_size_limit() -> None:
    with pytest.raises(FeedError, match=r"over 1\.0 kB"):
        parse_feed(feed_bytes("rss_itunes.xml"), max_bytes=1048)


@pytest.mark.parametrize("name", ["/etc/hostname", "http://127.0.0.1:9/feed.xml"])
def test_bytes_naming_a_file_or_url_are_data_never_opened(name: str) -> None:
    with pytest.raises(FeedError, match="not an RSS or Atom feed"):
        parse_feed(name.encode())


@pytest.mark.parametrize("name", ["billion_laughs.xml", "external_entity.xml"])
def test_it_refuses_entity_declarations_at_once(name: str) -> None:
    began = time.perf_counter()
    with pytest.raises(FeedError, match="entity-expansion attack"):
        parse_feed(feed_bytes(name))
    assert time.perf_counter() - began < 0.5


def test_it_refuses_a_quadratic_blowup_in_utf_16() -> None:
    # feedparser alone turns this (a few KB here; 130 KB made 1 GB) into an enormous title
    head = '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE rss [\n<!ENTITY a "' + "x" * 1000
    body = '">\n]>\n<rss version="2.0"><channel><item><title>' + "&a;" * 1000
    data = (head + body + "</title></item></channel></rss>").encode("utf-16")

    with pytest.raises(FeedError, match="entity-expansion attack"):
        parse_feed(data)


def test_feedparser_itself_drops_the_billion_laughs_entities_quickly() -> None:
    # Why the strict reader is safe: feedparser keeps only entities without "&" in them and
    # expat limits amplification; the refusal above guards the lenient reader.
    began = time.perf_counter()
    parsed = feedparser.parse(io.BytesIO(feed_bytes("billion_laughs.xml")))

    assert time.perf_counter() - began < 0.5
    assert len(parsed.entries[0].title) < 100


def test_the_transcript_reader_refuses_entities_on_its_own() -> None:
    assert transcripts_by_item(feed_bytes("billion_laughs.xml")) is None
    assert transcripts_by_item(feed_bytes("external_entity.xml")) is None


def test_an_external_doctype_is_never_fetched() -> None:
    with serving({"/rss.dtd": Reply(body=b"<!ENTITY x 'y'>")}) as server:
        data = (
            f'<?xml version="1.0"?>\n<!DOCTYPE rss SYSTEM "{server.base}/rss.dtd">\n'
            '<rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0">'
            "<channel><title>T</title><item><guid>1</guid>"
            '<enclosure url="https://x.example.org/1.mp3" type="audio/mpeg"/>'
            '<podcast:transcript url="https://x.example.org/1.vtt" type="text/vtt"/>'
            "</item></channel></rss>"
        ).encode()

        feed = parse_feed(data)

    assert feed.episodes[0].transcript_url == "https://x.example.org/1.vtt"
    assert server.hits == []
