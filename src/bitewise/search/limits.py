"""The one set of limits for every transcript we read, from the settings alone (no models),
so the command line can check a file without starting the web app."""

from __future__ import annotations

import math

from django.conf import settings

from bitewise.engines.transcripts import Limits

# A cue every 0.72 s on average for the longest recording: word-by-word exports are denser and
# make segmenting take minutes, so they are refused with the limit named.
CUES_PER_HOUR = 5000


def transcript_limits() -> Limits:
    """The one set of limits for every transcript we read: search uploads, repurposing uploads
    and the command line. Its length may not pass the longest recording we take."""
    hours = settings.BITEWISE_MAX_RECORDING_HOURS
    return Limits(
        max_bytes=settings.BITEWISE_MAX_TRANSCRIPT_BYTES,
        max_seconds=hours * 3600,
        max_cues=math.ceil(hours * CUES_PER_HOUR),
    )
