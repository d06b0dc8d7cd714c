"""Safe media handling with ffmpeg: sniff, probe, decode sound, cut clips (framework-free).

Input is never trusted: the container is told by content and forced on ffmpeg, subprocesses
get an argument list (no shell), a timeout and capped output."""

from bitewise.engines.media.clip import cut_clip
from bitewise.engines.media.data import MediaError, Probe
from bitewise.engines.media.decode import decode_audio
from bitewise.engines.media.probe import check_limits, describe_length, probe
from bitewise.engines.media.sniff import sniff

__all__ = [
    "MediaError",
    "Probe",
    "check_limits",
    "cut_clip",
    "decode_audio",
    "describe_length",
    "probe",
    "sniff",
]
