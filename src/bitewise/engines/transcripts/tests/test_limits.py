"""One set of transcript limits: size before reading, then length and cue count before work."""

from __future__ import annotations

import pytest

from bitewise.engines.transcripts import Limits, TranscriptError, read_transcript_bytes
from bitewise.engines.transcripts.captions import timestamp

LIMITS = Limits(max_bytes=4000, max_seconds=3600.0, max_cues=20)


def vtt(count: int, *, every: float = 3.0) -> bytes:
    blocks = ["WEBVTT"]
    for i in range(count):
        a, b = i * every, i * every + every
        blocks.append(f"{timestamp(a)} --> {timestamp(b)}\nLine {i}.")
    return ("\n\n".join(blocks) + "\n").encode()


@pytest.mark.parametrize(
    ("data", "format", "message"),
    [
        pytest.param(b"x" * 5000, "text", r"is 5.0 kB; the limit is 4.0 kB", id="bytes"),
        pytest.param(
            b"x" * 4001, "text", r"is 4,001 bytes; the limit is 4,000 bytes", id="just-over"
        ),
        pytest.param(vtt(21), "vtt", r"has 21 cues; the limit is 20", id="cues"),
        pytest.param(
            vtt(2, every=2000.0), "vtt", r"runs 1:06:40; the limit is 1:00:00", id="timed"
        ),
        pytest.param(
            b"word " * 790, "text", r"estimated from its words: it has no timestamps", id="plain"
        ),
    ],
)
def test_a_transcript_over_a_limit_is_refused_with_the_limit_named(
    data: bytes, format: str, message: str
) -> None:
    limits = LIMITS if format != "text" or len(data) > 4000 else Limits(4000, 300.0, 20)

    with pytest.raises(TranscriptError, match=message):
        read_transcript_bytes(data, format=format, limits=limits)


def test_a_transcript_at_the_limits_is_read() -> None:
    transcript = read_transcript_bytes(vtt(20), format="vtt", limits=LIMITS)

    assert len(transcript.cues) == 20 and transcript.seconds == 60.0


@pytest.mark.parametrize(
    ("text", "format", "message"),
    [
        pytest.param(
            "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nHello.\n\n"
            "00:01:05.000 --> 00:01:11.000\n" + "word " * 2500 + "\n",
            "vtt",
            r"^The caption at 1:05 has 12,499 characters; a caption may hold 10,000: split it",
            id="timed",
        ),
        pytest.param(
            "Hello. " + "word " * 2500,
            "text",
            r"has 12,499 characters; a caption may hold 10,000 \(text without timestamps is "
            r"cut at sentence ends\)",
            id="plain-without-sentence-ends",
        ),
    ],
)
def test_a_caption_of_pages_is_refused_with_where_it_is(
    text: str, format: str, message: str
) -> None:
    limits = Limits(max_bytes=100_000, max_seconds=3600.0, max_cues=20)

    with pytest.raises(TranscriptError, match=message):
        read_transcript_bytes(text.encode(), format=format, limits=limits)


def test_a_long_turn_of_one_speaker_is_read() -> None:
    turn = "Dana Whitfield  0:15\n" + "Members stay when they are welcomed. " * 200
    turn += "\n\nSam Ortiz  9:40\nThank you, Dana.\n"  # Otter's export: a heading per turn
    limits = Limits(max_bytes=100_000, max_seconds=3600.0, max_cues=20)

    transcript = read_transcript_bytes(turn.encode(), format="text", limits=limits)

    assert len(transcript.cues[0].text) > 7000  # minutes of speech in one caption
