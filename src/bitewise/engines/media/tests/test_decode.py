from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from bitewise.engines.media import MediaError, Probe, decode_audio
from bitewise.engines.media.tests.samples import SECONDS, truncated


@pytest.mark.parametrize("name", ["tone.mp3", "tone.ogg", "clip.webm", "clip.mp4"])
def test_it_decodes_mono_16_khz_float_samples(
    samples: dict[str, Path], probes: dict[str, Probe], name: str
) -> None:
    audio = decode_audio(samples[name], timeout=30.0, probed=probes[name])

    assert audio.dtype == np.float32 and audio.ndim == 1
    assert len(audio) / 16000 == pytest.approx(SECONDS, abs=0.1)
    assert 0.07 < float(np.sqrt(np.mean(audio**2))) < 0.11  # lavfi's sine: amplitude 1/8


def test_it_probes_first_when_not_given_a_probe_and_decodes_at_any_rate(
    samples: dict[str, Path],
) -> None:
    audio = decode_audio(samples["tone.m4a"], timeout=30.0, sample_rate=8000)
    assert len(audio) / 8000 == pytest.approx(SECONDS, abs=0.1)


def test_a_container_that_understates_its_length_cannot_fill_memory(
    samples: dict[str, Path], probes: dict[str, Probe]
) -> None:
    lying = replace(probes["tone.wav"], duration=0.001)  # the cap becomes 10 s of samples
    with pytest.raises(MediaError, match="longer than the file says"):
        decode_audio(samples["long-tone.wav"], timeout=30.0, probed=lying)


def test_when_ffmpeg_cannot_decode_the_sound_it_says_so(
    samples: dict[str, Path], probes: dict[str, Probe]
) -> None:
    as_if_mp3 = replace(probes["tone.ogg"], container="mp3")  # the wrong demuxer forced
    with pytest.raises(MediaError, match=r"^We cannot decode the sound: "):
        decode_audio(samples["tone.ogg"], timeout=30.0, probed=as_if_mp3)


@pytest.mark.parametrize("name", ["tone.mp3", "clip.webm"])
def test_a_truncated_file_whose_header_claims_the_full_length_ends_early(
    samples: dict[str, Path], tmp_path: Path, name: str
) -> None:
    source = samples[name]
    short = truncated(source, tmp_path / name, source.stat().st_size * 3 // 10)
    with pytest.raises(MediaError, match=r"ends early: it should be 3 s long but only 0 s"):
        decode_audio(short, timeout=30.0)
