"""Transcript passages as search documents."""

from __future__ import annotations

from bitewise.catalog.models import Status
from bitewise.search.models import DocumentKind, Transcript
from bitewise.search.services.documents import DocumentSpec


def passage_specs(transcript: Transcript) -> list[DocumentSpec]:
    if transcript.lesson is not None:
        lesson = transcript.lesson
        title = lesson.title
        memberships = lesson.memberships.select_related("micro_credential")
        is_public = any(m.micro_credential.status == Status.PUBLISHED for m in memberships)
        webinar_id = None
    else:
        assert transcript.webinar is not None
        title = transcript.webinar.title
        is_public = transcript.webinar.status != "draft"
        webinar_id = str(transcript.webinar.pk)
    return [
        DocumentSpec(
            kind=DocumentKind.PASSAGE,
            title=title,
            body=passage.text,
            lesson_id=transcript.lesson_id,
            passage_id=passage.pk,
            webinar_id=webinar_id,
            start_seconds=passage.start_seconds,
            is_public=is_public,
        )
        for passage in transcript.passages.all()
    ]
