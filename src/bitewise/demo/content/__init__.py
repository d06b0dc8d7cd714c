"""The demo catalog as plain data: the loader turns it into rows through the services.

Written for a professional association: clinical practice (nurses), accounting, and data
privacy for any professional. Framework codes are O*NET-SOC occupation codes, mapped by
hand for this demo; they are labelled as such wherever they appear.
"""

from __future__ import annotations

from bitewise.demo.content.accounting import CLOSE_LESSONS, REVENUE_LESSONS
from bitewise.demo.content.clinical import DETERIORATION_LESSONS, HANDOFF_LESSONS
from bitewise.demo.content.privacy import PRIVACY_LESSONS
from bitewise.demo.content.shared import RECORDING_NAME, RECORDING_PARTS, SKILLS
from bitewise.demo.content.specs import (
    ChoiceSpec,
    LessonSpec,
    MicroCredentialSpec,
    PathwaySpec,
    QuestionSpec,
    RecordingPart,
    SkillSpec,
    UserSpec,
)

LESSONS: tuple[LessonSpec, ...] = (
    *HANDOFF_LESSONS,
    *DETERIORATION_LESSONS,
    *REVENUE_LESSONS,
    *CLOSE_LESSONS,
    *PRIVACY_LESSONS,
)


def _slugs(lessons: tuple[LessonSpec, ...]) -> tuple[str, ...]:
    return tuple(lesson.slug for lesson in lessons)


MICRO_CREDENTIALS: tuple[MicroCredentialSpec, ...] = (
    MicroCredentialSpec(
        slug="safe-handoffs-with-sbar",
        title="Safe Handoffs with SBAR",
        summary=(
            "Give and take handoffs that keep every pending task, and make calls to "
            "providers that get the response your patient needs."
        ),
        level="foundation",
        skills=("clinical-handoff-communication",),
        lessons=_slugs(HANDOFF_LESSONS),
        ce_credits="0.25",
        ce_credit_type="CNE",
        pass_percent=80,
        published_days_ago=75,
    ),
    MicroCredentialSpec(
        slug="spotting-early-deterioration",
        title="Spotting Early Deterioration",
        summary=(
            "Read vital-sign trends and early warning scores, and escalate on concern "
            "before a patient reaches crisis."
        ),
        level="intermediate",
        skills=("recognizing-clinical-deterioration",),
        lessons=_slugs(DETERIORATION_LESSONS),
        ce_credits="0.25",
        ce_credit_type="CNE",
        pass_percent=80,
        published_days_ago=45,
    ),
    MicroCredentialSpec(
        slug="revenue-recognition-essentials",
        title="Revenue Recognition Essentials",
        summary=(
            "Apply the ASC 606 / IFRS 15 five-step model to bundled contracts, and decide "
            "when revenue is earned over time or at a point in time."
        ),
        level="intermediate",
        skills=("revenue-recognition",),
        lessons=_slugs(REVENUE_LESSONS),
        ce_credits="0.40",
        ce_credit_type="CPE",
        pass_percent=75,
        published_days_ago=9,
    ),
    MicroCredentialSpec(
        slug="clean-month-end-close",
        title="A Clean Month-End Close",
        summary=(
            "Reconciliations that find real errors, and accruals that put costs in the right month."
        ),
        level="foundation",
        skills=("month-end-close",),
        lessons=_slugs(CLOSE_LESSONS),
        ce_credits="0.20",
        ce_credit_type="CPE",
        pass_percent=70,
        published_days_ago=120,
    ),
    MicroCredentialSpec(
        slug="personal-data-basics",
        title="Personal Data Basics for Professionals",
        summary=(
            "Recognize personal data, keep only what you need, and know what to do in the "
            "first hour of a privacy incident."
        ),
        level="foundation",
        skills=("personal-data-handling",),
        lessons=_slugs(PRIVACY_LESSONS),
        ce_credits="0.25",
        ce_credit_type="CE",
        pass_percent=70,
        published_days_ago=3,
    ),
)

PATHWAYS: tuple[PathwaySpec, ...] = (
    PathwaySpec(
        slug="safe-and-trusted-clinical-practice",
        title="Safe and Trusted Clinical Practice",
        summary=(
            "For nurses who want to show they communicate safely, catch deterioration "
            "early and handle patient data with care. Earn any two of the three "
            "micro-credentials."
        ),
        rule="n_of",
        required_count=2,
        micro_credentials=(
            "safe-handoffs-with-sbar",
            "spotting-early-deterioration",
            "personal-data-basics",
        ),
        published_days_ago=40,
    ),
)

USERS: tuple[UserSpec, ...] = (
    UserSpec("staff@demo.bitewise.test", "admin", "Sam Rivera (staff admin)"),
    UserSpec("author@demo.bitewise.test", "author", "Alex Chen (author)"),
    UserSpec("learner@demo.bitewise.test", "learner", "Jordan Lee"),
)
LEARNER_EMAIL = "learner@demo.bitewise.test"
# The learner holds the first and is halfway through the second (so the pathway shows 1 of 2).
LEARNER_EARNED = "safe-handoffs-with-sbar"
LEARNER_HALFWAY = "personal-data-basics"

__all__ = [
    "LEARNER_EARNED",
    "LEARNER_EMAIL",
    "LEARNER_HALFWAY",
    "LESSONS",
    "MICRO_CREDENTIALS",
    "PATHWAYS",
    "RECORDING_NAME",
    "RECORDING_PARTS",
    "SKILLS",
    "USERS",
    "ChoiceSpec",
    "LessonSpec",
    "MicroCredentialSpec",
    "PathwaySpec",
    "QuestionSpec",
    "RecordingPart",
    "SkillSpec",
    "UserSpec",
]
