"""`bitewise repurpose` on caption files as real tools write them (the engine's samples):
each is read and segmented, rolling captions as if each line were written once, and a file
that is no transcript is refused in one line."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from bitewise.engines.transcripts.tests import samples
from bitewise.repurposing.tests.support import TOPICS


def repurpose(path: Path, out: Path) -> list[dict[str, object]]:
    call_command("repurpose", str(path), "--out", str(out), stdout=io.StringIO())
    document: list[dict[str, object]] = json.loads((out / "segments.json").read_text())
    return document


def spoken_lines() -> list[str]:
    """About 15 minutes of the webinar's words, seven to a caption line, as a speech model
    cuts them: lines do not end with sentences."""
    words = [w for _, lines in TOPICS for _ in range(6) for line in lines for w in line.split()]
    return [" ".join(words[i : i + 7]) for i in range(0, len(words), 7)]


def test_youtube_rolling_captions_give_the_lessons_of_the_lines_written_once(
    tmp_path: Path,
) -> None:
    rolling, once = tmp_path / "youtube.vtt", tmp_path / "once.vtt"
    rolling.write_text(samples.youtube_vtt(spoken_lines()), encoding="utf-8")
    once.write_text(samples.plain_vtt(spoken_lines()), encoding="utf-8")

    lessons = repurpose(rolling, tmp_path / "rolling-out")

    assert lessons == repurpose(once, tmp_path / "once-out")
    assert len(lessons) >= 2
    assert lessons[0]["start"] == 2.0  # after the [Music]
    for lesson in lessons:
        summary = str(lesson["summary"])
        sentences = [s.strip() for s in summary.split(".") if s.strip()]
        assert len(sentences) == len(set(sentences)), summary  # no sentence twice
        assert "[Music]" not in summary


@pytest.mark.parametrize(
    ("name", "content"),
    [
        pytest.param("whisper.vtt", samples.WHISPER.encode(), id="whisper"),
        pytest.param("highlight.vtt", samples.WHISPER_HIGHLIGHT.encode(), id="whisper-words"),
        pytest.param("zoom.vtt", samples.ZOOM.replace("\n", "\r\n").encode(), id="zoom-crlf"),
        pytest.param("voices.vtt", b"\xef\xbb\xbf" + samples.VOICES.encode(), id="voices-bom"),
        pytest.param("markup.vtt", samples.MARKUP.replace("\n", "\r").encode(), id="markup-cr"),
        pytest.param("sounds.vtt", samples.SOUNDS.encode(), id="sounds"),
        pytest.param("growing.vtt", samples.GROWING.encode(), id="growing"),
        pytest.param("talk.srt", samples.SRT.encode(), id="srt"),
        pytest.param("talk.vtt", samples.SRT.encode(), id="srt-named-vtt"),
        pytest.param("bare.srt", b"00:00:01,000 --> 00:00:03,000\nHello.\n", id="srt-unnumbered"),
        pytest.param("otter.txt", b"Dana Whitfield  0:00\nWelcome.\n", id="otter-text"),
        pytest.param("back.vtt", b"WEBVTT\n\n00:05.000 --> 00:01.000\nEnds first.\n", id="back"),
    ],
)
def test_caption_files_of_every_tool_are_repurposed(
    tmp_path: Path, name: str, content: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(content)

    lessons = repurpose(path, tmp_path / "out")

    assert lessons and all(lesson["start"] < lesson["end"] for lesson in lessons)  # type: ignore[operator]
    assert (tmp_path / "out" / "chapters.vtt").is_file()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        pytest.param("a.vtt", b"WEBVTT\nKind: captions\nLanguage: en\n", "no cues", id="header"),
        pytest.param("a.vtt", b"WEBVTT\n\nab:cd --> ef:gh\nHello\n", "no cues", id="timings"),
        pytest.param("a.vtt", b"WEBVTT\n\n00:01.000 --> 00:05.000\n[Music]\n", "cues", id="music"),
        pytest.param("a.srt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", id="png"),
    ],
)
def test_a_file_that_is_no_transcript_is_refused(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(CommandError, match=message) as error:
        repurpose(path, tmp_path / "out")

    assert error.value.returncode == 2
    assert not (tmp_path / "out").exists()


def test_the_command_refuses_a_file_without_cues_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "header.vtt").write_text("WEBVTT\nKind: captions\nLanguage: en\n")

    result = subprocess.run(
        [sys.executable, "-m", "bitewise", "repurpose", "header.vtt", "--out", "out"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )

    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "CommandError: header.vtt: The transcript has no cues with text."
    ]
    assert not (tmp_path / "out").exists()
