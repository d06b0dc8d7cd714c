"""Writes for learning, one module per concept: subscriptions (``enrollments``), lessons done
(``lessons``), answers and quiz retakes (``answers``), assessment attempts (``attempts``),
awards exactly once (``awards``) and staff grants (``grants``). What other apps call is
named here."""

from __future__ import annotations

from bitewise.learning.errors import ConflictError, LearningError
from bitewise.learning.services.answers import (
    IN_ASSESSMENT,
    AnswerFeedback,
    grade_answer,
    is_answer_correct,
    question_answer,
    quiz_retake,
)
from bitewise.learning.services.attempts import (
    AttemptAnswerResult,
    attempt_answer,
    attempt_start,
    attempt_submit,
)
from bitewise.learning.services.awards import (
    micro_credential_award,
    pathway_check,
    pathway_check_many,
    progress_evaluate,
)
from bitewise.learning.services.enrollments import enrollment_subscribe, enrollment_unsubscribe
from bitewise.learning.services.grants import award_grant, award_grant_many
from bitewise.learning.services.lessons import lesson_complete

__all__ = [
    "IN_ASSESSMENT",
    "AnswerFeedback",
    "AttemptAnswerResult",
    "ConflictError",
    "LearningError",
    "attempt_answer",
    "attempt_start",
    "attempt_submit",
    "award_grant",
    "award_grant_many",
    "enrollment_subscribe",
    "enrollment_unsubscribe",
    "grade_answer",
    "is_answer_correct",
    "lesson_complete",
    "micro_credential_award",
    "pathway_check",
    "pathway_check_many",
    "progress_evaluate",
    "question_answer",
    "quiz_retake",
]
