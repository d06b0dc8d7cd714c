"""Real transcription of synthetic speech (espeak-ng) with the packaged Whisper base model."""

from __future__ import annotations

import importlib
import itertools
import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from bitewise.engines.media import decode_audio
from bitewise.engines.transcription import (
    PACKAGED,
    Progress,
    TranscriptionError,
    load_model,
    transcribe,
    word_error_rate,
)
from bitewise.engines.transcripts import Transcript

SPOKEN = (
    "Continuing education credits are awarded to members who complete an accredited course. "
    "Each credit represents one hour of structured learning, and the association reviews "
    "every course before it is published. Members should keep their certificates for at "
    "least five years, because auditors may ask to see them during a renewal."
)
# Measured 0.10 with base int8, beam 5, on x86 CPUs (espeak's voice costs "represents" and
# "accredited"); int8 kernels differ slightly between CPU generations, so the bar has margin.
MAX_WER = 0.25


@dataclass(frozen=True)
class Heard:
    audio: npt.NDArray[np.float32]
    transcript: Transcript
    progress: list[Progress]


def synthesize(text: str, path: Path) -> Path:
    command = ["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(path), text]
    subprocess.run(command, check=True, capture_output=True, timeout=60)
    return path


# The tests that hear the spoken paragraph run the real model for seconds: marked slow
# (`make test-engines-slow`, and `make test` with the rest).
@pytest.fixture(scope="module")
def heard(tmp_path_factory: pytest.TempPathFactory, model_cache: Path) -> Heard:
    speech = synthesize(SPOKEN, tmp_path_factory.mktemp("speech") / "speech.wav")
    audio = decode_audio(speech, timeout=60.0)
    progress: list[Progress] = []
    transcript = transcribe(
        audio, model_spec=PACKAGED, cache_dir=model_cache, on_progress=progress.append
    )
    return Heard(audio, transcript, progress)


@pytest.mark.slow
def test_it_hears_the_words(heard: Heard) -> None:
    hypothesis = " ".join(cue.text for cue in heard.transcript.cues)
    assert word_error_rate(SPOKEN, hypothesis) < MAX_WER, hypothesis


@pytest.mark.slow
def test_it_gives_a_timed_speech_transcript_of_sentences(heard: Heard) -> None:
    assert (heard.transcript.format, heard.transcript.is_timed) == ("speech", True)
    # three sentences are spoken (measured: three cues, one each); Whisper's punctuation
    # may differ a little from one CPU to another
    assert 2 <= len(heard.transcript.cues) <= 4
    assert all(cue.text and cue.speaker == "" for cue in heard.transcript.cues)


@pytest.mark.slow
def test_cue_times_increase_inside_the_recording(heard: Heard) -> None:
    duration = len(heard.audio) / 16000
    cues = heard.transcript.cues
    assert all(0 <= cue.start < cue.end <= duration for cue in cues)
    assert all(a.start < b.start and a.end <= b.end for a, b in itertools.pairwise(cues))
    assert cues[-1].end > duration - 2.0  # the last sentence is heard to its end


@pytest.mark.slow
def test_progress_rises_to_one_hundred_percent(heard: Heard) -> None:
    percents = [p.percent for p in heard.progress]
    assert percents == sorted(percents)
    assert percents[0] == 0.0 and heard.progress[0].remaining_seconds is None
    assert percents[-1] == 100.0 and heard.progress[-1].remaining_seconds == 0.0
    assert any(0 < percent < 100 for percent in percents)  # reported along the way
    elapsed = [p.elapsed_seconds for p in heard.progress]
    assert elapsed == sorted(elapsed)


def test_the_model_is_loaded_once_per_process(model_cache: Path) -> None:
    assert load_model(PACKAGED, model_cache) is load_model(PACKAGED, model_cache)


def test_silence_is_no_speech(tmp_path: Path, model_cache: Path) -> None:
    silence = tmp_path / "silence.wav"
    subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono",
         "-t", "5", str(silence)],
        check=True, timeout=60,
    )  # fmt: skip
    audio = decode_audio(silence, timeout=30.0)
    with pytest.raises(TranscriptionError, match=r"^No speech was found in the recording\.$"):
        # language given: detecting one in silence costs Whisper 3 s and changes nothing here
        transcribe(audio, model_spec=PACKAGED, cache_dir=model_cache, language="en")


def test_an_empty_recording_is_no_speech(model_cache: Path) -> None:  # before any loading
    with pytest.raises(TranscriptionError, match="No speech"):
        transcribe(np.zeros(0, dtype=np.float32), model_spec=PACKAGED, cache_dir=model_cache)


class BrokenModel:
    def transcribe(self, audio: object, **options: object) -> object:
        raise RuntimeError("CUDA failed with error out of memory")


def test_a_failure_while_transcribing_is_a_transcription_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "model.bin").write_bytes(b"weights")
    (tmp_path / "config.json").write_text("{}")
    # the package's ``transcribe`` is the function; the module holds the model cache
    engine = importlib.import_module("bitewise.engines.transcription.transcribe")
    key = (str(tmp_path), "cuda", "float16", engine.cpu_threads())
    monkeypatch.setitem(engine._models, key, BrokenModel())
    with pytest.raises(TranscriptionError, match="failed on cuda: CUDA failed with error out of"):
        transcribe(
            np.ones(16000, dtype=np.float32),
            model_spec=str(tmp_path),
            cache_dir=tmp_path,
            device="cuda",
            compute_type="float16",
            batch_size=0,  # the double stands in for WhisperModel.transcribe only
        )
