"""Draft segments from the pipeline's lessons, and their text drafted again after staff
change where segments start and end."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from django.db import transaction

from bitewise.engines import drafting
from bitewise.repurposing.models import DraftSegment, RepurposeJob
from bitewise.repurposing.outputs import questions_document
from bitewise.repurposing.pipeline import Lesson


@transaction.atomic
def segments_replace(*, job: RepurposeJob, lessons: Sequence[Lesson]) -> None:
    """Replace the job's segments with ``lessons``, all or none."""
    job.segments.all().delete()
    DraftSegment.objects.bulk_create(
        DraftSegment(
            job=job,
            position=position,
            first_cue=lesson.first,
            stop_cue=lesson.stop,
            start=lesson.start,
            end=lesson.end,
            title=draft.title or f"Part {position + 1}",
            summary=draft.summary,
            key_terms=list(draft.key_terms),
            questions=questions_document(draft),
            boundary=_explanation(lesson),
        )
        for position, (lesson, draft) in enumerate((x, x.draft) for x in lessons)
    )


def segment_text(job: RepurposeJob, first: int, stop: int) -> str:
    return " ".join(str(cue[2]) for cue in job.cues[first:stop])


def segments_redraft(*, job: RepurposeJob, changed: Iterable[int]) -> None:
    """Draft the key terms of the segments at positions ``changed`` again from their new text
    (the others give context and distractors), and their title, summary and questions unless
    staff wrote those themselves."""
    segments = list(job.segments.order_by("position"))
    texts = [segment_text(job, s.first_cue, s.stop_cue) for s in segments]
    drafts = drafting.draft_segments(texts)
    for position in set(changed):
        segment, draft = segments[position], drafts[position]
        segment.key_terms = list(draft.key_terms)
        if segment.edited:
            segment.save(update_fields=["key_terms"])
            continue
        segment.title = draft.title or f"Part {position + 1}"
        segment.summary = draft.summary
        segment.questions = questions_document(draft)
        segment.save(update_fields=["title", "summary", "key_terms", "questions"])


def _explanation(lesson: Lesson) -> dict[str, object]:
    if lesson.boundary is None:
        return {}
    fields = dataclasses.asdict(lesson.boundary)
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in fields.items()}
