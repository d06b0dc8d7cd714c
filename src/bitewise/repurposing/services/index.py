"""A published job's recording made searchable by the minute: its timed transcript handed to
search, with the lessons cut from it, so a phrase spoken in the recording opens the right
lesson at the right second."""

from __future__ import annotations

from pathlib import PurePath

from bitewise.repurposing.models import RepurposeJob
from bitewise.repurposing.services.store import job_transcript
from bitewise.search.data import LessonCut, RecordingTranscript
from bitewise.search.services.transcripts import transcript_index_recording


def repurpose_job_index(*, job_id: int) -> int:
    """Index the job's transcript (once: search keys it by the job); returns how many lessons
    it was placed against. A job without a recording, or whose times are estimates, or not
    published (any more), is left out: there is no moment to open."""
    job = RepurposeJob.objects.filter(pk=job_id, status=RepurposeJob.Status.PUBLISHED).first()
    if job is None or not job.media_file or not job.cues or not job.cues_are_timed:
        return 0
    segments = list(job.segments.filter(lesson__isnull=False).select_related("lesson"))
    # A lesson playing a clip holds the clip's range; one playing a range of the recording
    # itself is found by its media.
    cuts = tuple(
        LessonCut(
            lesson_id=segment.lesson.pk,
            start=segment.start,
            end=segment.end,
            media_offset=segment.start,  # the clip was cut from here
        )
        for segment in segments
        if segment.lesson is not None
        and segment.clip
        and segment.lesson.media_file.name == segment.clip.name
    )
    suffix = PurePath(job.transcript_name).suffix.lstrip(".").lower()
    transcript_index_recording(
        recording=RecordingTranscript(
            source_key=f"repurpose-job:{job.pk}",
            title=job.title,
            recording_file=job.media_file.name or "",
            recording_url="",
            filename=job.transcript_name or job.media_name or "speech",
            format=suffix or "speech",
            cues=job_transcript(job).cues,
            lessons=cuts,
        )
    )
    return len(segments)
