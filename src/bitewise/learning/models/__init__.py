"""A learner's subscriptions, progress, answers, assessment attempts and awards."""

from bitewise.learning.models.answers import Attempt, AttemptAnswer, QuestionAnswer
from bitewise.learning.models.awards import Award, AwardEmail
from bitewise.learning.models.progress import Enrollment, LessonCompletion

__all__ = [
    "Attempt",
    "AttemptAnswer",
    "Award",
    "AwardEmail",
    "Enrollment",
    "LessonCompletion",
    "QuestionAnswer",
]
