from __future__ import annotations

import io
import json
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import pytest
import webvtt
from django.core.management import CommandError, call_command

TOPICS = [
    (
        "Ana Ruiz",
        [
            "Our annual budget starts with a revenue forecast for the association.",
            "The revenue forecast uses membership dues and conference income.",
            "Each committee submits a budget request before the board meeting.",
            "The board approves the operating budget and the operating reserve.",
            "A healthy operating reserve covers six months of expenses.",
            "Variance reports compare actual spending with the approved budget.",
            "The treasurer explains every budget variance to the finance committee.",
            "Dues revenue and sponsorship revenue are forecast separately.",
        ],
    ),
    (
        "Ben Okafor",
        [
            "Spaced repetition schedules each review just before the learner forgets.",
            "The forgetting curve shows memory decaying after a single lesson.",
            "Retrieval practice means answering quiz questions instead of rereading notes.",
            "Spaced repetition with retrieval practice flattens the forgetting curve.",
            "Short review sessions spread over weeks beat one long cramming session.",
            "Each learner sees the review when the forgetting curve says memory is fading.",
            "Retrieval practice works best with feedback on every quiz answer.",
            "Flashcards are the simplest tool for spaced repetition.",
        ],
    ),
    (
        "Chen Wei",
        [
            "An open badge is a verifiable credential that a learner can share.",
            "The issuer signs the open badge with a private key.",
            "Employers verify the digital credential against the issuer's public key.",
            "Each badge names its achievement criteria and the evidence submitted.",
            "Learners keep badges in a digital wallet and share them on profiles.",
            "Revoked credentials appear in a status list that verifiers check.",
            "The open badge standard makes the credential portable between platforms.",
            "A digital credential expires when the certification lapses.",
        ],
    ),
]


def _clock(seconds: float) -> str:
    minutes, secs = divmod(seconds, 60)
    return f"00:{int(minutes):02d}:{secs:06.3f}"


def webinar_vtt(cues_per_topic: int = 50, seconds: float = 6.0) -> str:
    """About 15 minutes: three speakers, one topic each, a pause at each change of topic."""
    blocks, clock = ["WEBVTT"], 0.0
    for speaker, lines in TOPICS:
        for i in range(cues_per_topic):
            blocks.append(
                f"{_clock(clock)} --> {_clock(clock + seconds)}\n{speaker}: {lines[i % 8]}"
            )
            clock += seconds + 0.2
        clock += 3.0
    return "\n\n".join(blocks) + "\n"


@pytest.fixture
def transcript(tmp_path: Path) -> Path:
    path = tmp_path / "webinar.vtt"
    path.write_text(webinar_vtt(), encoding="utf-8")
    return path


def repurpose(*args: str) -> str:
    stdout = io.StringIO()
    call_command("repurpose", *args, stdout=stdout)
    return stdout.getvalue()


def test_it_writes_lessons_and_chapters_for_a_webinar_transcript(
    transcript: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"

    printed = repurpose(str(transcript), "--out", str(out))

    lessons = json.loads((out / "segments.json").read_text())
    assert 2 <= len(lessons) <= 7
    assert f"{len(lessons)} segments" in printed
    assert lessons[0]["start"] == 0.0
    for lesson in lessons:
        assert lesson["start"] < lesson["end"]
        assert 2 * 60 - 1 <= lesson["end"] - lesson["start"] <= 8 * 60 + 1
        assert lesson["title"] and lesson["summary"] and 3 <= len(lesson["key_terms"]) <= 6
        assert 2 <= len(lesson["questions"]) <= 4
        assert lesson["clip"] is None
        for question in lesson["questions"]:
            assert set(question) == {"kind", "prompt", "choices", "answer"}
    for before, after in pairwise(lessons):
        assert before["end"] <= after["start"]
    chapters = webvtt.read(str(out / "chapters.vtt")).captions
    assert [c.text for c in chapters] == [lesson["title"] for lesson in lessons]
    assert chapters[0].start == "00:00:00.000"
    assert sorted(p.name for p in out.iterdir()) == ["chapters.vtt", "segments.json"]


def test_the_bounds_are_configurable(transcript: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"

    repurpose(str(transcript), "--out", str(out), "--min-minutes", "4", "--max-minutes", "6")

    for lesson in json.loads((out / "segments.json").read_text()):
        assert 4 * 60 - 1 <= lesson["end"] - lesson["start"] <= 6 * 60 + 1


def test_it_reads_srt_and_plain_text_transcripts(tmp_path: Path) -> None:
    srt = tmp_path / "talk.srt"
    srt.write_text(
        "1\n00:00:00,000 --> 00:00:05,000\nThe open badge is a verifiable credential.\n\n"
        "2\n00:00:05,000 --> 00:00:10,000\nThe issuer signs the open badge.\n"
    )
    text = tmp_path / "talk.txt"
    text.write_text(" ".join(line for _, lines in TOPICS for line in lines))

    for path in (srt, text):
        repurpose(str(path), "--out", str(tmp_path / path.suffix[1:]))
        assert json.loads((tmp_path / path.suffix[1:] / "segments.json").read_text())


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        pytest.param("talk.mp3", b"ID3\x03", "Transcription is not available yet", id="audio"),
        pytest.param("talk.mov", b"\x00\x00\x00\x14ftyp", "Transcription is not", id="video"),
        pytest.param("talk.pdf", b"%PDF-1.7", "Unsupported file type '.pdf'", id="unknown"),
        pytest.param("talk.vtt", b"", "The file is empty", id="empty"),
        pytest.param("talk.vtt", b"  \n\n", "The file is empty", id="blank"),
        pytest.param("talk.vtt", b"hello there", "first line must be WEBVTT", id="not-vtt"),
        pytest.param("talk.vtt", b"WEBVTT\n\n00:00 --> x\nHi\n", "no cues with text", id="bad-cue"),
        pytest.param("talk.srt", b"just words", "Not a valid SRT", id="not-srt"),
        pytest.param("talk.txt", b"\x00\x01\x02binary", "binary file", id="binary"),
    ],
)
def test_it_refuses_bad_input_and_writes_nothing(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    out = tmp_path / "out"

    with pytest.raises(CommandError, match=message) as error:
        repurpose(str(path), "--out", str(out))

    assert error.value.returncode == 2
    assert not out.exists()


def test_it_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="No such file"):
        repurpose(str(tmp_path / "nope.vtt"), "--out", str(tmp_path / "out"))


def test_it_refuses_a_minimum_above_the_maximum(transcript: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"

    with pytest.raises(CommandError, match="--min-minutes <= --max-minutes") as error:
        repurpose(str(transcript), "--out", str(out), "--min-minutes", "9", "--max-minutes", "3")

    assert error.value.returncode == 2
    assert not out.exists()


def test_it_refuses_an_output_folder_it_cannot_write(transcript: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("in the way")

    with pytest.raises(CommandError, match="Cannot write to"):
        repurpose(str(transcript), "--out", str(blocker / "out"))

    assert blocker.read_text() == "in the way"


def test_a_failed_write_leaves_earlier_output_whole(
    transcript: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    repurpose(str(transcript), "--out", str(out))
    before = {p.name: p.read_text() for p in out.iterdir()}

    def refuse(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("bitewise.repurposing.outputs.os.replace", refuse)
    with pytest.raises(CommandError, match="No space left"):
        repurpose(str(transcript), "--out", str(out), "--max-minutes", "4")

    assert {p.name: p.read_text() for p in out.iterdir()} == before


def test_the_cli_exits_2_without_a_traceback_for_a_missing_file(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bitewise.cli", "repurpose", str(tmp_path / "x.vtt"), "--out", "o"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )

    assert result.returncode == 2
    assert "No such file" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "o").exists()


def test_it_still_segments_when_the_embedding_model_fails(
    transcript: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(texts: list[str]) -> None:
        raise FileNotFoundError("No embedding model")

    monkeypatch.setattr("bitewise.search.embeddings.embed", broken)

    repurpose(str(transcript), "--out", str(tmp_path / "out"))

    assert len(json.loads((tmp_path / "out" / "segments.json").read_text())) >= 2


def test_it_refuses_a_file_over_the_size_limit(
    transcript: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bitewise.repurposing.pipeline.MAX_BYTES", 1024)

    with pytest.raises(CommandError, match="not a transcript"):
        repurpose(str(transcript), "--out", str(tmp_path / "out"))

    assert not (tmp_path / "out").exists()
