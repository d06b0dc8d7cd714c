"""Caption files as real tools write them (tests/samples.py) read as a person reads them: each
line of speech once, no markup, no sounds, each speaker named."""

from __future__ import annotations

import itertools

import pytest

from bitewise.engines.transcripts import Transcript, TranscriptError, decode, parse_transcript
from bitewise.engines.transcripts.cuetext import spoken
from bitewise.engines.transcripts.tests import samples


def texts(transcript: Transcript) -> list[str]:
    return [cue.text for cue in transcript.cues]


def test_youtube_rolling_captions_give_each_line_once_with_its_own_time() -> None:
    transcript = parse_transcript(samples.youtube_vtt(samples.SENTENCES))

    assert texts(transcript) == samples.SENTENCES
    first = transcript.cues[0]
    assert (first.start, first.end) == (2.0, 5.21)  # after the [Music], to the 10 ms repeat's end
    assert all(a.end <= b.start for a, b in itertools.pairwise(transcript.cues))


def test_youtube_captions_read_as_the_same_cues_written_once() -> None:
    rolling = parse_transcript(samples.youtube_vtt(samples.SENTENCES))

    assert rolling.cues == parse_transcript(samples.plain_vtt(samples.SENTENCES)).cues


def test_whisper_output_without_hours_and_past_an_hour() -> None:
    transcript = parse_transcript(samples.WHISPER)

    assert [c.start for c in transcript.cues] == [0.0, 4.2, 3723.5]
    assert transcript.cues[2].text == "Situation means you say who you are & what is happening."


def test_whisper_word_highlighting_gives_each_segment_once_over_its_whole_time() -> None:
    transcript = parse_transcript(samples.WHISPER_HIGHLIGHT)

    assert [(c.start, c.end, c.text) for c in transcript.cues] == [
        (0.0, 2.4, "Welcome everyone to handoffs."),
        (2.4, 3.5, "Let's begin."),
    ]


def test_zoom_numbered_cues_name_their_speakers() -> None:
    transcript = parse_transcript(samples.ZOOM)

    assert [(c.speaker, c.text) for c in transcript.cues] == [
        ("Dana Whitfield", "Welcome, everyone, to this session on handoffs."),
        ("Marcus Lee", "Thanks, Dana. Let's start with SBAR."),
    ]


def test_a_cue_with_several_voices_is_one_cue_per_voice_sharing_its_time() -> None:
    transcript = parse_transcript(samples.VOICES)

    assert [(c.speaker, c.text) for c in transcript.cues] == [
        ("Ana Ruiz", "The reserve policy asks for six months."),  # <v.loud Ana Ruiz>
        ("Ana Ruiz", "Is that enough?"),
        ("Ben Okafor", "Six months, not three."),
        ("Ana Ruiz", "Agreed."),
        ("Ben Okafor", "Good."),
    ]
    asks, answers = transcript.cues[1:3]
    assert (asks.start, answers.end) == (4.0, 8.0)
    assert asks.end == answers.start == pytest.approx(4.0 + 4.0 * 3 / 7, abs=0.001)  # by words


def test_style_region_and_note_blocks_are_skipped_and_markup_is_read() -> None:
    transcript = parse_transcript(samples.MARKUP)

    assert texts(transcript) == ["R&D spending rose <5% this year.", "Quite a modest rise."]


def test_sounds_are_left_out_and_the_speech_keeps_its_times() -> None:
    transcript = parse_transcript(samples.SOUNDS)

    assert [(c.start, c.end, c.text) for c in transcript.cues] == [
        (6.0, 9.0, "So thank you all."),
        (9.5, 12.0, "Now, the agenda."),
    ]


def test_cues_out_of_order_and_overlapping_follow_each_other() -> None:
    transcript = parse_transcript(samples.OUT_OF_ORDER)

    assert texts(transcript) == [
        "First, we set the goal.",
        "Second, we measure it.",
        "Third, we close the loop.",
    ]
    assert all(a.end <= b.start for a, b in itertools.pairwise(transcript.cues))


def test_speech_that_repeats_itself_is_kept_word_for_word() -> None:
    transcript = parse_transcript(samples.REPEATED_SPEECH)

    assert " ".join(texts(transcript)) == "No. No. No. Thank you. Thank you. Let us move on."


def test_an_exact_copy_of_a_cue_is_read_once() -> None:
    cue = "00:00:01.000 --> 00:00:03.000\nHello there."

    transcript = parse_transcript(f"WEBVTT\n\n{cue}\n\n{cue}\n")

    assert texts(transcript) == ["Hello there."]


def test_growing_live_captions_give_each_word_once() -> None:
    transcript = parse_transcript(samples.GROWING)

    assert " ".join(texts(transcript)) == "So today we look at SBAR. It has four parts."
    assert [c.start for c in transcript.cues] == [0.0, 1.0, 2.0, 3.5]


def test_srt_with_font_tags_placement_codes_dialogue_dashes_and_speaker_marks() -> None:
    transcript = parse_transcript(samples.SRT)

    assert transcript.format == "srt"
    assert [(c.speaker, c.text) for c in transcript.cues] == [
        ("", "Welcome to the session."),
        ("", "Is it recorded? Yes, it is."),
        ("DANA", "Let's begin."),
    ]


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(samples.ZOOM.replace("\n", "\r\n").encode(), id="crlf"),
        pytest.param(samples.ZOOM.replace("\n", "\r").encode(), id="cr"),
        pytest.param(b"\xef\xbb\xbf" + samples.ZOOM.encode(), id="utf8-bom"),
        pytest.param(samples.ZOOM.encode("utf-16"), id="utf16-bom"),
    ],
)
def test_line_ends_and_byte_order_marks(data: bytes) -> None:
    assert parse_transcript(decode(data)).cues == parse_transcript(samples.ZOOM).cues


def test_webvtt_with_subrip_commas_in_its_times() -> None:
    text = "WEBVTT\n\n00:00:01,500 --> 00:00:04,000\nHello there.\n"

    cue = parse_transcript(text, format="vtt").cues[0]

    assert (cue.start, cue.end, cue.text) == (1.5, 4.0, "Hello there.")


def test_minutes_past_an_hour_without_hours_are_read_as_hours_and_minutes() -> None:
    text = "WEBVTT\n\n75:12.000 --> 75:14.5\nHello there.\n"

    cue = parse_transcript(text).cues[0]

    assert (cue.start, cue.end) == (75 * 60 + 12, 75 * 60 + 14.5)


def test_subrip_saved_as_vtt_and_webvtt_saved_as_srt_are_read() -> None:
    assert parse_transcript(samples.SRT, format="vtt").format == "srt"
    assert texts(parse_transcript(samples.WHISPER, format="srt"))[0].startswith("Welcome")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("WEBVTT\nKind: captions\nLanguage: en\n", "no cues", id="header-only"),
        pytest.param(
            "WEBVTT\n\nab:cd --> ef:gh\nHello\n",
            "Line 3 holds “-->” but is no cue timing",
            id="garbage-timings",
        ),
        pytest.param("WEBVTT\n\n00:01.000 --> 00:05.000\n[Music]\n", "no cues", id="music-only"),
    ],
)
def test_files_without_speech_raise_a_clear_error(text: str, message: str) -> None:
    with pytest.raises(TranscriptError, match=message):
        parse_transcript(text)


def test_three_hours_of_rolling_captions_read_quickly_each_line_once() -> None:
    lines = [f"line {n} of the recording {n % 7} said here" for n in range(3000)]

    transcript = parse_transcript(samples.youtube_vtt(lines, word_seconds=0.45, music=False))

    assert texts(transcript) == lines
    assert transcript.seconds > 3 * 3600


def test_a_voice_tag_of_many_dots_reads_in_one_pass() -> None:
    # each dot once: the voice pattern no longer splits a run of dots many ways (it took
    # seconds at 27 dots and doubled with each more)
    text = "WEBVTT\n\n00:01.000 --> 00:05.000\n<v" + "." * 60 + " Hello there.\n"

    transcript = parse_transcript(text)

    assert len(transcript.cues) == 1 and "Hello there." in transcript.cues[0].text


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("WEBVTT\n\n00:01." + "1" * 4400 + " --> 00:02.000\nhello\n", id="vtt"),
        pytest.param("1\n00:00:01," + "9" * 5000 + " --> 00:00:02,000\nhello\n", id="srt"),
    ],
)
def test_a_cue_time_of_thousands_of_digits_is_refused_with_a_message(text: str) -> None:
    for format in ("vtt", "srt"):  # as the file's suffix says, whichever it is
        with pytest.raises(TranscriptError):
            parse_transcript(text, format=format)


def test_a_plain_text_title_with_a_time_is_no_speaker_heading() -> None:
    said = " ".join(f"We discussed item {n} of the budget at length." for n in range(40))

    transcript = parse_transcript(f"Team Meeting 9:30\n\n{said}\n", format="text")

    assert not transcript.is_timed and len(transcript.cues) > 30
    assert all(c.speaker == "" for c in transcript.cues)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("[Music]", "", id="music"),
        pytest.param("[MUSIC PLAYING] Hello", "Hello", id="music-playing"),
        pytest.param("So (laughs) where was I", "So where was I", id="laughs"),
        pytest.param("(APPLAUSE)", "", id="applause"),
        pytest.param("what the [ __ ] happened", "what the happened", id="youtube-censored"),
        pytest.param("♪ la la ♪ Right.", "Right.", id="lyrics"),
        pytest.param("♫", "", id="note"),
        pytest.param("- Yes. >> No.", "Yes. No.", id="marks"),
        pytest.param("a rule (it matters) holds", "a rule (it matters) holds", id="aside"),
        pytest.param("-5 degrees", "-5 degrees", id="minus"),
        pytest.param("[Dana Whitfield]: Hello.", "Dana Whitfield: Hello.", id="named"),
    ],
)
def test_spoken_leaves_out_what_a_caption_says_of_sounds(text: str, expected: str) -> None:
    assert spoken(text) == expected


def test_rolling_captions_whose_lines_break_anew_give_each_word_once() -> None:
    text = """WEBVTT

00:00:00.000 --> 00:00:02.000
so today we look at

00:00:02.000 --> 00:00:04.000
so today we look at
the SBAR method

00:00:04.000 --> 00:00:06.000
the SBAR method step by step
and why it works

00:00:06.000 --> 00:00:08.000
and why it works on the ward
"""
    transcript = parse_transcript(text)

    assert texts(transcript) == [
        "so today we look at",
        "the SBAR method",
        "step by step and why it works",
        "on the ward",
    ]


@pytest.mark.parametrize(
    ("text", "format"),
    [
        pytest.param("1 \n00:00:01,000 --> 00:00:02,500\nHello.\n\n2\t\n", "srt", id="srt-spaces"),
        pytest.param("00:00:01,000 --> 00:00:02,500\nHello.\n", "srt", id="srt-unnumbered"),
        pytest.param("webvtt\n\n00:01.000 --> 00:02.500\nHello.\n", "vtt", id="vtt-lowercase"),
        pytest.param("00:00:01.000 --> 00:00:02.500\nHello.\n", "vtt", id="vtt-headless"),
        pytest.param("WEBVTT\n00:00:01.000 --> 00:00:02.500\nHello.\n", "vtt", id="vtt-no-gap"),
    ],
)
def test_files_a_player_plays_though_they_bend_the_format(text: str, format: str) -> None:
    cue = parse_transcript(text, format=format).cues[0]

    assert (cue.start, cue.end, cue.text) == (1.0, 2.5, "Hello.")


def test_a_bracketed_name_before_a_colon_names_the_speaker() -> None:
    text = "WEBVTT\n\n00:01.000 --> 00:03.000\n[Dana Whitfield]: Hello there.\n"

    cue = parse_transcript(text).cues[0]

    assert (cue.speaker, cue.text) == ("Dana Whitfield", "Hello there.")


def test_otter_text_export_with_a_heading_per_speaker_is_timed() -> None:
    text = "Dana Whitfield  0:00\nWelcome, everyone.\n\nSpeaker 2  1:05\nThanks. We start at 9:30."

    transcript = parse_transcript(text, format="text")

    assert transcript.is_timed
    assert [(c.start, c.speaker, c.text) for c in transcript.cues] == [
        (0.0, "Dana Whitfield", "Welcome, everyone."),
        (65.0, "Speaker 2", "Thanks. We start at 9:30."),
    ]


def test_subrip_times_are_read_one_way_whichever_cue_they_are_in() -> None:
    srt = (
        "1\n00:00:01,000 --> 00:00:03,5\nHello there.\n\n"
        "2\n00:03,500 --> 00:05,000\nSecond cue.\n\n"
        '3\n00:00:05,000 --> 00:00:07,000\n<font color="red">Third</font> one.\n'
    )

    transcript = parse_transcript(srt, format="srt")

    assert [(c.start, c.end, c.text) for c in transcript.cues] == [
        (1.0, 3.5, "Hello there."),  # "3,5" is three and a half seconds
        (3.5, 5.0, "Second cue."),  # a cue without hours is read, not dropped
        (5.0, 7.0, "Third one."),
    ]


def test_brackets_in_speech_are_kept_and_sounds_in_brackets_are_not() -> None:
    assert (
        spoken("The array a[i] holds [1, 2, 3] values") == "The array a[i] holds [1, 2, 3] values"
    )
    assert spoken("[Music] Welcome [inaudible 00:12] back") == "Welcome back"
