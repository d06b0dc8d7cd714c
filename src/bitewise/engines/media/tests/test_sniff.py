from __future__ import annotations

import random
from pathlib import Path

import pytest

from bitewise.engines.media.sniff import sniff, sniff_bytes

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"


@pytest.mark.parametrize(
    ("name", "container"),
    [
        ("tone.mp3", "mp3"),
        ("art.mp3", "mp3"),
        ("tone.m4a", "m4a"),
        ("tone.ogg", "ogg"),
        ("vorbis.ogg", "ogg"),
        ("tone.wav", "wav"),
        ("clip.mp4", "mp4"),
        ("clip.mov", "mov"),
        ("clip.webm", "webm"),
        ("mpeg4.mkv", "webm"),
    ],
)
def test_it_tells_each_container_by_content(
    samples: dict[str, Path], name: str, container: str
) -> None:
    assert sniff(samples[name]) == container


def test_the_file_name_does_not_matter(samples: dict[str, Path], tmp_path: Path) -> None:
    disguised = tmp_path / "lecture.mp3"
    disguised.write_bytes(samples["clip.webm"].read_bytes())
    assert sniff(disguised) == "webm"


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n", id="text"),
        pytest.param(PNG, id="png"),
        pytest.param(random.Random(7).randbytes(4096), id="random-bytes"),
        pytest.param(b"", id="empty"),
        pytest.param(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", id="heic-photo"),
        pytest.param(b"\xff\xf1\x50\x80\x02\x1f\xfc" * 40, id="aac-adts-not-mp3"),
        pytest.param(b"\x1a\x45\xdf\xa3\x9f\x42\x82\x84mka2", id="ebml-other-doc-type"),
        pytest.param(b"\xff\xfb\x90\x64" + b"\x00" * 100, id="one-lone-mp3-frame-header"),
        pytest.param(b"#EXTM3U\n#EXTINF:10,\nhttp://example.com/a.mp3\n", id="playlist"),
    ],
)
def test_it_rejects_what_is_not_a_recording(tmp_path: Path, content: bytes) -> None:
    renamed = tmp_path / "talk.mp3"
    renamed.write_bytes(content)
    assert sniff(renamed) is None


@pytest.mark.parametrize(
    ("head", "container"),
    [
        pytest.param(b"\x00\x00\x00\x1cftypM4A \x00\x00\x02\x00", "m4a", id="m4a-brand"),
        pytest.param(b"\x00\x00\x00\x14ftypqt  \x00\x00\x02\x00", "mov", id="quicktime-brand"),
        pytest.param(b"\x00\x00\x00\x20ftypmp42\x00\x00\x00\x00", "mp4", id="other-brand"),
        pytest.param(b"\x00\x00\x00\x08wide\x00\x00\x00\x00mdat", "mov", id="old-quicktime"),
        pytest.param(b"RF64\xff\xff\xff\xffWAVEds64", "wav", id="rf64-wav"),
        pytest.param(b"\x1a\x45\xdf\xa3\x9f\x42\x82\x84webm", "webm", id="webm-doc-type"),
        pytest.param(b"ID3\x04\x00\x00\x00\x00\x00\x23", "mp3", id="id3-tag"),
    ],
)
def test_it_reads_the_header_fields(head: bytes, container: str) -> None:
    assert sniff_bytes(head) == container


def test_it_accepts_an_mp3_without_a_tag_by_two_frame_headers() -> None:
    frame = b"\xff\xfb\x90\x64" + b"\x00" * 413  # MPEG-1 layer III, 128 kbit/s, 44.1 kHz
    assert sniff_bytes(frame * 2) == "mp3"
