"""A lesson's captions and readable transcript, from the transcript of the recording it plays.

A lesson that plays its recording itself (all of it, or a range) has captions on the
recording's clock, cut to its range: the player keeps the recording's time. A lesson that
plays a clip cut from the recording (a TranscriptSpan) has them on the clip's own clock."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.http import Http404

from bitewise.accounts.models import User
from bitewise.catalog.models import Lesson
from bitewise.common.media import access_media_file
from bitewise.engines.text.clock import clock
from bitewise.engines.transcripts import Cue
from bitewise.engines.transcripts.captions import Paragraph, cues_in_range, paragraphs
from bitewise.membership.entitlements import lessons_open_to
from bitewise.search.models import Transcript, TranscriptSpan


@dataclass(frozen=True)
class ReadingParagraph:
    at: str  # where it starts on the player, "1:23"
    speaker: str
    text: str


@dataclass(frozen=True)
class PlayerCaptions:
    """What the lesson page shows under its player; ``cues`` on the player's clock."""

    lesson_id: int
    cues: tuple[Cue, ...]

    @property
    def language(self) -> str:
        return settings.LANGUAGE_CODE.split("-")[0]

    @property
    def paragraphs(self) -> tuple[ReadingParagraph, ...]:
        return tuple(_reading(p) for p in paragraphs(self.cues))


def _reading(paragraph: Paragraph) -> ReadingParagraph:
    return ReadingParagraph(clock(int(paragraph.start)), paragraph.speaker, paragraph.text)


def lesson_captions(lesson: Lesson) -> tuple[Cue, ...]:
    """The lesson's captions, on its player's clock; empty when its recording has no
    transcript (or the lesson has no audio or video)."""
    if not lesson.media_source:
        return ()
    plays = (
        Q(recording_file=lesson.media_file.name)
        if lesson.media_file
        else Q(recording_file="", recording_url=lesson.media_url)
    )
    transcript = Transcript.objects.filter(plays, webinar__isnull=True).order_by("-pk").first()
    start, offset = float(lesson.start_seconds or 0), 0.0
    end = None if lesson.end_seconds is None else float(lesson.end_seconds)
    if transcript is None:
        span = TranscriptSpan.objects.filter(lesson=lesson).order_by("-pk").first()
        if span is None:
            return ()
        transcript = Transcript(pk=span.transcript_id)
        start, end, offset = span.start_seconds, span.end_seconds, span.media_offset
    rows = transcript.cues.filter(end_seconds__gt=start)
    if end is not None:
        rows = rows.filter(start_seconds__lt=end)
    cues = [
        Cue(start=a, end=b, text=text, speaker=speaker)
        for a, b, text, speaker in rows.order_by("position").values_list(
            "start_seconds", "end_seconds", "text", "speaker"
        )
    ]
    return cues_in_range(cues, start=start, end=end, offset=offset)


def player_captions(lesson: Lesson) -> PlayerCaptions | None:
    """For the lesson page: None when the lesson has media and no captions to give it."""
    cues = lesson_captions(lesson)
    return PlayerCaptions(lesson_id=lesson.pk, cues=cues) if cues else None


def access_lesson_captions(*, lesson_id: int, user: User | None) -> tuple[Cue, ...]:
    """The captions of a lesson ``user`` may open (its access rule lets them in) and whose media
    they may fetch (common.media decides for a stored file). A recording several lessons share
    opens its captions lesson by lesson. Raises Http404 for missing, closed, or no captions."""
    lesson = lessons_open_to(user).filter(pk=lesson_id).first()
    if lesson is None:  # missing, not visible, or closed to them (members only, priced)
        raise Http404("No such lesson")
    if lesson.media_file:
        access_media_file(name=str(lesson.media_file.name), user=user)
    elif not lesson.media_url:
        raise Http404("No such lesson")
    cues = lesson_captions(lesson)
    if not cues:
        raise Http404("This lesson has no captions")
    return cues
