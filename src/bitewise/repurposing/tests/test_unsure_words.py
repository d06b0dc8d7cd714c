"""The words the speech model was unsure of: kept with the job's cues, marked on the review
screen for staff to check, and never the ground of a draft, on the first draft or a redraft."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from bitewise.accounts.models import User
from bitewise.engines import transcription
from bitewise.engines.transcripts.captions import timestamp
from bitewise.repurposing.models import RepurposeJob
from bitewise.repurposing.pipeline import recordings
from bitewise.repurposing.services.intake import repurpose_job_create
from bitewise.repurposing.services.run import repurpose_job_run
from bitewise.repurposing.services.segments import segments_redraft
from bitewise.repurposing.services.transcript_edit import job_transcript_correct
from bitewise.repurposing.tests.media_support import speech

pytestmark = pytest.mark.django_db

# four passages on unrelated subjects, written for the project's tests (see its README)
FOUR_TOPICS = Path(__file__).resolve().parents[2] / "engines/tests/data/four_topics.json"


def _doubting(word: str) -> Callable[..., Any]:
    """The real speech model, made unsure of ``word`` wherever it hears it."""
    real = transcription.transcribe

    def transcribe(audio: Any, **kwargs: Any) -> Any:
        heard = real(audio, **kwargs)
        cues = tuple(
            transcription.HeardCue(c.start, c.end, c.text, c.speaker, unsure=(word,))
            if word.lower() in c.text.lower()
            else c
            for c in heard.cues
        )
        return dataclasses.replace(heard, cues=cues)

    return transcribe


def test_unsure_words_are_kept_with_the_cues_and_marked_on_the_review_screen(
    author: User,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> None:
    recording = speech(tmp_path / "talk.wav")
    monkeypatch.setattr(recordings.transcription, "transcribe", _doubting("board"))
    with django_capture_on_commit_callbacks(execute=False):
        job = repurpose_job_create(
            by=author,
            title="Unsure",
            recording=SimpleUploadedFile("talk.wav", recording.read_bytes()),
            min_minutes=0.1,
            max_minutes=0.4,
        )
    repurpose_job_run(job_id=job.pk)
    job.refresh_from_db()

    assert job.status == RepurposeJob.Status.READY, job.error
    doubted = [cue for cue in job.cues if "board" in str(cue[2]).lower()]
    assert doubted and all(cue[4] == ["board"] for cue in doubted)
    assert all(len(cue) == 4 or cue[4] for cue in job.cues)  # a list only where unsure
    client = Client()
    client.force_login(author)
    page = client.get(reverse("repurposing_staff:detail", args=[job.pk])).content.decode()
    assert '<mark class="unsure"' in page and "the speech model was unsure" in page


def _four_topics_vtt() -> str:
    """The four passages as a transcript, a sentence a cue at 150 words a minute."""
    topics = json.loads(FOUR_TOPICS.read_text())["topics"]
    blocks, clock = ["WEBVTT"], 0.0
    for topic in topics:
        for sentence in topic["text"].replace("\n", " ").split(". "):
            seconds = len(sentence.split()) * 0.4
            blocks.append(f"{timestamp(clock)} --> {timestamp(clock + seconds)}\n{sentence}.")
            clock += seconds + 0.3
        clock += 1.5
    return "\n\n".join(blocks) + "\n"


@pytest.fixture
def topics_job(author: User, django_capture_on_commit_callbacks: Callable) -> RepurposeJob:  # type: ignore[type-arg]
    upload = SimpleUploadedFile("four.vtt", _four_topics_vtt().encode(), "text/vtt")
    with django_capture_on_commit_callbacks(execute=False):
        job = repurpose_job_create(by=author, title="Four topics", transcript=upload)
    repurpose_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == RepurposeJob.Status.READY, job.error
    return job


def test_a_redraft_builds_on_no_unsure_word_and_keeps_same_topic_choices(
    topics_job: RepurposeJob,
) -> None:
    segments = list(topics_job.segments.order_by("position"))
    assert len(segments) == 4
    # a lesson whose first draft offers multiple choice; the model doubted another of its terms
    segment = next(s for s in segments if any(len(q["choices"]) >= 3 for q in s.questions))
    offered = {str(q["answer"]).lower() for q in segment.questions if len(q["choices"]) >= 3}
    doubted = next(
        str(t).lower()
        for t in segment.key_terms
        if " " not in str(t) and str(t).lower() not in offered
    )
    cues = [
        [*cue[:4], [doubted]] if doubted in str(cue[2]).lower() else cue for cue in topics_job.cues
    ]
    topics_job.cues = cues
    topics_job.save(update_fields=["cues"])

    segments_redraft(job=topics_job, changed=[segment.position])

    segment.refresh_from_db()
    assert segment.key_terms and all(doubted not in str(t).lower() for t in segment.key_terms)
    assert doubted not in segment.title.lower()
    assert all(doubted not in str(q["answer"]).lower() for q in segment.questions)
    # wrong choices from the words near the answer, as on the first draft: multiple choice
    chosen = [q for q in segment.questions if len(q["choices"]) >= 3]
    assert chosen, segment.questions
    text = " ".join(str(c[2]) for c in topics_job.cues[segment.first_cue : segment.stop_cue])
    for question in chosen:
        wrong = [c for c in question["choices"] if c != question["answer"]]
        assert all(c.lower() not in text.lower().split() for c in wrong)


def test_staff_correcting_a_cue_clears_its_unsure_words_and_leaves_the_others(
    topics_job: RepurposeJob, author: User
) -> None:
    topics_job.cues = [
        [*cue[:4], ["magma"]] if i < 2 else cue for i, cue in enumerate(topics_job.cues)
    ]
    topics_job.save(update_fields=["cues"])
    texts = [str(cue[2]) for cue in topics_job.cues[:2]]

    job_transcript_correct(
        job=topics_job, by=author, first=0, stop=2, texts=[texts[0] + " Indeed.", texts[1]]
    )

    topics_job.refresh_from_db()
    assert len(topics_job.cues[0]) == 4 and topics_job.cues[0][2].endswith("Indeed.")
    assert topics_job.cues[1][4] == ["magma"]  # not corrected: still in doubt
