"""Staff upload a transcript for a lesson's media or a webinar's recording."""

from __future__ import annotations

from pathlib import PurePath

from django.db import transaction

from bitewise.accounts.models import User
from bitewise.catalog.models import Lesson
from bitewise.engines.transcripts import (
    TranscriptError,
    decode,
    group_passages,
    parse_transcript,
)
from bitewise.search.models import Transcript, TranscriptPassage
from bitewise.search.services.documents import documents_write, index_changed
from bitewise.search.services.passages import passage_specs
from bitewise.webinars.models import Webinar

MAX_TRANSCRIPT_BYTES = 2_000_000  # a three-hour recording's WebVTT is about 300 kB
FORMATS = {".vtt": "vtt", ".srt": "srt", ".txt": ""}


@transaction.atomic
def transcript_upload(
    *,
    filename: str,
    data: bytes,
    uploaded_by: User,
    lesson: Lesson | None = None,
    webinar: Webinar | None = None,
) -> Transcript:
    """Parse, split into passages and index a transcript, replacing the recording's previous
    one. Raises TranscriptError, with a message for staff, and then writes nothing."""
    if (lesson is None) == (webinar is None):
        raise TranscriptError("Choose either a lesson or a webinar.")
    if lesson is not None and not lesson.media_source:
        raise TranscriptError("That lesson has no audio or video to attach a transcript to.")
    if webinar is not None and not webinar.recording_source:
        raise TranscriptError("That webinar has no recording yet.")
    suffix = PurePath(filename).suffix.lower()
    if suffix not in FORMATS:
        raise TranscriptError("Upload a WebVTT (.vtt), SubRip (.srt) or timestamped .txt file.")
    if len(data) > MAX_TRANSCRIPT_BYTES:
        raise TranscriptError(
            f"The file is {len(data) // 1000:,} kB; transcripts are limited to "
            f"{MAX_TRANSCRIPT_BYTES // 1000:,} kB."
        )
    parsed = parse_transcript(decode(data), format=FORMATS[suffix])
    if not parsed.is_timed:
        raise TranscriptError("The text has no timestamps, so search could not jump to a moment.")
    passages = group_passages(parsed.cues)
    Transcript.objects.filter(lesson=lesson, webinar=webinar).delete()
    transcript = Transcript.objects.create(
        lesson=lesson,
        webinar=webinar,
        filename=PurePath(filename).name[:200],
        format=parsed.format,
        cue_count=len(parsed.cues),
        uploaded_by=uploaded_by,
    )
    TranscriptPassage.objects.bulk_create(
        TranscriptPassage(
            transcript=transcript,
            position=i,
            start_seconds=p.start,
            end_seconds=p.end,
            text=p.text,
            speakers=", ".join(p.speakers)[:300],
        )
        for i, p in enumerate(passages)
    )
    documents_write(specs=passage_specs(transcript), replace={})
    index_changed()
    return transcript
