"""segments.json and chapters.vtt, written next to each other all or nothing."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bitewise.engines import drafting
from bitewise.engines.transcripts.captions import timestamp
from bitewise.repurposing.pipeline.errors import RepurposeError
from bitewise.repurposing.pipeline.lessons import ProposedLesson


def segments_document(
    lessons: Sequence[ProposedLesson], clips: Sequence[str | None] | None = None
) -> list[dict[str, Any]]:
    """The segments.json list; ``clips`` holds each lesson's clip path (None: no clip, play the
    start to end range of the recording; no clips at all for a transcript alone)."""
    clips = clips if clips is not None else [None] * len(lessons)
    return [
        {
            "start": round(lesson.start, 3),
            "end": round(lesson.end, 3),
            "title": lesson_title(lesson, number),
            "summary": lesson.draft.summary,
            "key_terms": list(lesson.draft.key_terms),
            "questions": questions_document(lesson.draft),
            "clip": clip,
            "spans_topics": lesson.spans_topics,
            "suggested_split": (
                round(lesson.suggested_split, 3) if lesson.suggested_split is not None else None
            ),
        }
        for number, (lesson, clip) in enumerate(zip(lessons, clips, strict=True), start=1)
    ]


def questions_document(draft: drafting.Draft) -> list[dict[str, Any]]:
    return [
        {"kind": q.kind, "prompt": q.prompt, "choices": list(q.choices), "answer": q.answer}
        for q in draft.questions
    ]


def lesson_title(lesson: ProposedLesson, number: int) -> str:
    return lesson.draft.title or f"Part {number}"


def chapters_vtt(lessons: Sequence[ProposedLesson]) -> str:
    return chapters_text(
        [(x.start, x.end, lesson_title(x, n)) for n, x in enumerate(lessons, start=1)]
    )


def chapters_text(chapters: Sequence[tuple[float, float, str]]) -> str:
    """WebVTT chapters: https://www.w3.org/TR/webvtt1/#webvtt-file-using-chapter-title-text"""
    blocks = ["WEBVTT"]
    for number, (start, end, title) in enumerate(chapters, start=1):
        # a cue's text must not hold "-->" or a blank line, and is markup: "&", "<" and ">"
        # escaped, or a player drops "<live>" from "Q&A <live>"
        text = " ".join((title or f"Part {number}").replace("-->", "\u2192").split())
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        blocks.append(f"{number}\n{timestamp(start)} --> {timestamp(end)}\n{text}")
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
