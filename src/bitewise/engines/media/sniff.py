"""Tell the container by the file's first bytes, never by its name."""

from __future__ import annotations

import os

HEAD_BYTES = 4096

# ISO BMFF brands of still images (HEIF/AVIF photos share the mp4 box structure)
IMAGE_BRANDS = {b"heic", b"heix", b"mif1", b"msf1", b"avif", b"avis"}
# old QuickTime files may open with one of these boxes instead of ``ftyp``
QUICKTIME_BOXES = {b"moov", b"mdat", b"wide"}

# MPEG audio header tables (ISO/IEC 11172-3 §2.4.2.3), kbit/s by [version][layer][index]
_BITRATES = {
    (1, 1): (0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448),
    (1, 2): (0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384),
    (1, 3): (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    (2, 1): (0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256),
    (2, 2): (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_BITRATES[(2, 3)] = _BITRATES[(2, 2)]
_SAMPLE_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


def sniff(path: str | os.PathLike[str]) -> str | None:
    """ "mp3", "mp4", "m4a", "mov", "wav", "ogg" or "webm" (Matroska too), from the content;
    None for anything else. Raises OSError when the file cannot be read."""
    with open(path, "rb") as file:
        head = file.read(HEAD_BYTES)
    return sniff_bytes(head)


def sniff_bytes(head: bytes) -> str | None:
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in IMAGE_BRANDS:
            return None
        return {b"M4A ": "m4a", b"qt  ": "mov"}.get(brand, "mp4")
    if head[4:8] in QUICKTIME_BOXES:
        return "mov"
    if head[:4] in (b"RIFF", b"RF64") and head[8:12] == b"WAVE":
        return "wav"
    if head[:4] == b"OggS":
        return "ogg"
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return "webm" if _ebml_doc_type(head) in ("webm", "matroska") else None
    if head[:3] == b"ID3" or _mpeg_audio_frames(head):
        return "mp3"
    return None


def _ebml_doc_type(head: bytes) -> str:
    """The DocType element (ID 0x4282) of the EBML header, "" when absent."""
    index = head.find(b"\x42\x82", 4, 64)
    if index < 0 or index + 3 > len(head):
        return ""
    size_byte = head[index + 2]
    if not size_byte & 0x80:  # longer size encodings never occur for a short DocType
        return ""
    size = size_byte & 0x7F
    return head[index + 3 : index + 3 + size].decode("ascii", "replace")


def _frame_length(header: bytes) -> int:
    """Bytes in the MPEG audio frame starting with ``header``; 0 when it is not one."""
    if len(header) < 4 or header[0] != 0xFF or header[1] & 0xE0 != 0xE0:
        return 0
    version_bits, layer_bits = (header[1] >> 3) & 3, (header[1] >> 1) & 3
    bitrate_index, rate_index = header[2] >> 4, (header[2] >> 2) & 3
    if version_bits == 1 or layer_bits == 0 or bitrate_index in (0, 15) or rate_index == 3:
        return 0  # reserved values (layer 0 is also how AAC's ADTS headers look)
    layer = 4 - layer_bits
    bitrate = _BITRATES[(1 if version_bits == 3 else 2, layer)][bitrate_index] * 1000
    sample_rate = _SAMPLE_RATES[version_bits][rate_index]
    padding = (header[2] >> 1) & 1
    if layer == 1:
        return (12 * bitrate // sample_rate + padding) * 4
    per_frame = 144 if layer == 2 or version_bits == 3 else 72
    return per_frame * bitrate // sample_rate + padding


def _mpeg_audio_frames(head: bytes) -> bool:
    """Two consecutive valid frame headers at the start: one alone is too easily random."""
    length = _frame_length(head[:4])
    return length > 0 and _frame_length(head[length : length + 4]) > 0
