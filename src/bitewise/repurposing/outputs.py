"""segments.json and chapters.vtt, written next to each other all or nothing."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bitewise.repurposing.pipeline import Lesson, RepurposeError


def segments_document(lessons: Sequence[Lesson]) -> list[dict[str, Any]]:
    return [
        {
            "start": round(lesson.start, 3),
            "end": round(lesson.end, 3),
            "title": lesson_title(lesson, number),
            "summary": lesson.draft.summary,
            "key_terms": list(lesson.draft.key_terms),
            "questions": [
                {
                    "kind": q.kind,
                    "prompt": q.prompt,
                    "choices": list(q.choices),
                    "answer": q.answer,
                }
                for q in lesson.draft.questions
            ],
            "clip": None,  # transcript-only input: no media to cut
        }
        for number, lesson in enumerate(lessons, start=1)
    ]


def lesson_title(lesson: Lesson, number: int) -> str:
    return lesson.draft.title or f"Part {number}"


def timestamp(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def chapters_vtt(lessons: Sequence[Lesson]) -> str:
    """WebVTT chapters: https://www.w3.org/TR/webvtt1/#webvtt-file-using-chapter-title-text"""
    blocks = ["WEBVTT"]
    for number, lesson in enumerate(lessons, start=1):
        # a cue's text must not hold "-->" or a blank line
        title = " ".join(lesson_title(lesson, number).replace("-->", "\u2192").split())
        blocks.append(f"{number}\n{timestamp(lesson.start)} --> {timestamp(lesson.end)}\n{title}")
    return "\n\n".join(blocks) + "\n"


def write_outputs(out_dir: Path, files: dict[str, str]) -> None:
    """Write every file under a temporary name first, then rename: no half-written output."""
    pending: list[tuple[str, Path]] = []
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for name, content in files.items():
            handle, temp = tempfile.mkstemp(dir=out_dir, prefix=f".{name}.", suffix=".part")
            pending.append((temp, out_dir / name))
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(content)
        for temp, final in pending:
            os.replace(temp, final)
    except OSError as exc:
        for temp, _ in pending:
            Path(temp).unlink(missing_ok=True)
        raise RepurposeError(f"Cannot write to {out_dir}: {exc.strerror or exc}") from exc
