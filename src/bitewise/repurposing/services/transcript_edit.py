"""Staff correct the words of a job's transcript on the review screen.

The job's cues are what its lessons are drafted from and what publishing hands to search;
once the job is published, search's copy (which the lessons' captions, transcripts and
search results read) is corrected in the same transaction, so the captions follow."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from bitewise.accounts.models import User
from bitewise.engines.transcripts import TranscriptError
from bitewise.repurposing.models import RepurposeJob
from bitewise.repurposing.permissions import job_permission_check
from bitewise.repurposing.pipeline.errors import RepurposeError
from bitewise.repurposing.services.locks import job_locked
from bitewise.search.models import Transcript
from bitewise.search.services.captions import cue_text_check, transcript_cues_correct

CORRECTABLE = (RepurposeJob.Status.READY, RepurposeJob.Status.PUBLISHED)


def source_key(job: RepurposeJob) -> str:
    """How search knows the job's transcript (services/index.py hands it over so)."""
    return f"repurpose-job:{job.pk}"


@transaction.atomic
def job_transcript_correct(
    *, job: RepurposeJob, by: User, first: int, stop: int, texts: Sequence[str]
) -> int:
    """Replace the words of cues ``first`` to ``stop`` (one text for each, in order); their
    times and speakers stay. Returns how many cues changed; on any error nothing changes."""
    job_permission_check(job=job, by=by)
    job = job_locked(job)
    if job.status not in CORRECTABLE:
        raise RepurposeError(
            f"The job is {job.get_status_display().lower()}: its transcript can be corrected "
            "once it is ready for review."
        )
    if not 0 <= first < stop <= len(job.cues):
        raise RepurposeError("That part of the transcript is no longer there; reload the page.")
    if len(texts) != stop - first:
        raise RepurposeError(
            f"Keep one line for each caption: this part has {stop - first} captions and the "
            f"text has {len(texts)} lines."
        )
    try:
        cleaned = [cue_text_check(text, line=n) for n, text in enumerate(texts, start=1)]
    except TranscriptError as exc:
        raise RepurposeError(str(exc)) from exc
    cues = list(job.cues)
    changed: dict[int, str] = {}
    for index, text in enumerate(cleaned, start=first):
        start, end, old, speaker = cues[index][:4]
        if " ".join(str(old).split()) != text:  # staff's words: no longer in doubt
            cues[index] = [start, end, text, speaker]
            changed[index] = text
    if not changed:
        return 0
    job.cues = cues
    job.save(update_fields=["cues"])
    published = Transcript.objects.filter(source_key=source_key(job)).first()
    if job.status == RepurposeJob.Status.PUBLISHED and published is not None:
        try:
            transcript_cues_correct(transcript=published, texts=changed, by=by)
        except TranscriptError as exc:
            raise RepurposeError(str(exc)) from exc
    return len(changed)
