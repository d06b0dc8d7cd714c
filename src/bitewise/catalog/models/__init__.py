from bitewise.catalog.models.credentials import (
    FeedbackMode,
    Level,
    MicroCredential,
    MicroCredentialLesson,
    MicroCredentialVersion,
    Status,
)
from bitewise.catalog.models.lessons import (
    Choice,
    Lesson,
    LessonKind,
    MediaKind,
    Question,
    QuestionKind,
)
from bitewise.catalog.models.pathways import Pathway
from bitewise.catalog.models.skills import Skill

__all__ = [
    "Choice",
    "FeedbackMode",
    "Lesson",
    "LessonKind",
    "Level",
    "MediaKind",
    "MicroCredential",
    "MicroCredentialLesson",
    "MicroCredentialVersion",
    "Pathway",
    "Question",
    "QuestionKind",
    "Skill",
    "Status",
]
