"""Publishing a reviewed job: lessons with questions in a draft micro-credential, all or none."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bitewise.accounts.models import User
from bitewise.catalog.models import Lesson, LessonKind, MicroCredential, Question, Status
from bitewise.engines.drafting.tests.fakes import Neighbours
from bitewise.engines.transcripts.captions import timestamp
from bitewise.repurposing.models import RepurposeJob
from bitewise.repurposing.pipeline.errors import RepurposeError
from bitewise.repurposing.services import review
from bitewise.repurposing.services.intake import repurpose_job_create
from bitewise.repurposing.services.publish import PARAGRAPH_WORDS, repurpose_job_publish
from bitewise.repurposing.services.run import repurpose_job_run
from bitewise.repurposing.services.segments import segment_text
from bitewise.repurposing.tests.support import TOPICS
from bitewise.testing import make_micro_credential

pytestmark = pytest.mark.django_db


def test_publishing_makes_a_draft_micro_credential_of_the_lessons(
    ready_job: RepurposeJob, author: User
) -> None:
    segments = list(ready_job.segments.order_by("position"))

    credential = repurpose_job_publish(job=ready_job, by=author, title="Association finance 101")

    assert credential.status == Status.DRAFT and credential.title == "Association finance 101"
    lessons = [m.lesson for m in credential.memberships.order_by("position")]
    assert [le.title for le in lessons] == [s.title for s in segments]
    published = 0
    for lesson, segment in zip(lessons, segments, strict=True):
        assert lesson.kind == LessonKind.TEXT  # a transcript alone: the lesson is its text
        assert lesson.summary == segment.summary[:300]
        assert "## Transcript" in lesson.body_markdown and "**Ana Ruiz:**" in (
            lessons[0].body_markdown
        )
        questions = list(lesson.questions.prefetch_related("choices"))
        drafted = {q["prompt"]: q for q in segment.questions}
        published += len(questions)
        others = {str(t).lower() for s in segments if s != segment for t in s.key_terms}
        for question in questions:  # a drafted one, its wrong choices of its own lesson's topic
            choices = list(question.choices.all())
            assert 3 <= len(choices) <= 4
            assert [c.text for c in choices if c.is_correct] == [drafted[question.prompt]["answer"]]
            assert not {c.text.lower() for c in choices if not c.is_correct} & others
    # a blank with no two honest wrong choices is left out; most have them
    assert published >= 0.75 * sum(len(s.questions) for s in segments)
    ready_job.refresh_from_db()
    assert ready_job.status == RepurposeJob.Status.PUBLISHED
    assert ready_job.micro_credential == credential


def test_lessons_can_be_added_after_an_existing_micro_credentials_lessons(
    ready_job: RepurposeJob, author: User
) -> None:
    existing = make_micro_credential(lessons=2, quiz=False, publish=False)
    before = list(existing.memberships.order_by("position").values_list("lesson_id", flat=True))

    repurpose_job_publish(job=ready_job, by=author, micro_credential=existing)

    after = list(existing.memberships.order_by("position").values_list("lesson_id", flat=True))
    assert after[:2] == before and len(after) == 5


def test_only_an_admin_adds_lessons_to_a_published_micro_credential(
    ready_job: RepurposeJob, author: User, admin: User
) -> None:
    published = make_micro_credential(lessons=1, quiz=False)
    with pytest.raises(RepurposeError, match="Only an admin"):
        repurpose_job_publish(job=ready_job, by=author, micro_credential=published)
    assert Lesson.objects.count() == 1

    repurpose_job_publish(job=ready_job, by=admin, micro_credential=published)
    assert published.memberships.count() == 4


def test_a_failure_half_way_publishes_nothing(
    ready_job: RepurposeJob, author: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bitewise.repurposing.services import publish

    real, calls = publish.question_save, []

    def fail_on_the_fifth(**kwargs: object) -> Question:
        calls.append(1)
        if len(calls) == 5:
            raise RuntimeError("database went away")
        return real(**kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(publish, "question_save", fail_on_the_fifth)
    with pytest.raises(RuntimeError):
        repurpose_job_publish(job=ready_job, by=author)

    assert not Lesson.objects.exists() and not Question.objects.exists()
    assert not MicroCredential.objects.exists()
    ready_job.refresh_from_db()
    assert ready_job.status == RepurposeJob.Status.READY  # still there to publish again


def test_a_job_is_published_once(ready_job: RepurposeJob, author: User) -> None:
    repurpose_job_publish(job=ready_job, by=author)
    with pytest.raises(RepurposeError, match="published"):
        repurpose_job_publish(job=ready_job, by=author)
    assert MicroCredential.objects.count() == 1


def test_a_blank_gets_wrong_answers_of_its_own_topic_never_other_lessons_terms(
    ready_job: RepurposeJob, author: User
) -> None:
    review.segment_edit(
        job=ready_job,
        position=2,
        title="Badges",
        summary="",
        questions=[{"prompt": "The _____ signs the badge.", "answer": "issuer", "choices": []}],
    )
    segments = list(ready_job.segments.order_by("position"))
    other_terms = {str(t).lower() for s in segments if s.position != 2 for t in s.key_terms}
    credential = repurpose_job_publish(job=ready_job, by=author)

    lesson = credential.memberships.get(position=2).lesson
    question = lesson.questions.get()
    texts = [c.text for c in question.choices.all()]
    assert "issuer" in texts and 3 <= len(texts) <= 4
    wrong = [t.lower() for t in texts if t != "issuer"]
    assert not set(wrong) & other_terms  # no other lesson's topic
    badge_text = segment_text(ready_job, segments[2].first_cue, segments[2].stop_cue).lower()
    assert all(t not in badge_text for t in wrong)


def test_a_blank_with_no_wrong_answers_to_offer_is_left_out(
    ready_job: RepurposeJob, author: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bitewise.repurposing.services import publish

    monkeypatch.setattr(publish, "related_words", lambda: None)  # no sentence model here
    review.segment_edit(
        job=ready_job,
        position=2,
        title="Badges",
        summary="",
        questions=[{"prompt": "The _____ signs the badge.", "answer": "issuer", "choices": []}],
    )
    credential = repurpose_job_publish(job=ready_job, by=author)

    assert not credential.memberships.get(position=2).lesson.questions.exists()


def test_a_wrong_answer_is_never_another_lessons_term_even_when_near(
    ready_job: RepurposeJob, author: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bitewise.repurposing.services import publish

    first = ready_job.segments.get(position=0)
    first.key_terms = [*first.key_terms, "auditor"]  # the first lesson is about auditors too
    first.save(update_fields=["key_terms"])
    # the model finds that lesson's term near the answer: it must not be offered here
    near = Neighbours(["auditor", "signer", "notary", "registrar"]).related()
    monkeypatch.setattr(publish, "related_words", lambda: near)
    review.segment_edit(
        job=ready_job,
        position=2,
        title="Badges",
        summary="",
        questions=[{"prompt": "The _____ signs the badge.", "answer": "issuer", "choices": []}],
    )
    credential = repurpose_job_publish(job=ready_job, by=author)

    question = credential.memberships.get(position=2).lesson.questions.get()
    assert sorted(c.text for c in question.choices.all()) == [
        "issuer",
        "notary",
        "registrar",
        "signer",
    ]


def test_a_transcript_without_speakers_reads_in_paragraphs_broken_at_sentence_ends(
    author: User,
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> None:
    """A podcast's captions name no speaker, and sentences end inside captions (seven words
    each): each lesson's transcript is paragraphs of a few sentences, not one wall of words."""
    words = [w for _, lines in TOPICS for i in range(60) for w in lines[i % 8].split()]
    blocks = ["WEBVTT"]
    for n, at in enumerate(range(0, len(words), 7)):
        timing = f"{timestamp(n * 3.1)} --> {timestamp(n * 3.1 + 3)}"
        blocks.append(f"{timing}\n{' '.join(words[at : at + 7])}")
    upload = SimpleUploadedFile("podcast.vtt", "\n\n".join(blocks).encode(), "text/vtt")
    with django_capture_on_commit_callbacks(execute=False):
        job = repurpose_job_create(by=author, title="", transcript=upload)
    repurpose_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == RepurposeJob.Status.READY, job.error

    credential = repurpose_job_publish(job=job, by=author, title="Podcast")

    lessons = [m.lesson for m in credential.memberships.order_by("position")]
    for lesson, segment in zip(lessons, job.segments.order_by("position"), strict=True):
        said = lesson.body_markdown.split("## Transcript\n\n", 1)[1].strip().split("\n\n")
        assert len(said) > 3 and " ".join(said) == segment_text(
            job, segment.first_cue, segment.stop_cue
        )
        assert all(len(p.split()) <= PARAGRAPH_WORDS + 20 for p in said)
        assert all(p.endswith(".") for p in said[:-1])
        assert "**" not in lesson.body_markdown  # no speaker to name
