"""Where a recording comes from when it is not uploaded: a podcast episode's file, and its
published transcript when the feed links one (then nothing needs transcribing)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from bitewise.engines import podcasts
from bitewise.repurposing.pipeline.errors import RepurposeError
from bitewise.repurposing.pipeline.lessons import TRANSCRIPT_FORMATS, transcript_from_bytes

MAX_TRANSCRIPT_BYTES = 50 * 2**20
TRANSCRIPT_TIMEOUT = 60.0


def episode_fetch(url: str, target: Path) -> Path:
    """The episode's file, downloaded to ``target`` within the size and time limits."""
    try:
        return podcasts.fetch_media(
            url,
            target,
            max_bytes=settings.BITEWISE_MAX_MEDIA_BYTES,
            timeout=settings.BITEWISE_FETCH_TIMEOUT,
            allow_private=settings.BITEWISE_FETCH_PRIVATE_ADDRESSES,
        )
    except (podcasts.FeedError, podcasts.DownloadError) as exc:
        raise RepurposeError(f"Cannot fetch the episode: {exc}") from exc


def published_transcript_fetch(url: str | None, folder: Path) -> Path | None:
    """The episode's published transcript in ``folder``, named for its format, when the feed
    links one we can read; else None (the recording is transcribed instead)."""
    if not url:
        return None
    suffix = Path(url.split("?", 1)[0]).suffix.lower()
    try:
        path = podcasts.fetch_media(
            url,
            folder / "transcript",
            max_bytes=MAX_TRANSCRIPT_BYTES,
            timeout=TRANSCRIPT_TIMEOUT,
            allow_private=settings.BITEWISE_FETCH_PRIVATE_ADDRESSES,
        )
    except podcasts.DownloadError:  # no published transcript after all: transcribe instead
        return None
    except podcasts.FeedError as exc:
        raise RepurposeError(f"Cannot fetch the episode: {exc}") from exc
    data = path.read_bytes()
    for name in ([f"t{suffix}"] if suffix in TRANSCRIPT_FORMATS else []) + ["t.vtt", "t.srt"]:
        try:
            transcript_from_bytes(data, name=name)
        except RepurposeError:
            continue
        return path.rename(folder / name)
    return None
