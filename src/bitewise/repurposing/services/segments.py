"""Draft segments from the pipeline's lessons, and their text drafted again after staff
change where segments start and end."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction

from bitewise.engines import drafting
from bitewise.repurposing.models import DraftSegment, RepurposeJob
from bitewise.repurposing.pipeline.lessons import ProposedLesson, related_words
from bitewise.repurposing.pipeline.outputs import questions_document
from bitewise.repurposing.services.resegment import review_restore
from bitewise.repurposing.services.store import cue_unsure

MAX_SUMMARY = 1000  # drafted or written by staff
MAX_PROMPT = 1000
MAX_CHOICE = 300  # the quiz's choice field


@transaction.atomic
def segments_replace(*, job: RepurposeJob, lessons: Sequence[ProposedLesson]) -> list[str]:
    """Replace the job's segments with ``lessons``, all or none; returns warnings for staff
    (their edits that no new segment kept, after finding the lessons again)."""
    job.segments.all().delete()
    DraftSegment.objects.bulk_create(
        DraftSegment(
            job=job,
            position=position,
            first_cue=lesson.first,
            stop_cue=lesson.stop,
            start=lesson.start,
            end=lesson.end,
            title=(draft.title or f"Part {position + 1}")[:200],
            summary=shorten(draft.summary, MAX_SUMMARY),
            key_terms=list(draft.key_terms),
            questions=bounded_questions(draft),
            boundary=_explanation(lesson),
            spans_topics=_spans_topics(lesson),
            suggested_split_time=_suggested_split(lesson),
        )
        for position, (lesson, draft) in enumerate((x, x.draft) for x in lessons)
    )
    return review_restore(job)  # after finding the lessons again: staff's edits and drops


def shorten(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut at a word: a transcript without sentence ends would
    otherwise give a summary as long as the recording."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def bounded_questions(draft: drafting.Draft) -> list[dict[str, Any]]:
    """The drafted questions staff could also have written: over-long ones (from a "sentence"
    that never ends) are left out rather than filling the review page."""
    return [
        q
        for q in questions_document(draft)
        if len(q["prompt"]) <= MAX_PROMPT
        and all(len(str(c)) <= MAX_CHOICE for c in [q["answer"], *q["choices"]])
    ]


def segment_text(job: RepurposeJob, first: int, stop: int) -> str:
    return " ".join(str(cue[2]) for cue in job.cues[first:stop])


def segment_unsure(job: RepurposeJob, first: int, stop: int) -> list[str]:
    """The words the speech model was unsure of in cues ``first`` to ``stop``, once per cue."""
    return [word for cue in job.cues[first:stop] for word in cue_unsure(cue)]


def segments_redraft(*, job: RepurposeJob, changed: Iterable[int]) -> None:
    """Draft the key terms of the segments at positions ``changed`` again from their new text
    (the others give context and distractors), and their title, summary and questions unless
    staff wrote those themselves."""
    segments = list(job.segments.order_by("position"))
    texts = [segment_text(job, s.first_cue, s.stop_cue) for s in segments]
    unsure = [segment_unsure(job, s.first_cue, s.stop_cue) for s in segments]
    # as on the first draft: nothing built on a word the speech model doubted, and wrong
    # choices of the answer's kind from the segment's own topic
    drafts = drafting.draft_segments(texts, unsure=unsure, related=related_words())
    for position in set(changed):
        segment, draft = segments[position], drafts[position]
        segment.key_terms = list(draft.key_terms)
        if segment.edited:
            segment.save(update_fields=["key_terms"])
            continue
        segment.title = (draft.title or f"Part {position + 1}")[:200]
        segment.summary = shorten(draft.summary, MAX_SUMMARY)
        segment.questions = bounded_questions(draft)
        segment.save(update_fields=["title", "summary", "key_terms", "questions"])


def _spans_topics(lesson: ProposedLesson) -> bool:
    return lesson.spans_topics  # the segmenter's "a second topic starts inside" flag


def _suggested_split(lesson: ProposedLesson) -> float | None:
    at = lesson.suggested_split  # seconds of the recording
    return float(at) if at is not None and lesson.spans_topics else None


def _explanation(lesson: ProposedLesson) -> dict[str, object]:
    if lesson.boundary is None:
        return {}
    fields = dataclasses.asdict(lesson.boundary)
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in fields.items()}
