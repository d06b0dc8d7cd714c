"""`bitewise repurpose INPUT --out DIR`: a transcript into drafted micro-lessons on disk."""

from __future__ import annotations

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from bitewise.repurposing.outputs import (
    chapters_vtt,
    lesson_title,
    segments_document,
    write_outputs,
)
from bitewise.repurposing.pipeline import RepurposeError, lessons_from, read_transcript


class Command(BaseCommand):
    help = "Turn a recording's transcript (.vtt, .srt, .txt) into micro-lesson drafts."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("input", type=Path, help="transcript file")
        parser.add_argument("--out", type=Path, required=True, help="output folder")
        parser.add_argument("--min-minutes", type=float, default=2.0)
        parser.add_argument("--max-minutes", type=float, default=8.0)

    def handle(self, *args: Any, **options: Any) -> None:
        low, high = options["min_minutes"], options["max_minutes"]
        if not 0 <= low <= high or high <= 0:
            raise CommandError(
                f"Need 0 <= --min-minutes <= --max-minutes and --max-minutes > 0 "
                f"(got {low:g} and {high:g}).",
                returncode=2,
            )
        out_dir: Path = options["out"]
        try:
            lessons = lessons_from(
                read_transcript(options["input"]), min_minutes=low, max_minutes=high
            )
            document = segments_document(lessons)
            write_outputs(
                out_dir,
                {
                    "segments.json": json.dumps(document, indent=2, ensure_ascii=False) + "\n",
                    "chapters.vtt": chapters_vtt(lessons),
                },
            )
        except RepurposeError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        total = (lessons[-1].end - lessons[0].start) / 60 if lessons else 0.0
        self.stdout.write(f"{len(lessons)} segments, {total:.1f} minutes → {out_dir}")
        for number, lesson in enumerate(lessons, start=1):
            minutes = (lesson.end - lesson.start) / 60
            self.stdout.write(
                f"  {number:>2}. {_clock(lesson.start)} to {_clock(lesson.end)} "
                f"({minutes:.1f} min) {lesson_title(lesson, number)}"
            )


def _clock(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
