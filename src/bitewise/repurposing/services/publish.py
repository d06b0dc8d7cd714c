"""Publishing a reviewed job: every segment becomes a lesson with its questions, in a new draft
micro-credential or appended to an existing one, all in one transaction (all or nothing)."""

from __future__ import annotations

import math
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.catalog.models import (
    Lesson,
    LessonKind,
    MediaKind,
    MicroCredential,
    Question,
    QuestionKind,
    Status,
)
from bitewise.catalog.models.lessons import MAX_LESSON_MINUTES, MIN_LESSON_MINUTES
from bitewise.catalog.services import (
    lesson_save,
    micro_credential_save,
    micro_credential_set_lessons,
    question_save,
)
from bitewise.engines.drafting import Related, distractors_for
from bitewise.engines.drafting.phrases import fold
from bitewise.engines.segmentation.snap import ends_sentence
from bitewise.repurposing.models import DraftSegment, RepurposeJob
from bitewise.repurposing.permissions import job_permission_check
from bitewise.repurposing.pipeline.errors import RepurposeError
from bitewise.repurposing.pipeline.lessons import related_words
from bitewise.repurposing.services.locks import job_locked
from bitewise.repurposing.services.segments import segment_text

MAX_CHOICES = 4
BLANK = "_____"  # where a drafted or staff-written blank stands in a prompt
PARAGRAPH_WORDS = 80  # a longer turn (all of a transcript without speakers) breaks at a sentence


@transaction.atomic
def repurpose_job_publish(
    *, job: RepurposeJob, by: User, micro_credential: MicroCredential | None = None, title: str = ""
) -> MicroCredential:
    """Lessons for every segment, added to ``micro_credential`` or to a new draft one titled
    ``title`` (the job's title when blank). Returns the micro-credential. After commit, the
    recording's timed transcript is indexed for search against these lessons."""
    job_permission_check(job=job, by=by)
    job = job_locked(job)
    if job.status != RepurposeJob.Status.READY:
        raise RepurposeError(
            f"The job is {job.get_status_display().lower()}: "
            "only a job ready for review can be published."
        )
    segments = list(job.segments.order_by("position"))
    if not segments:
        raise RepurposeError("There are no segments left to publish.")
    cutting = [s.position + 1 for s in segments if s.clip_pending]
    if cutting:
        raise RepurposeError(
            f"The clip of lesson {', '.join(map(str, cutting))} is still being cut after your "
            "change: publish once the page shows it ready."
        )
    too_long = [s.position + 1 for s in segments if s.minutes > MAX_LESSON_MINUTES + 0.5]
    if too_long:
        raise RepurposeError(
            f"Lesson {', '.join(map(str, too_long))} lasts more than {MAX_LESSON_MINUTES} "
            "minutes, the most a lesson can: split it or move a boundary first."
        )
    if micro_credential is not None:
        # one publish at a time into a micro-credential: each appends after the other's lessons
        micro_credential = MicroCredential.objects.select_for_update().get(pk=micro_credential.pk)
        if micro_credential.status == Status.RETIRED:
            raise RepurposeError("That micro-credential is retired: lessons can't be added to it.")
        if micro_credential.status == Status.PUBLISHED and not by.is_staff_admin:
            raise RepurposeError(
                "Only an admin can add lessons to a published micro-credential; "
                "publish as a new draft instead."
            )
    # wrong choices for a staff-written blank: words of the lesson's own topic, never another
    # lesson's terms (a wrong choice from an unrelated topic gives the answer away)
    related = (
        related_words() if any(_needs_choices(q) for s in segments for q in s.questions) else None
    )
    try:
        lessons = [
            _lesson(job, segment, related, _others(segment, segments)) for segment in segments
        ]
        if micro_credential is None:
            micro_credential = micro_credential_save(
                micro_credential=MicroCredential(
                    title=(title.strip() or job.title)[:200],
                    summary=_credential_summary(job, segments),
                    status=Status.DRAFT,
                )
            )
            existing: list[int] = []
        else:
            existing = list(
                micro_credential.memberships.order_by("position", "id").values_list(
                    "lesson_id", flat=True
                )
            )
        micro_credential_set_lessons(
            micro_credential=micro_credential, lesson_ids=[*existing, *(x.pk for x in lessons)]
        )
    except ValidationError as exc:
        raise RepurposeError(f"Could not publish: {'; '.join(exc.messages)}") from exc
    for segment, lesson in zip(segments, lessons, strict=True):
        segment.lesson = lesson
    DraftSegment.objects.bulk_update(segments, ["lesson"])
    job.status, job.micro_credential, job.published_at = (
        RepurposeJob.Status.PUBLISHED,
        micro_credential,
        timezone.now(),
    )
    job.save(update_fields=["status", "micro_credential", "published_at"])
    job_id = job.pk
    transaction.on_commit(lambda: _enqueue_index(job_id))
    return micro_credential


def _enqueue_index(job_id: int) -> None:
    from bitewise.repurposing.tasks import repurpose_job_index_task  # tasks import services

    repurpose_job_index_task.enqueue(job_id)


def _others(segment: DraftSegment, segments: list[DraftSegment]) -> frozenset[str]:
    """The key terms of the job's other lessons, folded: never a wrong choice here."""
    return frozenset(fold(str(t)) for s in segments if s is not segment for t in s.key_terms)


def _lesson(
    job: RepurposeJob, segment: DraftSegment, related: Related | None, others: frozenset[str]
) -> Lesson:
    text = segment_text(job, segment.first_cue, segment.stop_cue)
    minutes = min(MAX_LESSON_MINUTES, max(MIN_LESSON_MINUTES, round(segment.minutes)))
    lesson = Lesson(
        title=segment.title[:200] or f"Part {segment.position + 1}",
        summary=_shorten(segment.summary, 300),
        minutes=minutes,
        body_markdown=_body(job, segment),
    )
    if job.media_file:
        lesson.kind = LessonKind.MEDIA
        lesson.media_kind = MediaKind.VIDEO if job.has_video else MediaKind.AUDIO
        if segment.clip:
            lesson.media_file.name = segment.clip.name
        else:  # the whole recording, played from start to end
            lesson.media_file.name = job.media_file.name
            lesson.start_seconds = math.floor(segment.start)
            lesson.end_seconds = max(math.ceil(segment.end), lesson.start_seconds + 1)
    lesson_save(lesson=lesson)
    for position, raw in enumerate(segment.questions):
        choices = _choices(raw, text, [str(t) for t in segment.key_terms], related, others)
        if choices:
            question_save(
                question=Question(
                    lesson=lesson,
                    kind=QuestionKind.SINGLE,
                    prompt=str(raw["prompt"]),
                    position=position,
                ),
                choices=choices,
            )
    return lesson


def _needs_choices(raw: dict[str, Any]) -> bool:
    return len(raw.get("choices", [])) < 2


def _choices(
    raw: dict[str, Any],
    text: str,
    terms: list[str],
    related: Related | None,
    others: frozenset[str] = frozenset(),
) -> list[dict[str, Any]]:
    """Choices for a single-choice question: the drafted ones, or (for a blank) the answer and
    wrong choices from the lesson's own topic: words near the answer that the lesson never
    says, else the lesson's other key terms that the question's sentence does not say. Empty
    when there are not two to offer: the question is then left out."""
    answer = str(raw["answer"])
    offered = [str(c) for c in raw.get("choices", [])]
    if _needs_choices(raw):
        sentence = str(raw["prompt"]).replace(BLANK, answer)
        wrong = distractors_for(
            answer,
            text,
            related,
            MAX_CHOICES - 1,
            own_terms=terms,
            sentence=sentence,
            avoid=others,
        )
        if len(wrong) < 2:
            return []
        offered = sorted([answer, *wrong], key=str.lower)
    return [{"text": c, "is_correct": c == answer} for c in offered]


def _body(job: RepurposeJob, segment: DraftSegment) -> str:
    """The summary, then the segment's transcript, a paragraph per speaker turn (a long one,
    as all of a transcript naming no speaker, in paragraphs of a few sentences), as
    Markdown-safe text; except for a recording with a timed transcript, whose lessons show the
    transcript under the player, from their captions, so staff corrections reach it."""
    if job.media_file and job.cues_are_timed:
        return _escape(segment.summary).strip() + "\n" if segment.summary.strip() else ""
    turns: list[tuple[str, list[str]]] = []
    for cue in job.cues[segment.first_cue : segment.stop_cue]:
        text, speaker = str(cue[2]), str(cue[3] or "")
        if turns and turns[-1][0] == speaker:
            turns[-1][1].append(text)
        else:
            turns.append((speaker, [text]))
    summary = _escape(segment.summary)  # drafted or model-written: plain text, not Markdown
    lines = [summary, "", "## Transcript", ""] if summary else ["## Transcript", ""]
    for speaker, texts in turns:
        for number, paragraph in enumerate(_paragraphs(" ".join(texts))):
            said = _escape(paragraph)
            lines += [f"**{_escape(speaker)}:** {said}" if speaker and not number else said, ""]
    return "\n".join(lines).strip() + "\n"


def _paragraphs(text: str) -> list[str]:
    """The words of a turn, a new paragraph at the first sentence end after
    ``PARAGRAPH_WORDS`` words (captions end mid-sentence and sentences mid-caption)."""
    paragraphs: list[list[str]] = [[]]
    for word in text.split():
        paragraphs[-1].append(word)
        if len(paragraphs[-1]) >= PARAGRAPH_WORDS and ends_sentence(word):
            paragraphs.append([])
    return [" ".join(words) for words in paragraphs if words]


def _escape(text: str) -> str:
    """Spoken words are plain text: keep Markdown from reading them as markup."""
    return "".join(f"\\{ch}" if ch in "\\`*_{}[]<>#|" else ch for ch in text)


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut + "…"


def _credential_summary(job: RepurposeJob, segments: list[DraftSegment]) -> str:
    source = f"“{job.title}”" + (f" ({job.feed_title})" if job.feed_title else "")
    return f"{len(segments)} short lessons from the recording {source}."
