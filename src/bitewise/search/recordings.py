"""Which lessons cut a transcript's recording, so each passage can be placed in the lesson whose
range holds it (engines/transcripts/attribution.py). The one source of those spans for the
index, the player and brush-up."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Q

from bitewise.catalog.models import Lesson, MicroCredentialLesson, Status
from bitewise.engines.transcripts import Placement, Span, place
from bitewise.search.models import Transcript, TranscriptPassage, TranscriptSpan


@dataclass(frozen=True)
class Recording:
    """The lessons cut from one transcript's recording."""

    spans: tuple[Span, ...]
    # Lessons that play the recording itself (a range of it or all of it), not a clip.
    players: tuple[int, ...]
    # Learners can play the recording itself: some lesson they can open plays it.
    is_public: bool

    def place(self, moment: float) -> Placement:
        return place(moment, self.spans)

    def is_lesson_public(self, lesson_id: int) -> bool:
        return any(span.is_public for span in self.spans if span.lesson_id == lesson_id)


def public_lesson_ids(lesson_ids: Iterable[int]) -> set[int]:
    """Those of ``lesson_ids`` in a published micro-credential."""
    return set(
        MicroCredentialLesson.objects.filter(
            lesson_id__in=list(lesson_ids), micro_credential__status=Status.PUBLISHED
        ).values_list("lesson_id", flat=True)
    )


def recordings_of(transcripts: Sequence[Transcript]) -> dict[int, Recording]:
    """Each transcript's recording, in four queries whatever the number of transcripts:
    lessons whose media is the recording (a range of it, or all of it, at its own times) and
    the spans written for lessons that play a clip of it."""
    files = {t.recording_file for t in transcripts if t.recording_file}
    urls = {t.recording_url for t in transcripts if t.recording_url}
    playing: dict[str, list[tuple[int, float, float | None]]] = defaultdict(list)
    if files or urls:
        rows = Lesson.objects.filter(Q(media_file__in=files) | Q(media_url__in=urls)).values_list(
            "pk", "media_file", "media_url", "start_seconds", "end_seconds"
        )
        for pk, media_file, media_url, first, last in rows:
            span = (pk, float(first or 0), None if last is None else float(last))
            if media_file:
                playing[f"file:{media_file}"].append(span)
            elif media_url:
                playing[f"url:{media_url}"].append(span)
    cut: dict[int, list[tuple[int, float, float, float]]] = defaultdict(list)
    for transcript_id, lesson_id, begins, ends, offset in TranscriptSpan.objects.filter(
        transcript__in=[t.pk for t in transcripts]
    ).values_list("transcript_id", "lesson_id", "start_seconds", "end_seconds", "media_offset"):
        cut[transcript_id].append((lesson_id, begins, ends, offset))
    every = {row[0] for rows in playing.values() for row in rows} | {
        row[0] for rows in cut.values() for row in rows
    }
    public = public_lesson_ids(every)
    recordings = {}
    for transcript in transcripts:
        key = (
            f"file:{transcript.recording_file}"
            if transcript.recording_file
            else f"url:{transcript.recording_url}"
        )
        plays = playing.get(key, []) if transcript.webinar_id is None else []
        spans = {pk: Span(pk, start, end, 0.0, pk in public) for pk, start, end in plays}
        for pk, start, end, offset in cut.get(transcript.pk, []):
            spans[pk] = Span(pk, start, end, offset, pk in public)  # its clip, not the range
        players = tuple(sorted(pk for pk, _, _ in plays))
        recordings[transcript.pk] = Recording(
            spans=tuple(spans.values()),
            players=players,
            is_public=any(pk in public for pk in players),
        )
    return recordings


def recording_of(transcript: Transcript) -> Recording:
    return recordings_of([transcript])[transcript.pk]


def passage_placement(passage: TranscriptPassage) -> tuple[Placement, Recording]:
    """Where a passage belongs and the second to open it at (the player uses this; the index
    stores the same answer for result links)."""
    recording = recording_of(passage.transcript)
    return recording.place(passage.start_seconds), recording


def lesson_breaks(recording: Recording) -> list[float]:
    """Where lessons cut from the recording start and end: passages are not to span these."""
    marks = {span.start for span in recording.spans}
    marks |= {span.end for span in recording.spans if span.end is not None}
    return sorted(marks)
