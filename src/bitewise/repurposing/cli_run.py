"""What `bitewise repurpose` does, without the web app: one input (a recording, a transcript,
both, or a podcast feed file) into lessons, chapters and clips in a folder."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.utils.text import slugify

from bitewise.engines import media, podcasts
from bitewise.engines.transcription import Progress
from bitewise.repurposing.pipeline.errors import RepurposeError
from bitewise.repurposing.pipeline.lessons import (
    TRANSCRIPT_FORMATS,
    ProposedLesson,
    lessons_drafted,
    read_transcript,
    require_file,
)
from bitewise.repurposing.pipeline.outputs import chapters_vtt, segments_document, write_outputs
from bitewise.repurposing.pipeline.recordings import (
    clip_cut,
    recording_check,
    transcript_from_recording,
)
from bitewise.repurposing.pipeline.sources import episode_fetch, published_transcript_fetch

FEED_SUFFIXES = frozenset({".rss", ".xml", ".atom"})
Report = Callable[[Progress], None]


@dataclass(frozen=True)
class Result:
    out_dir: Path
    lessons: list[ProposedLesson]
    clips: list[str | None]
    warnings: list[str]


def input_kind(path: Path) -> str:
    """ "transcript", "feed" or "recording", by suffix for text and by content for media."""
    require_file(path)
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
    lessons, warnings = lessons_drafted(parsed, min_minutes=min_minutes, max_minutes=max_minutes)
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
    recording: Path, probe: media.Probe, lessons: list[ProposedLesson], out_dir: Path
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
        recording = episode_fetch(episode.media_url, Path(temp) / "episode")
        transcript = published_transcript_fetch(episode.transcript_url, Path(temp))
        return repurpose_file(
            recording,
            folder,
            transcript=transcript,
            min_minutes=min_minutes,
            max_minutes=max_minutes,
            on_progress=on_progress,
        )
