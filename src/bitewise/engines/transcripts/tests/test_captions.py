"""A lesson's captions: the cues of its range, on its player's clock, as WebVTT and paragraphs."""

from __future__ import annotations

import pytest

from bitewise.engines.transcripts import parse_transcript
from bitewise.engines.transcripts.captions import (
    Paragraph,
    cues_in_range,
    paragraphs,
    timestamp,
    write_webvtt,
)
from bitewise.engines.transcripts.cues import Cue

CUES = (
    Cue(0.0, 10.0, "Welcome.", "Ana"),
    Cue(10.0, 25.0, "Reserves cover six months.", "Ana"),
    Cue(25.0, 40.0, "Variance reports follow.", "Ben"),
    Cue(40.0, 55.0, "That is all.", "Ben"),
)


@pytest.mark.parametrize(
    ("start", "end", "offset", "expected"),
    [
        pytest.param(
            0.0, None, 0.0, [(0.0, 10.0), (10.0, 25.0), (25.0, 40.0), (40.0, 55.0)], id="whole"
        ),
        pytest.param(10.0, 40.0, 0.0, [(10.0, 25.0), (25.0, 40.0)], id="range-own-clock"),
        pytest.param(10.0, 40.0, 10.0, [(0.0, 15.0), (15.0, 30.0)], id="clip-from-10s"),
        pytest.param(15.0, 30.0, 0.0, [(15.0, 25.0), (25.0, 30.0)], id="cues-cut-to-range"),
        pytest.param(15.0, 30.0, 15.0, [(0.0, 10.0), (10.0, 15.0)], id="cut-and-moved"),
        pytest.param(60.0, 90.0, 0.0, [], id="after-every-cue"),
        pytest.param(25.0, 25.0, 0.0, [], id="empty-range"),
    ],
)
def test_the_range_keeps_the_cues_heard_in_it_on_the_players_clock(
    start: float, end: float | None, offset: float, expected: list[tuple[float, float]]
) -> None:
    kept = cues_in_range(CUES, start=start, end=end, offset=offset)

    assert [(c.start, c.end) for c in kept] == expected


def test_blank_cues_are_left_out_and_spacing_is_tidied() -> None:
    cues = [Cue(0, 1, "  "), Cue(1, 2, " two\n words "), Cue(2, 3, "x", " Ana ")]

    kept = cues_in_range(cues, start=0, end=None)

    assert [(c.text, c.speaker) for c in kept] == [("two words", ""), ("x", "Ana")]


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        pytest.param(0, "00:00:00.000", id="zero"),
        pytest.param(83.4567, "00:01:23.457", id="rounded-to-millis"),
        pytest.param(3723.5, "01:02:03.500", id="hours"),
        pytest.param(-0.2, "00:00:00.000", id="never-negative"),
    ],
)
def test_timestamps_are_webvtt_timestamps(seconds: float, expected: str) -> None:
    assert timestamp(seconds) == expected


def test_webvtt_names_the_speaker_when_the_speaker_changes() -> None:
    vtt = write_webvtt(CUES[:3])

    assert vtt == (
        "WEBVTT\n\n"
        "1\n00:00:00.000 --> 00:00:10.000\n<v Ana>Ana: Welcome.\n\n"
        "2\n00:00:10.000 --> 00:00:25.000\n<v Ana>Reserves cover six months.\n\n"
        "3\n00:00:25.000 --> 00:00:40.000\n<v Ben>Ben: Variance reports follow.\n"
    )


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("a --> b", id="arrow"),
        pytest.param("<script>x</script> & <b>", id="markup"),
        pytest.param("line one\n\nline two", id="blank-line"),
    ],
)
def test_webvtt_cue_text_cannot_break_the_file_or_inject_markup(text: str) -> None:
    vtt = write_webvtt([Cue(1.0, 2.0, text, "A<b>")])

    parsed = parse_transcript(vtt, format="vtt")
    assert len(parsed.cues) == 1
    assert "<script" not in vtt and "<b>" not in vtt
    assert vtt.count("-->") == 1


def test_a_cue_without_length_still_lasts_a_moment() -> None:
    assert "00:00:05.000 --> 00:00:05.001" in write_webvtt([Cue(5.0, 5.0, "Hm.")])


def test_paragraphs_follow_speaker_turns_and_sentences() -> None:
    result = paragraphs(CUES, seconds=(20.0, 60.0))

    assert result == (
        Paragraph(0.0, "Ana", "Welcome. Reserves cover six months."),
        Paragraph(25.0, "Ben", "Variance reports follow. That is all."),
    )


def test_a_long_turn_without_sentence_ends_is_still_cut() -> None:
    cues = [Cue(i * 10.0, i * 10.0 + 10.0, f"word{i}", "Ana") for i in range(13)]

    result = paragraphs(cues, seconds=(20.0, 60.0))

    assert [p.start for p in result] == [0.0, 60.0, 120.0]
    assert " ".join(p.text for p in result) == " ".join(c.text for c in cues)
