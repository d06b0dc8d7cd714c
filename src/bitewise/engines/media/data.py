"""The plain values the media engine gives back."""

from __future__ import annotations

from dataclasses import dataclass

# sniff() names → the ffmpeg demuxer forced for that content, so a file is never read by a
# demuxer it was not sniffed as (playlists, image sequences and other surprises stay out)
DEMUXERS = {
    "mp3": "mp3",
    "mp4": "mov",
    "m4a": "mov",
    "mov": "mov",
    "wav": "wav",
    "ogg": "ogg",
    "webm": "matroska",
}


class MediaError(ValueError):
    """The file cannot be used as a recording; the message is shown to staff as is."""


@dataclass(frozen=True)
class Probe:
    container: str  # one of DEMUXERS' keys, from the file's content
    duration: float  # seconds
    has_audio: bool
    has_video: bool  # cover art in an mp3 or m4a does not count
    audio_codec: str  # ffmpeg's codec name of the first sound track, e.g. "aac", "opus"
    video_codec: str  # "" without video
