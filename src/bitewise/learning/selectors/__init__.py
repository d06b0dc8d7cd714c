"""Reads for a learner's own learning; every function is scoped to one learner."""

from bitewise.learning.selectors.attempts import (
    AssessmentStatus,
    AttemptChoice,
    AttemptDetail,
    AttemptQuestion,
    access_attempt,
    assessment_pool,
    assessment_status,
    assessment_status_for,
    attempt_detail,
    is_in_assessment,
    shows_grade,
)
from bitewise.learning.selectors.progress import (
    LearnerProgress,
    MicroCredentialProgress,
    PathwayProgress,
    answers_for_lesson,
    award_list_for_learner,
    completed_lesson_ids,
    enrollment_for,
    learner_progress,
    standings_for,
)

__all__ = [
    "AssessmentStatus",
    "AttemptChoice",
    "AttemptDetail",
    "AttemptQuestion",
    "LearnerProgress",
    "MicroCredentialProgress",
    "PathwayProgress",
    "access_attempt",
    "answers_for_lesson",
    "assessment_pool",
    "assessment_status",
    "assessment_status_for",
    "attempt_detail",
    "award_list_for_learner",
    "completed_lesson_ids",
    "enrollment_for",
    "is_in_assessment",
    "learner_progress",
    "shows_grade",
    "standings_for",
]
