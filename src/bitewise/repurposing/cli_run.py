"""What `bitewise repurpose` does, without the web app: one input (a recording, a transcript,
both, or a podcast feed file) into lessons, chapters and clips in a folder."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from django.conf import settings
from django.utils.text import slugify

from bitewise.engines import media, podcasts
from bitewise.engines.transcription import Progress
from bitewise.repurposing.outputs import chapters_vtt, segments_document, write_outputs
from bitewise.repurposing.pipeline import (
    TRANSCRIPT_FORMATS,
    Lesson,
    RepurposeError,
    lessons_from,
    read_transcript,
    transcript_from_bytes,
)
from bitewise.repurposing.recordings import (
    clip_cut,
    recording_check,
    transcript_from_recording,
)
from bitewise.repurposing.services.llm import llm_improve

FEED_SUFFIXES = frozenset({".rss", ".xml", ".atom"})
Report = Callable[[Progress], None]


@dataclass(frozen=True)
class Result:
    out_dir: Path
    lessons: list[Lesson]
    clips: list[str | None]
    warnings: list[str]


def input_kind(path: Path) -> str:
    """ "transcript", "feed" or "recording", by suffix for text and by content for media."""
    if not path.is_file():
        raise RepurposeError(f"No such file: {path}")
    suffix = path.suffix.lower()
    if suffix in TRANSCRIPT_FORMATS:
        return "transcript"
    if suffix in FEED_SUFFIXES:
        return "feed"
    if media.sniff(path) is not None:
        return "recording"
    raise RepurposeError(
        f"{path.name} is not a recording we can read (mp3, m4a, wav, ogg, mp4, webm, mov), "
        "a transcript (.vtt, .srt, .txt) or a podcast feed (.rss, .xml)."
    )


def repurpose_file(
    source: Path,
    out_dir: Path,
    *,
    transcript: Path | None,
    min_minutes: float,
    max_minutes: float,
    on_progress: Report | None = None,
) -> Result:
    """A recording and/or a transcript → out_dir/segments.json, chapters.vtt and clips/."""
    kind = input_kind(source)
    if kind == "feed":
        raise RepurposeError("A feed holds many episodes: use repurpose_feed.")
    if transcript is not None and kind != "recording":
        raise RepurposeError("--transcript goes with a recording: give the recording as INPUT.")
    recording = source if kind == "recording" else None
    transcript = source if kind == "transcript" else transcript
    probe = recording_check(recording) if recording is not None else None
    if transcript is not None:
        parsed = read_transcript(transcript)
    elif recording is not None and probe is not None:
        parsed = transcript_from_recording(recording, probe, on_progress=on_progress)
    else:  # pragma: no cover - input_kind returns one of the three
        raise RepurposeError("Nothing to repurpose.")
    lessons = lessons_from(parsed, min_minutes=min_minutes, max_minutes=max_minutes)
    drafts, warnings = llm_improve(
        [" ".join(c.text for c in parsed.cues[x.first : x.stop]) for x in lessons],
        [x.draft for x in lessons],
    )
    lessons = [replace(x, draft=d) for x, d in zip(lessons, drafts, strict=True)]
    clips: list[str | None] = [None] * len(lessons)
    if recording is not None and probe is not None:
        clips = _clips(recording, probe, lessons, out_dir)
    document = segments_document(lessons, clips)
    write_outputs(
        out_dir,
        {
            "segments.json": json.dumps(document, indent=2, ensure_ascii=False) + "\n",
            "chapters.vtt": chapters_vtt(lessons),
        },
    )
    return Result(out_dir, lessons, clips, warnings)


def _clips(
    recording: Path, probe: media.Probe, lessons: list[Lesson], out_dir: Path
) -> list[str | None]:
    """Cut every clip into a fresh folder, then swap it in for out_dir/clips."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=out_dir, prefix=".clips-"))
    except OSError as exc:
        raise RepurposeError(f"Cannot write to {out_dir}: {exc.strerror or exc}") from exc
    names: list[str | None] = []
    try:
        for number, lesson in enumerate(lessons, start=1):
            name = f"{number:02d}-{slugify(lesson.draft.title)[:50] or 'part'}.{probe.container}"
            ok = clip_cut(recording, probe.container, lesson.start, lesson.end, staging / name)
            names.append(f"clips/{name}" if ok else None)
        final = out_dir / "clips"
        if final.exists():
            shutil.rmtree(final)
        staging.rename(final)
    except OSError as exc:
        raise RepurposeError(f"Cannot write to {out_dir}: {exc.strerror or exc}") from exc
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return names


def repurpose_feed(
    feed_path: Path,
    out_dir: Path,
    *,
    min_minutes: float,
    max_minutes: float,
    limit: int | None,
    on_episode: Callable[[int, int, podcasts.Episode], None],
    on_progress: Report | None = None,
) -> list[tuple[podcasts.Episode, Result | RepurposeError]]:
    """Each episode (newest first, as the feed lists them) fetched and repurposed into
    out_dir/<episode>/; one episode's failure is reported and the others carry on."""
    try:
        feed = podcasts.parse_feed(feed_path.read_bytes())
    except podcasts.FeedError as exc:
        raise RepurposeError(f"{feed_path.name}: {exc}") from exc
    episodes = feed.episodes[:limit] if limit else feed.episodes
    results: list[tuple[podcasts.Episode, Result | RepurposeError]] = []
    for number, episode in enumerate(episodes, start=1):
        on_episode(number, len(episodes), episode)
        folder = out_dir / f"{number:03d}-{slugify(episode.title)[:60] or 'episode'}"
        try:
            results.append(
                (episode, _episode(episode, folder, min_minutes, max_minutes, on_progress))
            )
        except RepurposeError as exc:
            results.append((episode, exc))
    return results


def _episode(
    episode: podcasts.Episode,
    folder: Path,
    min_minutes: float,
    max_minutes: float,
    on_progress: Report | None,
) -> Result:
    with tempfile.TemporaryDirectory(prefix="bitewise-episode-") as temp:
        try:
            recording = podcasts.fetch_media(
                episode.media_url,
                Path(temp) / "episode",
                max_bytes=settings.BITEWISE_MAX_MEDIA_BYTES,
                timeout=settings.BITEWISE_FETCH_TIMEOUT,
                allow_private=settings.BITEWISE_FETCH_PRIVATE_ADDRESSES,
            )
            transcript = _fetch_transcript(episode, Path(temp))
        except (podcasts.FeedError, podcasts.DownloadError) as exc:
            raise RepurposeError(f"Cannot fetch the episode: {exc}") from exc
        return repurpose_file(
            recording,
            folder,
            transcript=transcript,
            min_minutes=min_minutes,
            max_minutes=max_minutes,
            on_progress=on_progress,
        )


def _fetch_transcript(episode: podcasts.Episode, temp: Path) -> Path | None:
    """The episode's published transcript, when the feed links one we read; else None."""
    if not episode.transcript_url:
        return None
    suffix = Path(episode.transcript_url.split("?", 1)[0]).suffix.lower()
    try:
        path = podcasts.fetch_media(
            episode.transcript_url,
            temp / "transcript",
            max_bytes=50 * 2**20,
            timeout=60.0,
            allow_private=settings.BITEWISE_FETCH_PRIVATE_ADDRESSES,
        )
    except podcasts.DownloadError:  # no published transcript after all: transcribe instead
        return None
    data = path.read_bytes()
    for name in ([f"t{suffix}"] if suffix in TRANSCRIPT_FORMATS else []) + ["t.vtt", "t.srt"]:
        try:
            transcript_from_bytes(data, name=name)
        except RepurposeError:
            continue
        return path.rename(temp / name)
    return None
