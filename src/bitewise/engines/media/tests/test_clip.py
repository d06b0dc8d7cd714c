from __future__ import annotations

from pathlib import Path

import pytest

from bitewise.engines.media import cut_clip, probe
from bitewise.engines.media.tests.samples import packet_hashes

PACKET = 0.06  # longer than one mp3 (26 ms), AAC (23 ms) or Opus (20 ms) packet


def assert_copied(source_packets: set[str], clip: Path) -> None:
    """Every packet of the clip is byte for byte a packet of the source: nothing re-encoded."""
    [clip_packets] = packet_hashes(clip)
    assert clip_packets and set(clip_packets) <= source_packets


@pytest.mark.parametrize(
    ("name", "container", "codec"),
    [
        ("tone.mp3", "mp3", "mp3"),
        ("tone.m4a", "m4a", "aac"),
        ("tone.ogg", "ogg", "opus"),
        ("tone.wav", "wav", "pcm_s16le"),
    ],
)
def test_sound_is_cut_to_the_packet_in_the_same_container_and_codec(
    samples: dict[str, Path],
    source_packets: dict[str, set[str]],
    tmp_path: Path,
    name: str,
    container: str,
    codec: str,
) -> None:
    target = tmp_path / f"part.{container}"

    assert cut_clip(samples[name], 0.8, 2.1, target, container=container, has_video=False)

    clip = probe(target)
    assert (clip.container, clip.audio_codec) == (container, codec)
    assert clip.duration == pytest.approx(1.3, abs=PACKET)
    if container == "wav":  # PCM packets are re-cut anywhere: compare the samples instead
        samples_copied = target.read_bytes().split(b"data", 1)[1][4:]
        assert samples_copied and samples_copied in samples[name].read_bytes()
    else:
        assert_copied(source_packets[name], target)
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]  # no temp file left


def test_sound_only_webm_is_cut_exactly_though_seeking_in_it_is_coarse(
    samples: dict[str, Path], tmp_path: Path
) -> None:
    target = tmp_path / "part.webm"
    assert cut_clip(samples["long-tone.webm"], 6.3, 7.6, target, container="webm")
    assert probe(target).duration == pytest.approx(1.3, abs=PACKET)  # seeking first: 2.6 s


@pytest.mark.parametrize(
    ("name", "container", "codecs"),
    [
        ("clip.mp4", "mp4", ("aac", "h264")),
        ("clip.mov", "mov", ("aac", "h264")),
        ("clip.webm", "webm", ("opus", "vp8")),
    ],
)
def test_video_is_copied_from_the_keyframe_before_the_start(
    samples: dict[str, Path],
    source_packets: dict[str, set[str]],
    tmp_path: Path,
    name: str,
    container: str,
    codecs: tuple[str, str],
) -> None:
    target = tmp_path / f"part.{container}"

    assert cut_clip(samples[name], 1.4, 2.0, target, container=container, has_video=True)

    clip = probe(target)
    assert (clip.container, clip.audio_codec, clip.video_codec) == (container, *codecs)
    # 1.4 s falls between keyframes (one a second): the clip starts early at 1.0, never late
    assert clip.duration == pytest.approx(2.0 - 1.0, abs=PACKET)
    assert_copied(source_packets[name], target)


def test_a_source_the_container_cannot_hold_gives_no_clip(
    samples: dict[str, Path], tmp_path: Path
) -> None:
    # Matroska with MPEG-4 video and mp3 sound sniffs as "webm", which allows neither codec
    target = tmp_path / "part.webm"
    assert not cut_clip(samples["mpeg4.mkv"], 0.5, 1.5, target, container="webm")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_cut_leaves_an_existing_file_alone(tmp_path: Path) -> None:
    broken, target = tmp_path / "broken.mp3", tmp_path / "part.mp3"
    broken.write_bytes(b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\x00" * 500)
    target.write_bytes(b"previous clip")

    assert not cut_clip(broken, 0.0, 1.0, target, container="mp3")

    assert target.read_bytes() == b"previous clip"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.mp3", "part.mp3"]


def test_a_range_past_the_end_gives_no_clip(samples: dict[str, Path], tmp_path: Path) -> None:
    target = tmp_path / "part.mp4"
    assert not cut_clip(samples["clip.mp4"], 10.0, 12.0, target, container="mp4", has_video=True)
    assert list(tmp_path.iterdir()) == []


def test_a_clip_over_the_size_limit_is_dropped(samples: dict[str, Path], tmp_path: Path) -> None:
    target = tmp_path / "part.wav"
    assert not cut_clip(samples["tone.wav"], 0.0, 3.0, target, container="wav", max_bytes=20_000)
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_container_gives_no_clip(samples: dict[str, Path], tmp_path: Path) -> None:
    assert not cut_clip(samples["tone.wav"], 0.0, 1.0, tmp_path / "x.flac", container="flac")
    assert list(tmp_path.iterdir()) == []


def test_an_empty_range_is_a_programming_error(samples: dict[str, Path], tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="start < end"):
        cut_clip(samples["tone.wav"], 2.0, 2.0, tmp_path / "x.wav", container="wav")
