"""Transcripts of recordings for search: staff upload one for a lesson's media or a webinar's
recording, and a published repurposing job hands over the transcript of its recording."""

from __future__ import annotations

from pathlib import PurePath

from django.db import transaction

from bitewise.accounts.models import User
from bitewise.catalog.cache import catalog_changed
from bitewise.catalog.models import Lesson
from bitewise.engines.transcripts import (
    Cue,
    TranscriptError,
    group_passages,
    read_transcript_bytes,
)
from bitewise.search.data import RecordingTranscript
from bitewise.search.limits import transcript_limits
from bitewise.search.models import Transcript, TranscriptPassage, TranscriptSpan
from bitewise.search.recordings import lesson_breaks, recording_of
from bitewise.search.services.captions import cue_texts_follow, cues_write
from bitewise.search.services.documents import index_changed
from bitewise.search.services.passages import passages_index
from bitewise.webinars.models import Webinar

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
    parsed = read_transcript_bytes(data, format=FORMATS[suffix], limits=transcript_limits())
    if not parsed.is_timed:
        raise TranscriptError("The text has no timestamps, so search could not jump to a moment.")
    transcript = Transcript(
        lesson=lesson,
        webinar=webinar,
        filename=PurePath(filename).name[:200],
        format=parsed.format,
        cue_count=len(parsed.cues),
        uploaded_by=uploaded_by,
    )
    if lesson is not None:
        transcript.recording_file = (lesson.media_file.name or "")[:255]
        transcript.recording_url = "" if transcript.recording_file else lesson.media_url
        transcript.title = lesson.title[:300]
        # one transcript per recording: the same recording played by several lessons
        same = Transcript.objects.filter(
            recording_file=transcript.recording_file, recording_url=transcript.recording_url
        )
        (same | Transcript.objects.filter(lesson=lesson)).delete()
    else:
        Transcript.objects.filter(webinar=webinar).delete()
    transcript.save()
    cues_write(transcript, parsed.cues)
    _passages_write(transcript, parsed.cues)
    passages_index([transcript.pk])
    index_changed()
    if lesson is not None:
        catalog_changed()  # the lesson pages that play this recording show its captions
    return transcript


@transaction.atomic
def transcript_index_recording(*, recording: RecordingTranscript) -> Transcript:
    """The transcript of a recording that lessons were cut from, indexed against those lessons
    (each passage in the lesson whose range holds it). Written once per source: running it
    again, or after more lessons are cut, only updates the lessons' spans and the text of
    cues corrected at the source, so no passage is ever indexed twice."""
    transcript, created = Transcript.objects.get_or_create(  # unique per source_key
        source_key=recording.source_key,
        defaults={
            "recording_file": recording.recording_file[:255],
            "recording_url": recording.recording_url,
            "title": recording.title[:300],
            "filename": recording.filename[:200],
            "format": recording.format[:8],
            "cue_count": len(recording.cues),
        },
    )
    for lesson in recording.lessons:
        TranscriptSpan.objects.update_or_create(
            transcript=transcript,
            lesson_id=lesson.lesson_id,
            defaults={
                "start_seconds": lesson.start,
                "end_seconds": max(lesson.end, lesson.start + 0.001),
                "media_offset": lesson.media_offset,
            },
        )
    if created:
        cues_write(transcript, recording.cues)
        _passages_write(transcript, recording.cues)
    elif not transcript.cues.exists():  # indexed before cues were kept
        cues_write(transcript, recording.cues)
    else:  # handed over again: corrections made at the source since follow
        cue_texts_follow(transcript, recording.cues)
    passages_index([transcript.pk])
    index_changed()
    catalog_changed()  # the lessons' captions
    return transcript


@transaction.atomic
def transcript_forget_recording(*, source_key: str) -> int:
    """The recording a transcript was made from is gone (its lessons play their own clips):
    passages in no lesson's range had only it to play, so they go; the rest stay in their
    lessons. Returns how many passages went."""
    transcript = Transcript.objects.select_for_update().filter(source_key=source_key).first()
    if transcript is None:
        return 0
    recording = recording_of(transcript)
    orphans = [
        pk
        for pk, start in transcript.passages.values_list("pk", "start_seconds")
        if recording.place(start).lesson_id is None
    ]
    TranscriptPassage.objects.filter(pk__in=orphans).delete()  # and their documents
    Transcript.objects.filter(pk=transcript.pk).update(recording_file="", recording_url="")
    index_changed()
    catalog_changed()  # the lessons' captions
    return len(orphans)


def _passages_write(transcript: Transcript, cues: tuple[Cue, ...]) -> None:
    """Passages that never span the start or end of a lesson cut from the recording."""
    breaks = lesson_breaks(recording_of(transcript))
    TranscriptPassage.objects.bulk_create(
        TranscriptPassage(
            transcript=transcript,
            position=i,
            start_seconds=p.start,
            end_seconds=p.end,
            text=p.text,
            speakers=", ".join(p.speakers)[:300],
        )
        for i, p in enumerate(group_passages(cues, breaks=breaks))
    )
