from __future__ import annotations

import codecs

import pytest

from bitewise.engines.uploads import Kind, identify


@pytest.mark.parametrize(
    ("head", "kind", "media_type"),
    [
        pytest.param(b"ID3\x04\x00\x00\x00\x00\x00\x00", Kind.AUDIO, "audio/mpeg", id="mp3"),
        pytest.param(b"RIFF\x24\x00\x00\x00WAVEfmt ", Kind.AUDIO, "audio/wav", id="wav"),
        pytest.param(b"OggS\x00\x02" + b"\x00" * 20, Kind.AUDIO, "audio/ogg", id="ogg"),
        pytest.param(
            b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00", Kind.VIDEO, "video/mp4", id="mp4"
        ),
        pytest.param(
            b"\x00\x00\x00\x20ftypM4A \x00\x00\x02\x00", Kind.AUDIO, "audio/mp4", id="m4a"
        ),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", Kind.IMAGE, "image/png", id="png"),
        pytest.param(b"\xff\xd8\xff\xe0\x00\x10JFIF", Kind.IMAGE, "image/jpeg", id="jpeg"),
        pytest.param(b"GIF89a\x01\x00\x01\x00", Kind.IMAGE, "image/gif", id="gif"),
        pytest.param(b"RIFF\x24\x00\x00\x00WEBPVP8 ", Kind.IMAGE, "image/webp", id="webp"),
    ],
)
def test_playable_content_is_told_by_its_bytes(head: bytes, kind: Kind, media_type: str) -> None:
    content = identify(head)
    assert (content.kind, content.media_type) == (kind, media_type)
    assert content.is_playable


@pytest.mark.parametrize(
    "head",
    [
        pytest.param(b"<!DOCTYPE html><script>fetch('/staff/')</script>", id="html"),
        pytest.param(b"<html><body onload=alert(1)>", id="html-no-doctype"),
        pytest.param(b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', id="svg"),
        pytest.param(b'<?xml version="1.0"?><svg/>', id="xml-declaration"),
        pytest.param(b"\xef\xbb\xbf  \n<script>alert(1)</script>", id="bom-and-blanks-first"),
        pytest.param(b"<!-- a comment --><iframe src=x>", id="comment-first"),
        pytest.param("<svg/onload=alert(1)>".encode("utf-16"), id="utf-16-svg"),
    ],
)
def test_markup_is_never_text_or_playable(head: bytes) -> None:
    content = identify(head)
    assert content.kind == Kind.MARKUP
    assert not content.is_playable
    assert content.media_type == "application/octet-stream"


@pytest.mark.parametrize(
    "head",
    [
        pytest.param(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", id="pdf"),
        pytest.param(b"PK\x03\x04\x14\x00\x06\x00", id="xlsx"),
        pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", id="xls"),
        pytest.param(b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8, id="executable"),
        pytest.param(bytes(range(256)) * 4, id="random-bytes"),
    ],
)
def test_other_binary_formats_are_binary(head: bytes) -> None:
    assert identify(head).kind == Kind.BINARY


@pytest.mark.parametrize(
    "head",
    [
        pytest.param(b"email,name\nana@example.org,Ana\n", id="csv"),
        pytest.param(codecs.BOM_UTF8 + b"email\nana@example.org\n", id="csv-with-bom"),
        pytest.param("Name\tEmail\nAnaïs\tana@example.org\n".encode("utf-16"), id="utf-16-bom"),
        pytest.param("Name,Email\nAna,ana@example.org\n".encode("utf-16-le"), id="utf-16-le"),
        pytest.param("Name;Email\nJosé;j@example.org\n".encode("cp1252"), id="cp1252"),
        pytest.param(b"WEBVTT\n\n00:00.000 --> 00:02.000\n<v Ana>Hello</v>\n", id="webvtt"),
        pytest.param(b"1\n00:00:00,000 --> 00:00:02,000\nHello\n", id="srt"),
        pytest.param("[00:00] Caf\u00e9 talk".encode() * 500, id="utf-8-cut-mid-character"),
    ],
)
def test_text_files_are_text(head: bytes) -> None:
    content = identify(head[:8192])
    assert content.kind == Kind.TEXT
    assert not content.is_playable
