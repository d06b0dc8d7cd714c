"""Catalog API: list and filter published micro-credentials, read lessons."""

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from bitewise.accounts.api_auth import AUTH, Error
from bitewise.catalog.models import Lesson, Level, MicroCredential
from bitewise.catalog.selectors import (
    CatalogFilters,
    access_lesson,
    access_micro_credential,
    catalog_list,
    lessons_of,
)
from bitewise.common.pagination import Paginated
from bitewise.engines.text.markdown import sanitize_html
from bitewise.membership.entitlements import lesson_access_require

router = Router(tags=["catalog"])


class SkillOut(Schema):
    slug: str
    name: str
    framework_code: str
    framework_url: str


class AssessmentSettingsOut(Schema):
    """How the micro-credential's assessment runs (the questions of its lessons)."""

    max_attempts: int | None = Field(
        ..., description="Attempts a learner may start; null: no limit"
    )
    cooling_off_hours: int = Field(..., description="Hours after a submission before the next")
    questions_per_attempt: int | None = Field(
        ..., description="Questions drawn at random per attempt; null: all"
    )
    shuffle_choices: bool
    feedback_mode: str = Field(
        ..., description="after_submit: correctness only once submitted; immediate: per answer"
    )


class MicroCredentialOut(Schema):
    slug: str
    title: str
    summary: str
    level: str
    estimated_minutes: int
    ce_credits: Decimal
    ce_credit_type: str
    pass_percent: int
    version: int
    published_at: datetime | None
    skills: list[SkillOut]
    assessment: AssessmentSettingsOut

    @staticmethod
    def resolve_skills(obj: MicroCredential) -> list[Any]:
        return list(obj.skills.all())

    @staticmethod
    def resolve_assessment(obj: MicroCredential) -> MicroCredential:
        return obj


class LessonSummaryOut(Schema):
    id: int
    slug: str
    title: str
    kind: str
    minutes: int


class MicroCredentialDetailOut(MicroCredentialOut):
    lessons: list[LessonSummaryOut]

    @staticmethod
    def resolve_lessons(obj: MicroCredential) -> list[Any]:
        return list(lessons_of(obj))


class ChoiceOut(Schema):
    id: int
    text: str


class QuestionOut(Schema):
    id: int
    kind: str
    prompt: str
    choices: list[ChoiceOut]

    @staticmethod
    def resolve_choices(obj: Any) -> list[Any]:
        return list(obj.choices.all())


class LessonOut(Schema):
    id: int
    slug: str
    title: str
    kind: str
    summary: str
    minutes: int
    body_html: str
    media_kind: str
    media_source: str
    start_seconds: int | None
    end_seconds: int | None
    questions: list[QuestionOut]

    @staticmethod
    def resolve_body_html(obj: Lesson) -> str:
        return sanitize_html(obj.body_html)

    @staticmethod
    def resolve_questions(obj: Lesson) -> list[Any]:
        return list(obj.questions.all())


class CatalogQuery(Schema):
    skill: str = Field("", max_length=120)
    level: Level | None = None
    max_minutes: int | None = Field(None, ge=1, le=10_000)
    min_credits: Decimal | None = Field(None, ge=0, le=100)
    q: str = Field("", max_length=100)
    new: bool = False


@router.get("/catalog", response=list[MicroCredentialOut], auth=None)
@paginate(Paginated)
def catalog(request: HttpRequest, filters: Query[CatalogQuery]) -> Any:
    return catalog_list(
        filters=CatalogFilters(
            skill=filters.skill,
            level=filters.level.value if filters.level else "",
            max_minutes=filters.max_minutes,
            min_credits=filters.min_credits,
            text=filters.q.strip(),
            is_new=filters.new,
        )
    )


@router.get("/micro-credentials/{slug}", response=MicroCredentialDetailOut, auth=None)
def micro_credential(request: HttpRequest, slug: str) -> Any:
    user = request.user if request.user.is_authenticated else None
    return access_micro_credential(slug=slug, user=user)


@router.get("/lessons/{lesson_id}", response={200: LessonOut, 403: Error}, auth=AUTH)
def lesson(request: HttpRequest, lesson_id: int) -> Any:
    user = request.user if request.user.is_authenticated else None
    lesson = access_lesson(lesson_id=lesson_id, user=user)  # type: ignore[arg-type]
    lesson_access_require(person=user, lesson=lesson)  # type: ignore[arg-type]
    return lesson
