from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from bitewise.engines.transcripts import (
    TranscriptError,
    decode,
    group_passages,
    parse_transcript,
    split_speaker,
)

DATA = Path(__file__).parent / "data"


def read(name: str) -> str:
    return decode((DATA / name).read_bytes())


def test_zoom_vtt_gives_speakers_and_millisecond_times() -> None:
    transcript = parse_transcript(read("zoom.vtt"))

    assert transcript.format == "vtt"
    assert transcript.is_timed
    first, second = transcript.cues[:2]
    assert (first.start, first.end, first.speaker) == (1.38, 5.12, "Dana Whitfield")
    assert first.text == "Welcome, everyone, to this session on handoffs."
    assert second.text == "Today we walk through SBAR, one part at a time, using a real phone call."
    assert transcript.cues[2].speaker == "Marcus Lee"


def test_vtt_voice_spans_name_the_speaker_and_tags_are_stripped() -> None:
    transcript = parse_transcript(read("voices.vtt"))

    assert [c.speaker for c in transcript.cues] == ["Dr. Amara Osei", "Dr. Amara Osei"]
    assert transcript.cues[0].text == "Revenue is recognised when control passes."
    assert transcript.cues[1].start == 4.5


def test_srt_is_sniffed_and_read() -> None:
    transcript = parse_transcript(read("lecture.srt"))

    assert transcript.format == "srt"
    assert [c.start for c in transcript.cues] == [0.0, 20.5, 40.5]
    assert transcript.cues[2].end == 62.0


def test_plain_text_with_stamps_is_timed() -> None:
    transcript = parse_transcript(read("stamped.txt"))

    assert transcript.format == "text"
    assert transcript.is_timed
    assert [c.start for c in transcript.cues] == [0.0, 35.0, 70.0]
    assert transcript.cues[0].end == 35.0
    assert transcript.cues[2].speaker == "Speaker 2"


def test_plain_text_without_stamps_gets_estimated_times() -> None:
    transcript = parse_transcript(read("plain.txt"))

    assert not transcript.is_timed
    assert len(transcript.cues) == 3
    assert transcript.cues[1].start == transcript.cues[0].end > 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Jane Doe: Hello", ("Jane Doe", "Hello"), id="zoom-name"),
        pytest.param("Dr. A. B. Okafor: Hi", ("Dr. A. B. Okafor", "Hi"), id="titled-name"),
        pytest.param("the ratio is 3:1 here", ("", "the ratio is 3:1 here"), id="no-name"),
        pytest.param("one two three four five: x", ("", "one two three four five: x"), id="long"),
    ],
)
def test_split_speaker(text: str, expected: tuple[str, str]) -> None:
    assert split_speaker(text) == expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"", "empty", id="empty"),
        pytest.param(b"  \n\n ", "empty", id="blank"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", id="png"),
    ],
)
def test_decode_refuses_empty_and_binary(data: bytes, message: str) -> None:
    with pytest.raises(TranscriptError, match=message):
        decode(data)


def test_decode_accepts_utf8_with_or_without_bom_and_utf16_with_bom() -> None:
    assert decode("\ufeffWEBVTT".encode()) == "WEBVTT"
    assert decode("WEBVTT café".encode()) == "WEBVTT café"
    assert decode("WEBVTT café".encode("utf-16")) == "WEBVTT café"


def test_decode_refuses_text_that_is_not_utf8() -> None:
    with pytest.raises(TranscriptError, match="not UTF-8 text \\(byte 4 is not valid\\)"):
        decode("café".encode("cp1252"))


@pytest.mark.parametrize(
    ("text", "format", "message"),
    [
        pytest.param("hello\n", "vtt", "first line must be WEBVTT", id="vtt-without-header"),
        pytest.param("WEBVTT\n\n", "", "no cues", id="vtt-without-cues"),
        pytest.param("1\n00:00:01,000 --> xx\nhi\n", "srt", "no cues", id="bad-srt"),
        pytest.param("WEBVTT\n", "docx", "Unknown", id="unknown-format"),
    ],
)
def test_bad_files_raise_a_clear_error(text: str, format: str, message: str) -> None:
    with pytest.raises(TranscriptError, match=message):
        parse_transcript(text, format=format)


def test_passages_last_30_to_60_seconds_and_end_on_sentences() -> None:
    passages = group_passages(parse_transcript(read("zoom.vtt")).cues)

    assert [(p.start, p.end) for p in passages] == [(1.38, 38.5), (39.0, 80.0)]
    assert passages[0].text.endswith("what has changed.")
    assert passages[0].speakers == ("Dana Whitfield", "Marcus Lee")


def test_a_passage_is_cut_at_the_maximum_without_a_sentence_end() -> None:
    from bitewise.engines.transcripts import Cue

    cues = [Cue(start=i * 10.0, end=i * 10.0 + 9, text=f"word {i}") for i in range(20)]

    passages = group_passages(cues)

    assert all(p.end - p.start <= 60 for p in passages)
    assert passages[0].start == 0.0 and passages[1].start == 60.0


def vtt(*cues: tuple[str, str, str]) -> str:
    return "WEBVTT\n\n" + "\n\n".join(f"{a} --> {b}\n{text}" for a, b, text in cues) + "\n"


def test_out_of_order_cues_are_put_in_order() -> None:
    text = vtt(
        ("00:00:10.000", "00:00:12.000", "Second"),
        ("00:00:01.000", "00:00:03.000", "First"),
    )
    assert [c.text for c in parse_transcript(text).cues] == ["First", "Second"]


def test_a_multi_speaker_export_whose_cues_overlap_by_seconds_is_read_whole() -> None:
    transcript = parse_transcript(read("overlapping.vtt"))

    cues = transcript.cues
    assert [c.speaker for c in cues] == ["Ana Ruiz", "Ben Okafor", "Ana Ruiz", "Ben Okafor"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(cues))
    words = " ".join(c.text for c in cues).split()
    assert len(words) == 32  # every word of the file
    assert (cues[0].start, cues[0].end) == (0.0, 4.0)  # trimmed where Ben cuts in


def test_a_small_overlap_is_trimmed_so_cues_follow_each_other() -> None:
    text = vtt(("00:00:00.000", "00:00:05.500", "One"), ("00:00:05.000", "00:00:08.000", "Two"))
    first, second = parse_transcript(text).cues
    assert (first.start, first.end) == (0.0, 5.0)
    assert (second.start, second.end) == (5.0, 8.0)


def test_out_of_order_timestamps_in_plain_text_are_put_in_order() -> None:
    transcript = parse_transcript("[00:05] Later words.\n[00:01] Earlier words.", format="text")

    assert [(c.start, c.end, c.text) for c in transcript.cues] == [
        (1.0, 5.0, "Earlier words."),
        (5.0, 5.8, "Later words."),
    ]


@pytest.mark.parametrize(
    ("text", "format"),
    [
        pytest.param(
            "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHello.\n\n"
            "00:00:03.000 --> 00:00:04.000\nPrices went up --> down, she said.\n",
            "vtt",
            id="vtt",
        ),
        pytest.param(
            "1\n00:00:01,000 --> 00:00:02,000\nHello.\n\n"
            "2\n00:00:03,000 --> 00:00:04,000\nPrices went up --> down, she said.\n",
            "srt",
            id="srt",
        ),
    ],
)
def test_words_holding_the_timing_arrow_are_refused_with_their_line(text: str, format: str) -> None:
    """A player drops such a cue without a word; we said so only as "no cues" or not at all."""
    with pytest.raises(
        TranscriptError,
        match=r"^Line 7 holds “-->” but is no cue timing .*: “Prices went up --> down",
    ):
        parse_transcript(text, format=format)
