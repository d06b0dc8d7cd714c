"""`bitewise repurpose` on recordings: transcribed with a progress bar, clips cut beside
segments.json; a recording with --transcript uses the transcript; bad media exits 2."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from bitewise.engines import media
from bitewise.repurposing.tests.media_support import SENTENCES, ffmpeg, speech


def repurpose(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("repurpose", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def recording(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The speech as Ogg Vorbis: a compressed container, so clips prove stream copying."""
    folder = tmp_path_factory.mktemp("talk")
    ffmpeg("-i", str(speech(folder / "talk.wav")), "-c:a", "libvorbis", str(folder / "talk.ogg"))
    return folder / "talk.ogg"


def test_a_recording_becomes_lessons_with_clips(recording: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    stdout, stderr = repurpose(
        str(recording), "--out", str(out), "--min-minutes", "0.1", "--max-minutes", "0.4"
    )

    segments = json.loads((out / "segments.json").read_text())
    assert len(segments) >= 2 and f"{len(segments)} clips" in stdout
    for segment in segments:
        clip = out / segment["clip"]
        probe = media.probe(clip)
        assert probe.container == "ogg" and probe.audio_codec == "vorbis"  # not re-encoded
        assert abs(probe.duration - (segment["end"] - segment["start"])) < 1.0
    assert (out / "chapters.vtt").read_text().count(" --> ") == len(segments)
    # not a terminal here: one progress line per tenth, ending at 100%
    lines = [line for line in stderr.splitlines() if line.startswith("Transcribing [")]
    assert lines and "100.0%" in lines[-1]
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no staging left


def test_a_recording_with_its_transcript_uses_the_transcript(
    recording: Path, tmp_path: Path
) -> None:
    vtt = tmp_path / "talk.vtt"
    vtt.write_text(
        "WEBVTT\n\n"
        + "\n\n".join(
            f"00:00:{i * 4:02d}.000 --> 00:00:{i * 4 + 4:02d}.000\n{text}"
            for i, text in enumerate(SENTENCES)
        )
    )
    out = tmp_path / "out"
    _, stderr = repurpose(
        str(recording), "--transcript", str(vtt), "--out", str(out),
        "--min-minutes", "0.1", "--max-minutes", "0.3",
    )  # fmt: skip
    assert "Transcribing" not in stderr
    segments = json.loads((out / "segments.json").read_text())
    assert all(s["clip"] for s in segments)


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("mute.webm", "video", "no sound track"),
        ("cut.ogg", "truncated", "damaged or incomplete"),
    ],
)
def test_bad_recordings_exit_2_and_write_nothing(
    recording: Path, tmp_path: Path, name: str, make: str, message: str
) -> None:
    path = tmp_path / name
    if make == "video":
        ffmpeg(
            "-f", "lavfi", "-i", "testsrc=size=64x48:rate=5:duration=1", "-c:v", "libvpx", str(path)
        )
    else:
        path.write_bytes(recording.read_bytes()[:200])
    out = tmp_path / "out"
    with pytest.raises(CommandError, match=message) as error:
        repurpose(str(path), "--out", str(out))
    assert error.value.returncode == 2 and not out.exists()


def test_the_cli_reports_no_speech_without_a_traceback(tmp_path: Path) -> None:
    quiet = tmp_path / "quiet.wav"
    ffmpeg("-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono:d=3", str(quiet))
    finished = subprocess.run(
        [sys.executable, "-m", "bitewise.cli", "repurpose", str(quiet), "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert finished.returncode == 2
    assert "No speech was found" in finished.stderr and "Traceback" not in finished.stderr


def test_argument_mistakes_exit_2_with_a_message(recording: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    vtt = tmp_path / "t.vtt"
    vtt.write_text("WEBVTT\n\n00:00:00.000 --> 00:00:04.000\nHello there, everyone.\n")
    cases = [
        ((str(recording), "--out", str(blocker)), "Cannot write to"),
        (
            (str(vtt), "--transcript", str(vtt), "--out", str(tmp_path / "o")),
            "goes with a recording",
        ),
        ((str(recording), "--episodes", "0", "--out", str(tmp_path / "o")), "--episodes must be 1"),
    ]
    for args, message in cases:
        with pytest.raises(CommandError, match=message) as error:
            repurpose(*args)
        assert error.value.returncode == 2
    assert blocker.read_text() == "in the way"
