"""Writes for learning: subscribe, learn, answer, and award exactly once (assessment
attempts are in ``attempts.py``, staff grants in ``grants.py``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.catalog.models import (
    Choice,
    Lesson,
    MicroCredential,
    MicroCredentialVersion,
    Pathway,
    Question,
    QuestionKind,
    Status,
)
from bitewise.catalog.services import micro_credential_snapshot
from bitewise.common.events import CREDENTIAL_EARNED, event_record
from bitewise.engines.progress.rules import PathwayRule, pathway_satisfied
from bitewise.learning.cache import learner_changed
from bitewise.learning.data import CredentialEarned
from bitewise.learning.models import Award, Enrollment, LessonCompletion, QuestionAnswer
from bitewise.learning.selectors import is_in_assessment, standings_for
from bitewise.membership.entitlements import access_require, lesson_access_require


class LearningError(Exception):
    """A request the rules refuse; the message is shown to the learner."""

    status_code = 400


class ConflictError(LearningError):
    status_code = 409


# --- subscriptions -------------------------------------------------------------------


@transaction.atomic
def enrollment_subscribe(*, learner: User, micro_credential: MicroCredential) -> Enrollment:
    """Subscribe, or resume a dropped subscription with all progress intact."""
    if micro_credential.status != Status.PUBLISHED:
        raise LearningError("This micro-credential is not open for subscription.")
    # Members only, priced, or a lapsed subscription: AccessRefused says which.
    access_require(person=learner, target=micro_credential)
    enrollment, created = Enrollment.objects.get_or_create(
        learner=learner, micro_credential=micro_credential
    )
    if not created and not enrollment.is_active:
        enrollment.is_active = True
        enrollment.dropped_at = None
        enrollment.save(update_fields=["is_active", "dropped_at"])
    learner_changed([learner.pk])
    # Lessons done elsewhere (shared lessons, an earlier subscription) may already pass it.
    progress_evaluate(learner=learner, micro_credentials=[micro_credential])
    return enrollment


@transaction.atomic
def enrollment_unsubscribe(*, learner: User, micro_credential: MicroCredential) -> Enrollment:
    """Drop the subscription; completions and answers are kept for a later resume."""
    enrollment = Enrollment.objects.filter(
        learner=learner, micro_credential=micro_credential
    ).first()
    if enrollment is None:
        raise LearningError("You are not subscribed to this micro-credential.")
    if enrollment.is_active:
        enrollment.is_active = False
        enrollment.dropped_at = timezone.now()
        enrollment.save(update_fields=["is_active", "dropped_at"])
        learner_changed([learner.pk])
    return enrollment


# --- lessons and quizzes -------------------------------------------------------------


@transaction.atomic
def lesson_complete(*, learner: User, lesson: Lesson) -> LessonCompletion:
    """Mark a lesson done. A lesson of a micro-credential is done once read (its questions
    are in the micro-credential's assessment); a lesson with questions that belongs to no
    micro-credential is done once all are answered."""
    lesson_access_require(person=learner, lesson=lesson)
    question_ids = set(lesson.questions.values_list("id", flat=True))
    if question_ids and not is_in_assessment(lesson_id=lesson.pk):
        answered = set(
            QuestionAnswer.objects.filter(
                learner=learner, question_id__in=question_ids
            ).values_list("question_id", flat=True)
        )
        if answered != question_ids:
            raise LearningError("Answer every question in this lesson first.")
    return _complete(learner=learner, lesson=lesson)


def _complete(*, learner: User, lesson: Lesson) -> LessonCompletion:
    completion, created = LessonCompletion.objects.get_or_create(learner=learner, lesson=lesson)
    if created:
        learner_changed([learner.pk])
        from bitewise.integrations.services import learning_records

        learning_records.lesson_completed(completion=completion)
    progress_evaluate(learner=learner, micro_credentials=_active_micro_credentials(learner, lesson))
    return completion


@dataclass(frozen=True)
class AnswerFeedback:
    answer: QuestionAnswer
    correct_choice_ids: list[int]
    explanations: dict[int, str]  # choice id -> explanation, for every choice
    lesson_completed: bool


def is_answer_correct(kind: str, chosen: set[int], correct: set[int]) -> bool:
    if kind == QuestionKind.MULTIPLE:
        return chosen == correct
    return len(chosen) == 1 and chosen <= correct


def grade_answer(question: Question, choices: Sequence[Choice], choice_ids: Sequence[int]) -> bool:
    """Check the chosen ids belong to the question and fit its kind; True when right."""
    chosen = set(choice_ids)
    if not chosen:
        raise LearningError("Choose an answer.")
    if not chosen <= {c.pk for c in choices}:
        raise LearningError("That choice does not belong to this question.")
    if question.kind != QuestionKind.MULTIPLE and len(chosen) != 1:
        raise LearningError("Choose exactly one answer.")
    return is_answer_correct(question.kind, chosen, {c.pk for c in choices if c.is_correct})


IN_ASSESSMENT = "This question is part of a micro-credential's assessment: answer it in an attempt."


@transaction.atomic
def question_answer(
    *,
    learner: User,
    question: Question,
    choice_ids: Sequence[int],
    response_ms: int | None = None,
) -> AnswerFeedback:
    """Record the learner's answer to a question outside any assessment and return
    immediate feedback with explanations. A question of a micro-credential's lessons is
    refused: it is answered in an attempt, whose feedback rules decide what shows."""
    if is_in_assessment(lesson_id=question.lesson_id):
        raise LearningError(IN_ASSESSMENT)
    choices = list(Choice.objects.filter(question=question))
    is_correct = grade_answer(question, choices, choice_ids)
    try:
        with transaction.atomic():
            answer = QuestionAnswer.objects.create(
                learner=learner,
                question=question,
                choice_ids=sorted(set(choice_ids)),
                is_correct=is_correct,
                response_ms=response_ms,
            )
    except IntegrityError as exc:
        raise ConflictError("Already answered. Retake the quiz to try again.") from exc
    from bitewise.integrations.services import learning_records

    learning_records.questions_answered(learner=learner, answers=[answer], attempt=None)
    lesson = question.lesson
    remaining = lesson.questions.exclude(answers__learner=learner).exists()
    if not remaining:
        _complete(learner=learner, lesson=lesson)
    return AnswerFeedback(
        answer=answer,
        correct_choice_ids=sorted(c.pk for c in choices if c.is_correct),
        explanations={c.pk: c.explanation for c in choices},
        lesson_completed=not remaining,
    )


@transaction.atomic
def quiz_retake(*, learner: User, lesson: Lesson) -> int:
    """Clear this lesson's answers so the learner can try again; earned awards stay. A
    micro-credential's lessons are retaken as assessment attempts, under its rules."""
    if is_in_assessment(lesson_id=lesson.pk):
        raise LearningError(
            "This quiz is part of a micro-credential's assessment: start a new attempt instead."
        )
    deleted, _ = QuestionAnswer.objects.filter(learner=learner, question__lesson=lesson).delete()
    if lesson.questions.exists():
        LessonCompletion.objects.filter(learner=learner, lesson=lesson).delete()
    learner_changed([learner.pk])
    return deleted


# --- awards --------------------------------------------------------------------------


def _active_micro_credentials(learner: User, lesson: Lesson) -> list[MicroCredential]:
    return list(
        MicroCredential.objects.filter(
            memberships__lesson=lesson,
            enrollments__learner=learner,
            enrollments__is_active=True,
            status=Status.PUBLISHED,
        ).distinct()
    )


def progress_evaluate(
    *, learner: User, micro_credentials: Sequence[MicroCredential]
) -> list[Award]:
    """Award every given (subscribed) micro-credential whose passing rule is now met."""
    if not micro_credentials:
        return []
    already = set(
        Award.objects.filter(learner=learner, micro_credential__in=micro_credentials).values_list(
            "micro_credential_id", flat=True
        )
    )
    pending = [mc for mc in micro_credentials if mc.pk not in already]
    awards = []
    for mc_id, standing in standings_for(learner=learner, micro_credentials=pending).items():
        if standing.is_passed:
            mc = next(m for m in pending if m.pk == mc_id)
            award = award_micro_credential(
                learner=learner, micro_credential=mc, score=standing.score
            )
            if award is not None:
                awards.append(award)
    return awards


def _earned_event(award: Award, *, kind: str, achievement_id: int, slug: str, version: int) -> None:
    event_record(
        name=CREDENTIAL_EARNED,
        **_earned_item(award, kind=kind, achievement_id=achievement_id, slug=slug, version=version),
    )


def _earned_item(
    award: Award, *, kind: str, achievement_id: int, slug: str, version: int
) -> dict[str, Any]:
    earned = CredentialEarned(
        award_id=award.pk,
        learner_id=award.learner_id,
        kind=kind,  # type: ignore[arg-type]
        achievement_id=achievement_id,
        achievement_slug=slug,
        version=version,
        score=award.score,
        awarded_at=award.awarded_at.isoformat(),
        snapshot=award.snapshot,
    )
    return {"key": f"{CREDENTIAL_EARNED}:award:{award.pk}", "payload": earned.to_payload()}


def award_micro_credential(
    *,
    learner: User,
    micro_credential: MicroCredential,
    score: int | None,
    granted: dict[str, Any] | None = None,
) -> Award | None:
    """Record the award and emit ``credential_earned``, exactly once per learner and
    micro-credential: the unique constraint decides between concurrent requests, and
    the loser returns None without emitting anything. ``granted`` marks an award made
    by staff rather than earned (kept in the snapshot as ``snapshot["granted"]``)."""
    version = MicroCredentialVersion.objects.filter(
        micro_credential=micro_credential, number=micro_credential.version
    ).first()
    snapshot = version.snapshot if version else micro_credential_snapshot(micro_credential)
    if granted is not None:
        snapshot = {**snapshot, "granted": granted}
    award = _record_award(
        kind="micro_credential",
        achievement_id=micro_credential.pk,
        slug=micro_credential.slug,
        version=micro_credential.version,
        fields={
            "learner": learner,
            "micro_credential": micro_credential,
            "micro_credential_version": version,
            "snapshot": snapshot,
            "score": score,
        },
    )
    if award is None:
        return None
    pathway_check(learner=learner, micro_credential=micro_credential)
    return award


def _record_award(
    *, kind: str, achievement_id: int, slug: str, version: int, fields: dict[str, Any]
) -> Award | None:
    """Create the award and its ``credential_earned`` event together, or neither: the
    unique constraints decide concurrent attempts and the loser gets None."""
    try:
        with transaction.atomic():
            award = Award.objects.create(**fields)
            _earned_event(
                award, kind=kind, achievement_id=achievement_id, slug=slug, version=version
            )
    except IntegrityError:
        return None
    learner_changed([award.learner_id])
    return award


def _held_micro_credential_ids(learner: User) -> set[int]:
    return set(
        Award.objects.filter(learner=learner, micro_credential__isnull=False).values_list(
            "micro_credential_id", flat=True
        )
    )


def _award_pathway(
    *, learner: User, pathway: Pathway, held: set[int], granted: dict[str, Any] | None = None
) -> Award | None:
    """Record a pathway award and its ``credential_earned`` event, exactly once (None
    when the learner already holds it). ``held`` names the components in the snapshot."""
    snapshot: dict[str, Any] = {
        "id": pathway.pk,
        "slug": pathway.slug,
        "title": pathway.title,
        "summary": pathway.summary,
        "version": pathway.version,
        "rule": pathway.rule,
        "required_count": pathway.required_count,
        "validity_months": pathway.validity_months,
        "components": [
            {"id": mc.pk, "slug": mc.slug, "title": mc.title}
            for mc in pathway.micro_credentials.all()
            if mc.pk in held
        ],
    }
    if granted is not None:
        snapshot["granted"] = granted
    return _record_award(
        kind="pathway",
        achievement_id=pathway.pk,
        slug=pathway.slug,
        version=pathway.version,
        fields={"learner": learner, "pathway": pathway, "snapshot": snapshot},
    )


def pathway_check(*, learner: User, micro_credential: MicroCredential) -> list[Award]:
    """On every award: award each published pathway this one completes."""
    return pathway_check_many(learners=[learner], micro_credential=micro_credential)


def pathway_check_many(*, learners: list[User], micro_credential: MicroCredential) -> list[Award]:
    """Award each published pathway that ``micro_credential`` completes, for every learner
    just awarded it, in a fixed number of queries when no pathway is completed (the usual
    case)."""
    pathways = list(
        Pathway.objects.filter(
            status=Status.PUBLISHED, micro_credentials=micro_credential
        ).prefetch_related("micro_credentials")
    )
    if not pathways or not learners:
        return []
    held: dict[int, set[int]] = {learner.pk: set() for learner in learners}
    for learner_id, mc_id in Award.objects.filter(
        learner__in=learners, micro_credential__isnull=False
    ).values_list("learner_id", "micro_credential_id"):
        held[learner_id].add(mc_id)
    holding = set(
        Award.objects.filter(learner__in=learners, pathway__in=pathways).values_list(
            "learner_id", "pathway_id"
        )
    )
    awards = []
    for pathway in pathways:
        members = {mc.pk for mc in pathway.micro_credentials.all()}
        rule = PathwayRule(pathway.rule)
        for learner in learners:
            if (learner.pk, pathway.pk) in holding or not pathway_satisfied(
                rule=rule,
                required_count=pathway.required_count,
                members=members,
                held=held[learner.pk],
            ):
                continue
            award = _award_pathway(learner=learner, pathway=pathway, held=held[learner.pk])
            if award is not None:
                awards.append(award)
    return awards


# Awards made by staff live in grants.py; imported last, as grants.py uses the above.
# Assessment attempts use the above too.
from bitewise.learning.services.attempts import (  # noqa: E402  (re-exported)
    AttemptAnswerResult as AttemptAnswerResult,
)
from bitewise.learning.services.attempts import (  # noqa: E402
    attempt_answer as attempt_answer,
)
from bitewise.learning.services.attempts import (  # noqa: E402
    attempt_start as attempt_start,
)
from bitewise.learning.services.attempts import (  # noqa: E402
    attempt_submit as attempt_submit,
)
from bitewise.learning.services.grants import (  # noqa: E402  (re-exported)
    award_grant as award_grant,
)
from bitewise.learning.services.grants import (  # noqa: E402
    award_grant_many as award_grant_many,
)
