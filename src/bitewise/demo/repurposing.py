"""Demo "recordings into lessons": a conference session's transcript, already turned into
proposed lessons waiting for staff review at /staff/repurpose/<id>/."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from bitewise.accounts.models import User
from bitewise.demo.content.talk import TALK, TALK_FILENAME, TALK_TITLE
from bitewise.repurposing.models import RepurposeJob
from bitewise.repurposing.services.intake import repurpose_job_create
from bitewise.repurposing.services.run import repurpose_job_run

SECONDS_PER_WORD = 0.4  # about 150 spoken words a minute
GAP_SECONDS = 0.3  # between one sentence and the next
HANDOVER_SECONDS = 2.5  # when the next speaker unmutes


def load_repurposing(*, staff: User) -> int:
    """Create and run the job if no job has the talk's title; returns its proposed lessons."""
    job = RepurposeJob.objects.filter(title=TALK_TITLE).first()
    if job is None:
        upload = SimpleUploadedFile(TALK_FILENAME, talk_vtt().encode(), "text/vtt")
        job = repurpose_job_create(by=staff, title=TALK_TITLE, transcript=upload)
        # Run inline so the demo opens on a ready job. The task queued on commit finds the job
        # no longer queued and does nothing.
        job = repurpose_job_run(job_id=job.pk)
    return job.segments.count()


def talk_vtt() -> str:
    """The talk as Zoom writes a meeting's transcript: numbered cues, one sentence each,
    ``Name: text``, timed at a steady speaking rate with a pause at each change of speaker."""
    blocks, clock, number, previous = ["WEBVTT"], 1.0, 0, TALK[0].speaker
    for turn in TALK:
        if turn.speaker != previous:
            clock += HANDOVER_SECONDS - GAP_SECONDS
        previous = turn.speaker
        for sentence in turn.sentences:
            number += 1
            end = clock + len(sentence.split()) * SECONDS_PER_WORD
            blocks.append(
                f"{number}\n{_clock(clock)} --> {_clock(end)}\n{turn.speaker}: {sentence}"
            )
            clock = end + GAP_SECONDS
    return "\n\n".join(blocks) + "\n"


def _clock(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    return f"{hours:02d}:{minutes:02d}:{millis / 1000:06.3f}"
