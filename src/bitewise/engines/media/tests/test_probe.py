from __future__ import annotations

import random
import struct
from pathlib import Path

import pytest

from bitewise.engines.media import MediaError, Probe, check_limits, describe_length, probe
from bitewise.engines.media.tests.samples import SECONDS, truncated

HOUR = 3600.0


@pytest.mark.parametrize(
    ("name", "container", "audio_codec", "video_codec"),
    [
        ("tone.mp3", "mp3", "mp3", ""),
        ("art.mp3", "mp3", "mp3", ""),  # cover art is not a video
        ("tone.m4a", "m4a", "aac", ""),
        ("tone.ogg", "ogg", "opus", ""),
        ("vorbis.ogg", "ogg", "vorbis", ""),
        ("tone.wav", "wav", "pcm_s16le", ""),
        ("clip.mp4", "mp4", "aac", "h264"),
        ("clip.mov", "mov", "aac", "h264"),
        ("clip.webm", "webm", "opus", "vp8"),
    ],
)
def test_it_reports_container_length_and_tracks(
    samples: dict[str, Path], name: str, container: str, audio_codec: str, video_codec: str
) -> None:
    media = probe(samples[name])

    assert (media.container, media.audio_codec, media.video_codec) == (
        container,
        audio_codec,
        video_codec,
    )
    assert media.has_audio
    assert media.has_video is bool(video_codec)
    assert media.duration == pytest.approx(SECONDS, abs=0.1)


def test_it_refuses_text_renamed_as_mp3(tmp_path: Path) -> None:
    fake = tmp_path / "talk.mp3"
    fake.write_text("This is a transcript, not a recording.\n")
    with pytest.raises(MediaError, match=r"not an audio or video file we can read \(mp3, m4a"):
        probe(fake)


def test_it_refuses_random_bytes_behind_an_mp4_header(tmp_path: Path) -> None:
    corrupt = tmp_path / "corrupt.mp4"
    header = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2"
    corrupt.write_bytes(header + random.Random(1).randbytes(5000))
    with pytest.raises(MediaError, match="damaged or incomplete") as caught:
        probe(corrupt)
    assert str(tmp_path) not in str(caught.value)  # no server paths in messages for staff


@pytest.mark.parametrize(
    ("name", "size"),
    [("clip.mp4", 0.3), ("clip.mp4", 1024), ("tone.m4a", 0.3), ("tone.ogg", 0.3)],
    ids=["mp4-30-percent", "mp4-1-kB", "m4a-30-percent", "ogg-30-percent"],
)
def test_a_truncated_mp4_or_ogg_is_damaged(
    samples: dict[str, Path], tmp_path: Path, name: str, size: float
) -> None:
    """mp4's index (moov box) is written last, Ogg's length is read from the last page."""
    source = samples[name]
    keep = int(source.stat().st_size * size) if size < 1 else int(size)
    with pytest.raises(MediaError, match="damaged or incomplete"):
        probe(truncated(source, tmp_path / name, keep))


def test_a_truncated_mp3_still_probes_with_the_length_its_header_claims(
    samples: dict[str, Path], tmp_path: Path
) -> None:
    """The LAME header counts the frames, so ffprobe reports the full length; decode_audio
    is where the missing part shows (see test_decode)."""
    source = samples["tone.mp3"]
    short = truncated(source, tmp_path / "short.mp3", source.stat().st_size * 3 // 10)
    assert probe(short).duration == pytest.approx(SECONDS, abs=0.1)


def test_a_video_without_sound_is_refused(samples: dict[str, Path]) -> None:
    with pytest.raises(MediaError, match="has no sound track"):
        probe(samples["silent-video.mp4"])


def test_a_sound_format_ffmpeg_cannot_decode_is_refused(
    samples: dict[str, Path], tmp_path: Path
) -> None:
    content = bytearray(samples["tone.wav"].read_bytes())
    fmt = content.find(b"fmt ")
    content[fmt + 8 : fmt + 10] = struct.pack("<H", 0x1234)  # no such WAVE format tag
    bogus = tmp_path / "bogus.wav"
    bogus.write_bytes(content)
    with pytest.raises(MediaError, match="cannot decode the sound"):
        probe(bogus)


def test_a_missing_file_is_a_media_error(tmp_path: Path) -> None:
    with pytest.raises(MediaError, match="could not be read"):
        probe(tmp_path / "gone.mp3")


def test_it_gives_up_when_ffprobe_runs_past_the_timeout(samples: dict[str, Path]) -> None:
    with pytest.raises(MediaError, match="took longer than"):
        probe(samples["tone.wav"], timeout=0.0)


def test_it_refuses_a_recording_over_the_limit(samples: dict[str, Path]) -> None:
    with pytest.raises(MediaError, match="is 3 s long; the limit is 2 s"):
        probe(samples["tone.wav"], max_seconds=2.0)


def test_check_limits_names_both_lengths() -> None:
    ten_hours = Probe("mp4", 10 * HOUR, True, True, "aac", "h264")
    with pytest.raises(MediaError, match=r"^The recording is 10 h 0 min long; the limit is 4 h\.$"):
        check_limits(ten_hours, max_seconds=4 * HOUR)


def test_check_limits_accepts_a_recording_at_the_limit() -> None:
    check_limits(Probe("mp3", 4 * HOUR, True, False, "mp3", ""), max_seconds=4 * HOUR)


@pytest.mark.parametrize(
    ("seconds", "compact", "text"),
    [
        (40.7, False, "40 s"),
        (725, False, "12 min 5 s"),
        (36000, False, "10 h 0 min"),
        (5400, True, "1 h 30 min"),
        (14400, True, "4 h"),
        (600, True, "10 min"),
        (0, True, "0 s"),
    ],
)
def test_describe_length(seconds: float, compact: bool, text: str) -> None:
    assert describe_length(seconds, compact=compact) == text
