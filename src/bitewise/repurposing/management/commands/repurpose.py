"""`bitewise repurpose INPUT --out DIR`: a recording, a transcript, both, or a podcast feed
file into drafted micro-lessons, WebVTT chapters and clips on disk."""

from __future__ import annotations

import time
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, OutputWrapper

from bitewise.engines import podcasts
from bitewise.engines.text.clock import clock
from bitewise.engines.transcription import Progress
from bitewise.repurposing.cli_run import Result, input_kind, repurpose_feed, repurpose_file
from bitewise.repurposing.pipeline.errors import RepurposeError
from bitewise.repurposing.pipeline.outputs import lesson_title

BAR_WIDTH = 30


class Command(BaseCommand):
    # reads a file and writes a folder: no database, no models; `bitewise repurpose` runs it
    # without starting the web app (bitewise.cli), so it checks nothing of it either
    requires_system_checks: list[str] = []
    help = (
        "Turn a recording (mp3, m4a, wav, ogg, mp4, webm, mov), a transcript (.vtt, .srt, .txt), "
        "both (--transcript), or a podcast RSS feed file into micro-lesson drafts."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("input", type=Path, help="recording, transcript or feed file")
        parser.add_argument("--out", type=Path, required=True, help="output folder")
        parser.add_argument(
            "--transcript",
            type=Path,
            help="the recording's transcript: used instead of "
            "transcribing; the recording still gives the clips",
        )
        parser.add_argument("--min-minutes", type=float, default=2.0)
        parser.add_argument("--max-minutes", type=float, default=8.0)
        parser.add_argument("--episodes", type=int, help="feeds: only the first N episodes")

    def handle(self, *args: Any, **options: Any) -> None:
        low, high = options["min_minutes"], options["max_minutes"]
        if not 0 <= low <= high or high <= 0:
            raise CommandError(
                f"Need 0 <= --min-minutes <= --max-minutes and --max-minutes > 0 "
                f"(got {low:g} and {high:g}).",
                returncode=2,
            )
        if options["episodes"] is not None and options["episodes"] < 1:
            raise CommandError("--episodes must be 1 or more.", returncode=2)
        bar = ProgressBar(self.stderr)
        try:
            if input_kind(options["input"]) == "feed":
                if options["transcript"] is not None:
                    raise RepurposeError("--transcript goes with a recording, not a feed.")
                self._feed(options, bar)
                return
            result = repurpose_file(
                options["input"],
                options["out"],
                transcript=options["transcript"],
                min_minutes=low,
                max_minutes=high,
                on_progress=bar.update,
            )
        except RepurposeError as exc:
            bar.close()
            raise CommandError(str(exc), returncode=2) from exc
        bar.close()
        self._report(result)

    def _feed(self, options: dict[str, Any], bar: ProgressBar) -> None:
        def announce(number: int, total: int, episode: podcasts.Episode) -> None:
            self.stdout.write(f"Episode {number} of {total}: {episode.title}")

        results = repurpose_feed(
            options["input"],
            options["out"],
            min_minutes=options["min_minutes"],
            max_minutes=options["max_minutes"],
            limit=options["episodes"],
            on_episode=announce,
            on_progress=bar.update,
        )
        bar.close()
        failed = 0
        for episode, outcome in results:
            if isinstance(outcome, Result):
                self._report(outcome)
            else:
                failed += 1
                self.stderr.write(f"{episode.title}: {outcome}")
        if failed:
            raise CommandError(f"{failed} of {len(results)} episodes failed.", returncode=1)

    def _report(self, result: Result) -> None:
        lessons = result.lessons
        total = (lessons[-1].end - lessons[0].start) / 60 if lessons else 0.0
        clips = sum(1 for c in result.clips if c)
        self.stdout.write(
            f"{len(lessons)} segments, {total:.1f} minutes"
            + (f", {clips} clips" if clips else "")
            + f" → {result.out_dir}"
        )
        for number, lesson in enumerate(lessons, start=1):
            minutes = (lesson.end - lesson.start) / 60
            self.stdout.write(
                f"  {number:>2}. {clock(lesson.start)} to {clock(lesson.end)} "
                f"({minutes:.1f} min) {lesson_title(lesson, number)}"
            )
        for warning in result.warnings:
            self.stderr.write(f"note: {warning}")


class ProgressBar:
    """Transcription progress on stderr: a redrawn bar on a terminal, a line per 10% else."""

    def __init__(self, stream: OutputWrapper) -> None:
        self.stream, self.shown, self.last_step = stream, False, -1
        self.is_tty = stream.isatty()
        self.started = time.monotonic()

    def update(self, progress: Progress) -> None:
        filled = round(BAR_WIDTH * progress.percent / 100)
        left = (
            f", about {clock(progress.remaining_seconds)} left"
            if progress.remaining_seconds is not None
            else ""
        )
        text = (
            f"Transcribing [{'#' * filled}{'-' * (BAR_WIDTH - filled)}] {progress.percent:5.1f}% "
            f"{clock(progress.elapsed_seconds)} elapsed{left}"
        )
        if self.is_tty:
            self.stream.write("\r" + text, style_func=str, ending="")  # plain, not error red
        elif int(progress.percent // 10) > self.last_step:
            self.last_step = int(progress.percent // 10)
            self.stream.write(text, style_func=str)
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown and self.is_tty:
            self.stream.write("")
            self.stream.flush()
