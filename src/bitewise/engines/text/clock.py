"""Seconds as a clock people read: ``m:ss`` under an hour, ``h:mm:ss`` from an hour on.

The one format every page, message and command uses for a time in a recording, a length or
an estimate (a WebVTT cue timestamp is a file format: ``transcripts.captions.timestamp``)."""

from __future__ import annotations


def clock(seconds: float) -> str:
    """83.4 → ``1:23``; 4500 → ``1:15:00``; 3723 → ``1:02:03``; to the nearest second, never
    below ``0:00``."""
    minutes, secs = divmod(max(0, round(seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
