"""Transcript passages as search documents: each placed in the lesson whose range of the
recording holds it, at the second of that lesson's media, or in the recording itself."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from bitewise.catalog.models import Lesson
from bitewise.search.models import Document, DocumentKind, Transcript, TranscriptPassage
from bitewise.search.recordings import Recording, recordings_of
from bitewise.search.services.documents import DocumentSpec, documents_relink, documents_write

CHUNK = 200  # transcripts at a time: a few thousand passages


def passage_spec(
    transcript: Transcript,
    recording: Recording,
    titles: dict[int, str],
    *,
    passage_id: int,
    start: float,
    text: str = "",
) -> DocumentSpec:
    placement = recording.place(start)
    title, lesson_id, webinar_id, is_public = transcript.title, None, None, recording.is_public
    if placement.lesson_id is not None:
        lesson_id = placement.lesson_id
        title = titles.get(lesson_id, transcript.title)
        is_public = recording.is_lesson_public(lesson_id)
    elif transcript.webinar is not None:
        title = transcript.webinar.title
        webinar_id = str(transcript.webinar.pk)
        is_public = transcript.webinar.status != "draft"
    return DocumentSpec(
        kind=DocumentKind.PASSAGE,
        title=title,
        body=text,
        lesson_id=lesson_id,
        passage_id=passage_id,
        webinar_id=webinar_id,
        start_seconds=placement.at,
        is_public=is_public,
    )


def passages_index(transcript_ids: Sequence[int]) -> int:
    """Bring the documents of these transcripts' passages up to date: new passages indexed,
    and passages whose lesson, moment or visibility changed (a lesson cut, moved, published)
    moved, re-embedded only when their title changed. Returns how many documents changed."""
    count = 0
    for i in range(0, len(transcript_ids), CHUNK):
        count += _index_chunk(list(transcript_ids[i : i + CHUNK]))
    return count


def _index_chunk(ids: list[int]) -> int:
    transcripts = {t.pk: t for t in Transcript.objects.filter(pk__in=ids).select_related("webinar")}
    recordings = recordings_of(list(transcripts.values()))
    lesson_ids = {span.lesson_id for r in recordings.values() for span in r.spans}
    titles = dict(Lesson.objects.filter(pk__in=lesson_ids).values_list("pk", "title"))
    wanted = [
        passage_spec(
            transcripts[transcript_id],
            recordings[transcript_id],
            titles,
            passage_id=pk,
            start=start,
        )
        for pk, transcript_id, start in TranscriptPassage.objects.filter(
            transcript_id__in=ids
        ).values_list("pk", "transcript_id", "start_seconds")
    ]
    indexed: dict[int | None, tuple[int, str, str]] = {
        passage_id: (pk, fingerprint, title)
        for pk, passage_id, fingerprint, title in Document.objects.filter(
            kind=DocumentKind.PASSAGE, passage__transcript_id__in=ids
        ).values_list("pk", "passage_id", "fingerprint", "title")
    }
    changed = [s for s in wanted if indexed.get(s.passage_id, (0, "", ""))[1] != s.fingerprint()]
    relinked = [
        s for s in changed if s.passage_id in indexed and indexed[s.passage_id][2] == s.title
    ]
    ids_by_key: dict[tuple[str, int | None], int] = {
        (DocumentKind.PASSAGE.value, pid): row[0] for pid, row in indexed.items()
    }
    documents_relink(specs=relinked, ids=ids_by_key)
    kept = {s.passage_id for s in relinked}
    written = [s for s in changed if s.passage_id not in kept]
    texts: dict[int | None, str] = dict(
        TranscriptPassage.objects.filter(pk__in=[s.passage_id for s in written]).values_list(
            "pk", "text"
        )
    )
    documents_write(
        specs=[dataclasses.replace(s, body=texts[s.passage_id]) for s in written],
        replace=ids_by_key,
    )
    return len(changed)
