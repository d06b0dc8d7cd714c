"""Bake a credential (JSON or VC-JWT) into a PNG or SVG badge image, and read it back.

https://www.imsglobal.org/spec/ob/v3p0/#baking
"""

from __future__ import annotations

import html
import json
import re
import struct
import zlib
from collections.abc import Iterator, Mapping
from typing import Any

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_KEYWORD = b"openbadgecredential"
SVG_NAMESPACE = "https://purl.imsglobal.org/ob/v3p0"

_SVG_TAG = re.compile(r"<svg\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>")
_CREDENTIAL_ELEMENT = re.compile(
    r"<openbadges:credential\b(?P<attributes>(?:[^>\"'/]|\"[^\"]*\"|'[^']*')*)"
    r"(?:/>|>(?P<body>.*?)</openbadges:credential\s*>)",
    re.DOTALL,
)
_VERIFY_ATTRIBUTE = re.compile(r"\bverify\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.DOTALL)

Baked = dict[str, Any] | str


class BakeError(ValueError):
    pass


def _as_text(credential: Mapping[str, Any] | str) -> str:
    return credential if isinstance(credential, str) else json.dumps(credential, ensure_ascii=False)


def _as_credential(text: str) -> Baked:
    text = text.strip()
    if text.startswith("{"):
        try:
            parsed = json.loads(text)
        except ValueError as error:
            raise BakeError(f"the baked credential is not JSON: {error}") from error
        if not isinstance(parsed, dict):
            raise BakeError("the baked credential is not a JSON object")
        return parsed
    if text.count(".") == 2:
        return text
    raise BakeError("the baked text is neither JSON nor a compact JWS")


def _chunks(png: bytes) -> Iterator[tuple[bytes, bytes, bytes]]:
    """(type, data, raw chunk bytes) for every chunk, checking lengths and CRCs."""
    if not png.startswith(PNG_SIGNATURE):
        raise BakeError("not a PNG image")
    position = len(PNG_SIGNATURE)
    while position < len(png):
        if position + 12 > len(png):
            raise BakeError("truncated PNG chunk")
        (length,) = struct.unpack(">I", png[position : position + 4])
        end = position + 12 + length
        if end > len(png):
            raise BakeError("truncated PNG chunk")
        kind, data = png[position + 4 : position + 8], png[position + 8 : end - 4]
        if zlib.crc32(kind + data) != struct.unpack(">I", png[end - 4 : end])[0]:
            raise BakeError(f"CRC mismatch in PNG chunk {kind!r}")
        yield kind, data, png[position:end]
        position = end
        if kind == b"IEND":
            return
    raise BakeError("PNG has no IEND chunk")


def bake_png(png: bytes, credential: Mapping[str, Any] | str) -> bytes:
    """Insert (or replace) an uncompressed ``iTXt`` chunk keyed ``openbadgecredential``.

    https://www.w3.org/TR/png/#11iTXt : keyword, NUL, compression flag 0, method 0, empty
    language tag and translated keyword (each NUL-terminated), then the UTF-8 text.
    """
    data = PNG_KEYWORD + b"\0\0\0\0\0" + _as_text(credential).encode("utf-8")
    chunk = (
        struct.pack(">I", len(data))
        + b"iTXt"
        + data
        + struct.pack(">I", zlib.crc32(b"iTXt" + data))
    )
    output = bytearray(PNG_SIGNATURE)
    for kind, chunk_data, raw in _chunks(png):
        if kind == b"iTXt" and chunk_data.startswith(PNG_KEYWORD + b"\0"):
            continue
        if kind == b"IEND":
            output += chunk
        output += raw
    return bytes(output)


def unbake_png(png: bytes) -> Baked:
    """The credential in the first ``openbadgecredential`` iTXt chunk: a dict, or a JWS string."""
    for kind, data, _ in _chunks(png):
        if kind == b"iTXt" and data.startswith(PNG_KEYWORD + b"\0"):
            rest = data[len(PNG_KEYWORD) + 1 :]
            if len(rest) < 2:
                raise BakeError("truncated iTXt chunk")
            compressed, text = rest[0], rest[2:]
            # Skip the NUL-terminated language tag and translated keyword.
            text = text.split(b"\0", 2)[-1] if text.count(b"\0") >= 2 else b""
            try:
                decoded = (zlib.decompress(text) if compressed else text).decode("utf-8")
            except (zlib.error, UnicodeDecodeError) as error:
                raise BakeError(f"unreadable iTXt text: {error}") from error
            return _as_credential(decoded)
    raise BakeError("no openbadgecredential iTXt chunk in the PNG")


def bake_svg(svg: str, credential: Mapping[str, Any] | str) -> str:
    """Put ``<openbadges:credential>`` right after the ``<svg>`` tag, replacing any earlier one.

    https://www.imsglobal.org/spec/ob/v3p0/#svg-baking : a VC-JWT goes in the ``verify``
    attribute, JSON in a CDATA section.
    """
    svg = _CREDENTIAL_ELEMENT.sub("", svg)
    tag = _SVG_TAG.search(svg)
    if tag is None:
        raise BakeError("no <svg> tag found")
    opening = tag.group(0)
    self_closing = opening.endswith("/>")
    if self_closing:
        opening = opening[:-2].rstrip() + ">"
    if "xmlns:openbadges" not in opening:
        opening = f'{opening[:-1]} xmlns:openbadges="{SVG_NAMESPACE}">'
    if isinstance(credential, str):
        element = (
            f'<openbadges:credential verify="{html.escape(credential)}"></openbadges:credential>'
        )
    else:
        # "]]>" can only occur inside a JSON string, where \u003e reads the same.
        body = _as_text(credential).replace("]]>", "]]\\u003e")
        element = f"<openbadges:credential><![CDATA[{body}]]></openbadges:credential>"
    closing = "</svg>" if self_closing else ""
    return svg[: tag.start()] + opening + element + closing + svg[tag.end() :]


def unbake_svg(svg: str | bytes) -> Baked:
    """The credential in the first ``<openbadges:credential>``: a dict, or a JWS string."""
    text = svg.decode("utf-8", errors="replace") if isinstance(svg, bytes) else svg
    match = _CREDENTIAL_ELEMENT.search(text)
    if match is None:
        raise BakeError("no <openbadges:credential> element in the SVG")
    verify = _VERIFY_ATTRIBUTE.search(match.group("attributes"))
    if verify:
        return _as_credential(html.unescape(verify.group(1) or verify.group(2) or ""))
    body = match.group("body") or ""
    sections = _CDATA.findall(body)
    return _as_credential("".join(sections) if sections else html.unescape(body))
