from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import pytest
import webvtt
from django.core.management import CommandError, call_command

from bitewise.repurposing.tests.support import TOPICS, webinar_vtt


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
        pytest.param("talk.mp3", b"ID3\x03", "damaged or incomplete", id="truncated-audio"),
        pytest.param("talk.mov", b"\x00\x00\x00\x14ftypqt  ", "damaged or incomplete", id="video"),
        pytest.param("talk.mp3", b"<html>not sound</html>", "not a recording", id="fake-mp3"),
        pytest.param("talk.pdf", b"%PDF-1.7", "is not a recording we can read", id="unknown"),
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


def test_it_refuses_a_folder_saying_so(tmp_path: Path) -> None:
    (tmp_path / "talks.vtt").mkdir()
    with pytest.raises(CommandError, match=r"talks\.vtt is a folder: give a recording") as error:
        repurpose(str(tmp_path / "talks.vtt"), "--out", str(tmp_path / "out"))
    assert error.value.returncode == 2
    assert not (tmp_path / "out").exists()


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

    monkeypatch.setattr("bitewise.repurposing.pipeline.outputs.os.replace", refuse)
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


def test_the_cli_repurposes_a_transcript_without_starting_the_web_app(
    transcript: Path, tmp_path: Path
) -> None:
    probe = (
        "import sys\n"
        "from bitewise.cli import main\n"
        f"main(['repurpose', {str(transcript)!r}, '--out', 'out'])\n"
        "from django.apps import apps\n"
        "print('apps ready:', apps.ready)\n"
        "print('models loaded:', any(m.startswith('bitewise.') and m.endswith('.models')"
        " for m in sys.modules))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["BITEWISE_DATA_DIR"] = str(tmp_path / "data")

    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120, check=False,
    )  # fmt: skip

    assert done.returncode == 0, done.stderr
    assert "apps ready: False" in done.stdout and "models loaded: False" in done.stdout
    assert len(json.loads((tmp_path / "out" / "segments.json").read_text())) == 3
    assert not (tmp_path / "data" / "bitewise.sqlite3").exists()  # no database made


def test_the_cli_logs_as_the_settings_say(transcript: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env |= {"BITEWISE_DATA_DIR": str(tmp_path / "data"), "BITEWISE_EMBEDDINGS_DIR": "/nowhere"}
    command = [sys.executable, "-m", "bitewise", "repurpose", str(transcript), "--out"]

    warned = subprocess.run(
        [*command, "a"], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120
    )
    quiet = subprocess.run(
        [*command, "b"], capture_output=True, text=True, cwd=tmp_path, timeout=120,
        env=env | {"BITEWISE_LOG_LEVEL": "ERROR"},
    )  # fmt: skip

    assert warned.returncode == quiet.returncode == 0, warned.stderr + quiet.stderr
    lines = warned.stderr.splitlines()  # one JSON line per warning, as the web app logs
    assert lines and all(json.loads(line)["level"] == "WARNING" for line in lines)
    assert quiet.stderr == ""


def test_it_still_segments_when_the_embedding_model_fails(
    transcript: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(texts: list[str], folder: Path) -> None:
        raise FileNotFoundError("No embedding model")

    monkeypatch.setattr("bitewise.engines.embeddings.embed", broken)

    repurpose(str(transcript), "--out", str(tmp_path / "out"))

    assert len(json.loads((tmp_path / "out" / "segments.json").read_text())) >= 2


def test_it_refuses_a_file_over_the_size_limit(
    transcript: Path,
    tmp_path: Path,
    settings,  # type: ignore[no-untyped-def]
) -> None:
    settings.BITEWISE_MAX_TRANSCRIPT_BYTES = 1024

    with pytest.raises(CommandError, match=r"the limit is 1.0 kB"):
        repurpose(str(transcript), "--out", str(tmp_path / "out"))

    assert not (tmp_path / "out").exists()
