"""Demo reinforcement: a conference with a before/after campaign the learner joined,
two followed skills, review cards from the learner's quiz answers, a transcript for the
shared recording, and a search index ready to use."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.catalog.models import Lesson, Question, Skill
from bitewise.demo.recording import recording_cues
from bitewise.learning.models import QuestionAnswer
from bitewise.reinforcement.models import Event, RegistrationSource, StepKind
from bitewise.reinforcement.services.digests import topic_follow
from bitewise.reinforcement.services.events import (
    campaign_create,
    event_create,
    registration_add,
    step_add,
)
from bitewise.reviews.models import ReviewCard
from bitewise.reviews.services.cards import cards_sync
from bitewise.search.models import Transcript
from bitewise.search.services.indexing import search_index_refresh
from bitewise.search.services.transcripts import transcript_upload

CONFERENCE = "Clinical Practice Conference 2026"
ANSWERED_DAYS_AGO = 21


def load_reinforcement(
    *, staff: User, learner: User, skills: dict[str, Skill], lessons: dict[str, Lesson]
) -> None:
    """Create what is missing; safe to run again."""
    if not Event.objects.filter(title=CONFERENCE).exists():
        _conference(learner, lessons)
    for slug in ("clinical-handoff-communication", "recognizing-clinical-deterioration"):
        if slug in skills:
            topic_follow(learner=learner, skill=skills[slug])
    if not ReviewCard.objects.filter(learner=learner).exists():
        # The learner answered these quizzes weeks ago: their first reviews are due today.
        QuestionAnswer.objects.filter(learner=learner).update(
            answered_at=timezone.now() - timedelta(days=ANSWERED_DAYS_AGO)
        )
    cards_sync(learner=learner)
    media = next((lesson for lesson in lessons.values() if lesson.media_source), None)
    if media is not None and not Transcript.objects.filter(lesson=media).exists():
        transcript_upload(
            filename="association-webinar.vtt",
            data=_transcript().encode(),
            uploaded_by=staff,
            lesson=media,
        )
    search_index_refresh()


def _conference(learner: User, lessons: dict[str, Lesson]) -> None:
    starts = timezone.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=10)
    event = event_create(
        title=CONFERENCE,
        starts_at=starts,
        time_zone="America/Chicago",
        kind="conference",
        description="Two days of sessions on safe handoffs and early warning signs.",
    )
    campaign = campaign_create(event=event, title="Before and after the conference")
    handoff = lessons.get("writing-a-tight-sbar") or next(iter(lessons.values()))
    question = Question.objects.filter(lesson__slug="check-handoffs-and-sbar").first()
    step_add(
        campaign=campaign,
        offset_days=-7,
        kind=StepKind.LESSON,
        subject="Warm up: SBAR in practice",
        lesson=handoff,
    )
    step_add(
        campaign=campaign,
        offset_days=-1,
        kind=StepKind.MESSAGE,
        subject="See you tomorrow",
        message="Bring one handoff that went wrong: the SBAR workshop starts at 10:00.",
    )
    if question is not None:
        step_add(
            campaign=campaign,
            offset_days=1,
            kind=StepKind.QUESTION,
            subject="One question on yesterday's workshop",
            question=question,
        )
    step_add(
        campaign=campaign,
        offset_days=7,
        kind=StepKind.LESSON,
        subject="A week later: SBAR again, in three minutes",
        lesson=handoff,
    )
    registration_add(event=event, learner=learner, source=RegistrationSource.SELF)


def _transcript() -> str:
    """WebVTT for the demo's recording: the presenter's lines, each at its half-minute mark,
    exactly as the synthesized recording says them."""
    cues = ["WEBVTT", ""]
    for start, end, line in recording_cues():
        cues += [f"{_clock(start)} --> {_clock(end)}", f"Presenter: {line}", ""]
    return "\n".join(cues)


def _clock(seconds: int) -> str:
    return f"00:{seconds // 60:02d}:{seconds % 60:02d}.000"
