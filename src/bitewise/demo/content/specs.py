"""The shapes of the demo content."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SkillSpec:
    slug: str
    name: str
    description: str
    framework_code: str
    framework_url: str


@dataclass(frozen=True)
class ChoiceSpec:
    text: str
    explanation: str
    correct: bool = False


@dataclass(frozen=True)
class QuestionSpec:
    kind: str  # "single", "multiple" or "true_false"
    prompt: str
    choices: tuple[ChoiceSpec, ...]


@dataclass(frozen=True)
class RecordingPart:
    number: int
    title: str
    start: int  # seconds into the recording
    end: int


@dataclass(frozen=True)
class LessonSpec:
    slug: str
    title: str
    kind: str  # "text", "media" or "quiz"
    minutes: int
    summary: str
    body: str
    skills: tuple[str, ...]
    part: int | None = None  # RecordingPart.number, for media lessons
    questions: tuple[QuestionSpec, ...] = ()


@dataclass(frozen=True)
class MicroCredentialSpec:
    slug: str
    title: str
    summary: str
    level: str
    skills: tuple[str, ...]
    lessons: tuple[str, ...]  # lesson slugs, in learning order
    ce_credits: str
    ce_credit_type: str
    pass_percent: int
    published_days_ago: int


@dataclass(frozen=True)
class PathwaySpec:
    slug: str
    title: str
    summary: str
    rule: str  # "all" or "n_of"
    required_count: int
    micro_credentials: tuple[str, ...]
    published_days_ago: int


@dataclass(frozen=True)
class UserSpec:
    email: str
    role: str
    display_name: str
