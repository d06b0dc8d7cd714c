"""What an uploaded file is, told by its first bytes and never by its name (framework-free).

Recordings are told by the media engine's sniffer; this adds still images, markup and other
binary formats, so each upload can be held to the kinds it may be."""

from bitewise.engines.uploads.content import HEAD_BYTES, Content, Kind, identify

__all__ = ["HEAD_BYTES", "Content", "Kind", "identify"]
