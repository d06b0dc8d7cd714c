from __future__ import annotations

from pathlib import Path

import pytest

from bitewise.engines.media import Probe, probe
from bitewise.engines.media.tests.samples import make_samples, packet_hashes


@pytest.fixture(scope="session")
def samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_samples(tmp_path_factory.mktemp("media"))


@pytest.fixture(scope="session")
def probes(samples: dict[str, Path]) -> dict[str, Probe]:
    """Each playable sample probed once, for tests about what comes after probing."""
    names = ("tone.mp3", "tone.ogg", "tone.wav", "clip.mp4", "clip.webm")
    return {name: probe(samples[name]) for name in names}


@pytest.fixture(scope="session")
def source_packets(samples: dict[str, Path]) -> dict[str, set[str]]:
    """The packets of every sample that clips are cut from, read in one ffmpeg run."""
    names = ("tone.mp3", "tone.m4a", "tone.ogg", "clip.mp4", "clip.mov", "clip.webm")
    hashes = packet_hashes(*(samples[name] for name in names))
    return {name: set(packets) for name, packets in zip(names, hashes, strict=True)}
