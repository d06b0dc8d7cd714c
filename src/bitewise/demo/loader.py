"""Load the demo content through the services. Safe to run again: whatever already
exists (matched by slug or email) is left as it is, so nothing is duplicated and a
learner's later progress or a staff member's edits are not overwritten."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.accounts.services import user_create
from bitewise.catalog.models import Lesson, MicroCredential, Pathway, Question, Skill
from bitewise.catalog.services import (
    lesson_save,
    micro_credential_publish,
    micro_credential_save,
    micro_credential_set_lessons,
    pathway_publish,
    pathway_save,
    question_save,
)
from bitewise.credentials.services.issuers import issuer_default
from bitewise.demo import content
from bitewise.demo.content import LessonSpec, MicroCredentialSpec, PathwaySpec
from bitewise.demo.insight import load_insight
from bitewise.demo.membership import load_membership
from bitewise.demo.recording import SAMPLE_RATE, ensure_recording, expected_frames
from bitewise.demo.reinforcement import load_reinforcement
from bitewise.demo.repurposing import load_repurposing
from bitewise.demo.webinars import load_webinars
from bitewise.learning.selectors import award_list_for_learner, enrollment_for
from bitewise.learning.services import (
    attempt_answer,
    attempt_start,
    attempt_submit,
    enrollment_subscribe,
    lesson_complete,
)
from bitewise.settings.env import env_str

DEFAULT_PASSWORD = "bitewise-demo-2026"


def demo_password() -> str:
    return env_str("BITEWISE_DEMO_PASSWORD", "") or DEFAULT_PASSWORD


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: str
    created: bool  # False: the account existed, so it keeps the password it had


@dataclass(frozen=True)
class DemoSummary:
    logins: list[DemoLogin]
    lessons: int
    micro_credentials: int
    pathways: int
    webinars: int = 0
    proposed_lessons: int = 0  # from the demo recording, awaiting staff review


def load_demo(*, password: str) -> DemoSummary:
    media_name = ensure_recording()
    with transaction.atomic():
        skills = _load_skills()
        lessons = {spec.slug: _load_lesson(spec, skills, media_name) for spec in content.LESSONS}
        mcs = {
            spec.slug: _load_micro_credential(spec, skills, lessons)
            for spec in content.MICRO_CREDENTIALS
        }
        for pathway_spec in content.PATHWAYS:
            _load_pathway(pathway_spec, mcs)
        logins, users = _load_users(password)
        # Staff of the association's issuer may award and revoke its badges.
        issuer_default().staff.add(*(u for u in users.values() if u.is_staff))
        _load_learner_progress(users[content.LEARNER_EMAIL], mcs, lessons)
        staff = next(u for u in users.values() if u.is_staff_admin)
        webinars = load_webinars(
            staff=staff,
            learner=users[content.LEARNER_EMAIL],
            skills=skills,
            lessons=lessons,
            micro_credentials=mcs,
            recording_name=media_name,
            recording_seconds=expected_frames() // SAMPLE_RATE,
        )
        load_reinforcement(
            staff=staff,
            learner=users[content.LEARNER_EMAIL],
            skills=skills,
            lessons=lessons,
        )
        proposed_lessons = load_repurposing(staff=staff)
        load_insight(learner=users[content.LEARNER_EMAIL])
        load_membership(learner=users[content.LEARNER_EMAIL], micro_credentials=mcs)
    return DemoSummary(
        logins=logins,
        lessons=len(lessons),
        micro_credentials=len(mcs),
        pathways=len(content.PATHWAYS),
        webinars=webinars,
        proposed_lessons=proposed_lessons,
    )


def _days_ago(days: int) -> datetime:
    return timezone.now() - timedelta(days=days)


def _load_skills() -> dict[str, Skill]:
    skills = {}
    for spec in content.SKILLS:
        skills[spec.slug], _ = Skill.objects.get_or_create(
            slug=spec.slug,
            defaults={
                "name": spec.name,
                "description": spec.description,
                "framework_code": spec.framework_code,
                "framework_url": spec.framework_url,
            },
        )
    return skills


def _load_lesson(spec: LessonSpec, skills: dict[str, Skill], media_name: str) -> Lesson:
    lesson = Lesson.objects.filter(slug=spec.slug).first()
    if lesson is None:
        lesson = Lesson(
            slug=spec.slug,
            title=spec.title,
            kind=spec.kind,
            minutes=spec.minutes,
            summary=spec.summary,
            body_markdown=spec.body,
        )
        if spec.part is not None:
            part = next(p for p in content.RECORDING_PARTS if p.number == spec.part)
            lesson.media_kind = "audio"
            lesson.media_file.name = media_name
            lesson.start_seconds, lesson.end_seconds = part.start, part.end
        lesson_save(lesson=lesson, skill_ids=[skills[s].pk for s in spec.skills])
    if spec.questions and not lesson.questions.exists():
        for position, q in enumerate(spec.questions):
            question_save(
                question=Question(lesson=lesson, kind=q.kind, prompt=q.prompt, position=position),
                choices=[
                    {"text": c.text, "is_correct": c.correct, "explanation": c.explanation}
                    for c in q.choices
                ],
            )
    return lesson


def _load_micro_credential(
    spec: MicroCredentialSpec, skills: dict[str, Skill], lessons: dict[str, Lesson]
) -> MicroCredential:
    mc = MicroCredential.objects.filter(slug=spec.slug).first()
    if mc is not None:
        return mc
    mc = micro_credential_save(
        micro_credential=MicroCredential(
            slug=spec.slug,
            title=spec.title,
            summary=spec.summary,
            level=spec.level,
            ce_credits=Decimal(spec.ce_credits),
            ce_credit_type=spec.ce_credit_type,
            pass_percent=spec.pass_percent,
        ),
        skill_ids=[skills[s].pk for s in spec.skills],
    )
    micro_credential_set_lessons(
        micro_credential=mc, lesson_ids=[lessons[slug].pk for slug in spec.lessons]
    )
    micro_credential_publish(micro_credential=mc, by=None)
    # Backdated so the catalog's "new this month" filter differs from "everything".
    mc.published_at = _days_ago(spec.published_days_ago)
    MicroCredential.objects.filter(pk=mc.pk).update(published_at=mc.published_at)
    return mc


def _load_pathway(spec: PathwaySpec, mcs: dict[str, MicroCredential]) -> Pathway:
    pathway = Pathway.objects.filter(slug=spec.slug).first()
    if pathway is not None:
        return pathway
    pathway = pathway_save(
        pathway=Pathway(
            slug=spec.slug,
            title=spec.title,
            summary=spec.summary,
            rule=spec.rule,
            required_count=spec.required_count,
        ),
        micro_credential_ids=[mcs[slug].pk for slug in spec.micro_credentials],
    )
    pathway_publish(pathway=pathway, by=None)
    pathway.published_at = _days_ago(spec.published_days_ago)
    Pathway.objects.filter(pk=pathway.pk).update(published_at=pathway.published_at)
    return pathway


def _load_users(password: str) -> tuple[list[DemoLogin], dict[str, User]]:
    logins, users = [], {}
    for spec in content.USERS:
        user = User.objects.filter(email=spec.email).first()
        created = user is None
        if user is None:
            user = user_create(
                email=spec.email, password=password, display_name=spec.display_name, role=spec.role
            )
        users[spec.email] = user
        logins.append(DemoLogin(email=spec.email, role=user.role, created=created))
    return logins, users


def _finish_lesson(learner: User, lesson: Lesson) -> None:
    lesson_complete(learner=learner, lesson=lesson)


def _pass_assessment(learner: User, mc: MicroCredential) -> None:
    """Take the assessment the way a learner would, answering every question right."""
    attempt = attempt_start(learner=learner, micro_credential=mc)
    for question in Question.objects.filter(pk__in=attempt.question_ids).prefetch_related(
        "choices"
    ):
        correct = [c.pk for c in question.choices.all() if c.is_correct]
        attempt_answer(
            learner=learner,
            attempt_id=attempt.pk,
            question_id=question.pk,
            choice_ids=correct,
            response_ms=9000,
        )
    attempt_submit(learner=learner, attempt_id=attempt.pk)


def _ordered_lessons(slug: str, lessons: dict[str, Lesson]) -> list[Lesson]:
    spec = next(s for s in content.MICRO_CREDENTIALS if s.slug == slug)
    return [lessons[lesson_slug] for lesson_slug in spec.lessons]


def _load_learner_progress(
    learner: User, mcs: dict[str, MicroCredential], lessons: dict[str, Lesson]
) -> None:
    earned = mcs[content.LEARNER_EARNED]
    if not award_list_for_learner(learner=learner).filter(micro_credential=earned).exists():
        enrollment_subscribe(learner=learner, micro_credential=earned)
        for lesson in _ordered_lessons(content.LEARNER_EARNED, lessons):
            _finish_lesson(learner, lesson)
        _pass_assessment(learner, earned)
    halfway = mcs[content.LEARNER_HALFWAY]
    if enrollment_for(learner=learner, micro_credential=halfway) is None:
        enrollment_subscribe(learner=learner, micro_credential=halfway)
        ordered = _ordered_lessons(content.LEARNER_HALFWAY, lessons)
        for lesson in ordered[: len(ordered) // 2]:
            _finish_lesson(learner, lesson)
