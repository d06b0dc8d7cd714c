"""Identify a file by content: a recording, a raster image, markup, other binary, or text."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from enum import StrEnum

from bitewise.engines.media.sniff import HEAD_BYTES as MEDIA_HEAD_BYTES
from bitewise.engines.media.sniff import sniff_bytes

HEAD_BYTES = max(MEDIA_HEAD_BYTES, 8192)


class Kind(StrEnum):
    AUDIO = "audio"
    VIDEO = "video"
    IMAGE = "image"
    MARKUP = "markup"  # HTML, SVG, XML: a browser may run script in it
    BINARY = "binary"  # anything else that is not text
    TEXT = "text"


@dataclass(frozen=True)
class Content:
    kind: Kind
    format: str  # "mp3", "png", "html", … ; "" for plain text and unknown binary
    media_type: str  # the type to serve it as; only audio, video and images are shown inline

    @property
    def is_playable(self) -> bool:
        """Audio, video or a still image: safe for a browser to render from our origin."""
        return self.kind in (Kind.AUDIO, Kind.VIDEO, Kind.IMAGE)


# the media engine's container → (kind, type browsers play it as)
_RECORDINGS = {
    "mp3": (Kind.AUDIO, "audio/mpeg"),
    "m4a": (Kind.AUDIO, "audio/mp4"),
    "wav": (Kind.AUDIO, "audio/wav"),
    "ogg": (Kind.AUDIO, "audio/ogg"),
    "mp4": (Kind.VIDEO, "video/mp4"),
    "webm": (Kind.VIDEO, "video/webm"),
    "mov": (Kind.VIDEO, "video/quicktime"),
}
# https://mimesniff.spec.whatwg.org/#matching-an-image-type-pattern (the raster ones)
_IMAGES = (
    (b"\x89PNG\r\n\x1a\n", "png", "image/png"),
    (b"\xff\xd8\xff", "jpeg", "image/jpeg"),
    (b"GIF87a", "gif", "image/gif"),
    (b"GIF89a", "gif", "image/gif"),
)
_BINARY_SIGNATURES = (
    b"%PDF-",
    b"PK\x03\x04",  # zip: docx, xlsx, epub, jar
    b"\xd0\xcf\x11\xe0",  # OLE: doc, xls
    b"\x1f\x8b",  # gzip
    b"7z\xbc\xaf",
    b"Rar!",
    b"\x7fELF",
)
# text that opens with a tag (after a BOM and blanks) is markup: HTML, SVG, XML. No CSV,
# caption or transcript file starts that way.
_MARKUP = re.compile(r"^\s*<[a-z!?/]", re.IGNORECASE)
_OCTET_STREAM = "application/octet-stream"


def identify(head: bytes) -> Content:
    """What the file starting with ``head`` (its first HEAD_BYTES) is."""
    container = sniff_bytes(head)
    if container is not None:
        kind, media_type = _RECORDINGS[container]
        return Content(kind, container, media_type)
    for signature, name, media_type in _IMAGES:
        if head.startswith(signature):
            return Content(Kind.IMAGE, name, media_type)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return Content(Kind.IMAGE, "webp", "image/webp")
    if head.startswith(_BINARY_SIGNATURES):
        return Content(Kind.BINARY, "", _OCTET_STREAM)
    text = _as_text(head)
    if text is None:
        return Content(Kind.BINARY, "", _OCTET_STREAM)
    if _MARKUP.match(text):
        return Content(Kind.MARKUP, "html", _OCTET_STREAM)
    return Content(Kind.TEXT, "", "text/plain")


def _as_text(head: bytes) -> str | None:
    """The head decoded as UTF-8, UTF-16 (with or without a BOM) or cp1252; None when it holds
    NULs or many other control characters, as no text file does."""
    text = head.decode(_encoding_of(head), errors="replace").removeprefix("\ufeff")
    controls = sum(1 for char in text if char < " " and char not in "\t\n\r\f")
    if "\x00" in text or controls > len(text) // 100:
        return None
    return text


def _encoding_of(head: bytes) -> str:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = head[:4000]
    if len(sample) >= 4:  # UTF-16 without a BOM: ASCII has a NUL in every other byte
        half = len(sample) // 2
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd > 0.4 * half and even < 0.05 * half:
            return "utf-16-le"
        if even > 0.4 * half and odd < 0.05 * half:
            return "utf-16-be"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # a multi-byte character cut at the end of the head is still UTF-8
        if error.start < len(head) - 3:
            return "cp1252"
    return "utf-8"
