"""Writes for the catalog: every create, edit, order and publish goes through here."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.text import slugify

from bitewise.accounts.models import User
from bitewise.catalog.cache import catalog_changed
from bitewise.catalog.models import (
    Choice,
    Lesson,
    LessonKind,
    MicroCredential,
    MicroCredentialLesson,
    MicroCredentialVersion,
    Pathway,
    Question,
    QuestionKind,
    Skill,
    Status,
)
from bitewise.catalog.permissions import publish_permission_check
from bitewise.engines.text.markdown import render_markdown

STATUS_CHANGE = "The status changes only by publishing or retiring, never by editing."


def skill_save(*, skill: Skill) -> Skill:
    skill.full_clean()
    skill.save()
    catalog_changed()
    return skill


def unique_slug(model: Any, text: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(text)[:120] or "item"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _status_unchanged(item: MicroCredential | Pathway) -> None:
    """An edit never publishes or retires: those go through their own service and check."""
    stored = (
        type(item).objects.filter(pk=item.pk).values_list("status", flat=True).first()
        if item.pk
        else Status.DRAFT
    )
    if item.status != stored:
        raise ValidationError({"status": STATUS_CHANGE})


def lesson_prepare(lesson: Lesson) -> None:
    """Validate a lesson and render its Markdown to sanitized HTML (before saving)."""
    if lesson.kind == LessonKind.MEDIA and not (lesson.media_file or lesson.media_url):
        raise ValidationError({"media_url": "An audio or video lesson needs a file or a URL."})
    if lesson.kind == LessonKind.MEDIA and not lesson.media_kind:
        raise ValidationError({"media_kind": "Say whether the recording is audio or video."})
    if (
        lesson.start_seconds is not None
        and lesson.end_seconds is not None
        and lesson.end_seconds <= lesson.start_seconds
    ):
        raise ValidationError({"end_seconds": "The end must come after the start."})
    try:
        lesson.body_html = render_markdown(lesson.body_markdown)
    except ValueError as exc:
        raise ValidationError({"body_markdown": str(exc)}) from exc
    if not lesson.slug:
        lesson.slug = unique_slug(Lesson, lesson.title, exclude_pk=lesson.pk)


@transaction.atomic
def lesson_save(*, lesson: Lesson, skill_ids: Sequence[int] | None = None) -> Lesson:
    lesson_prepare(lesson)
    lesson.full_clean(exclude=["body_html"])
    lesson.save()
    if skill_ids is not None:
        lesson.skills.set(skill_ids)
    for membership in MicroCredentialLesson.objects.filter(lesson=lesson).select_related(
        "micro_credential"
    ):
        micro_credential_refresh_minutes(micro_credential=membership.micro_credential)
    catalog_changed()
    return lesson


def question_choices_check(*, kind: str, choices: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The choices with text, or ValidationError when they do not make a fair question."""
    cleaned = [c for c in choices if str(c.get("text", "")).strip()]
    if kind == QuestionKind.TRUE_FALSE and len(cleaned) != 2:
        raise ValidationError("A true/false question has exactly two choices.")
    if len(cleaned) < 2:
        raise ValidationError("A question needs at least two choices.")
    correct = sum(1 for c in cleaned if c.get("is_correct"))
    if correct == 0:
        raise ValidationError("Mark at least one choice as correct.")
    if kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE) and correct != 1:
        raise ValidationError("A single-choice question has exactly one correct choice.")
    return cleaned


@transaction.atomic
def question_save(*, question: Question, choices: Sequence[dict[str, Any]]) -> Question:
    """Save a question with its choices (text, is_correct, explanation), replacing old ones."""
    cleaned = question_choices_check(kind=question.kind, choices=choices)
    question.full_clean()
    question.save()
    # Update choices in place, position by position, so their ids (held by learners'
    # recorded answers) survive an edit; only surplus choices are deleted.
    existing = list(question.choices.order_by("position", "id"))
    for i, c in enumerate(cleaned):
        choice = existing[i] if i < len(existing) else Choice(question=question)
        choice.text = str(c["text"]).strip()
        choice.is_correct = bool(c.get("is_correct"))
        choice.explanation = str(c.get("explanation", "")).strip()
        choice.position = i
        choice.save()
    Choice.objects.filter(pk__in=[c.pk for c in existing[len(cleaned) :]]).delete()
    catalog_changed()
    return question


def micro_credential_refresh_minutes(*, micro_credential: MicroCredential) -> None:
    total = micro_credential.lessons.aggregate(total=Sum("minutes"))["total"] or 0
    MicroCredential.objects.filter(pk=micro_credential.pk).update(estimated_minutes=total)
    micro_credential.estimated_minutes = total


def micro_credential_snapshot(micro_credential: MicroCredential) -> dict[str, Any]:
    lessons = list(micro_credential.memberships.select_related("lesson").order_by("position", "id"))
    return {
        "id": micro_credential.pk,
        "slug": micro_credential.slug,
        "title": micro_credential.title,
        "summary": micro_credential.summary,
        "level": micro_credential.level,
        "version": micro_credential.version,
        "ce_credits": str(micro_credential.ce_credits),
        "ce_credit_type": micro_credential.ce_credit_type,
        "pass_percent": micro_credential.pass_percent,
        "validity_months": micro_credential.validity_months,
        "estimated_minutes": micro_credential.estimated_minutes,
        "skills": [
            {
                "slug": s.slug,
                "name": s.name,
                "framework_code": s.framework_code,
                "framework_url": s.framework_url,
            }
            for s in micro_credential.skills.order_by("name")
        ],
        "lessons": [
            {"id": m.lesson_id, "slug": m.lesson.slug, "title": m.lesson.title} for m in lessons
        ],
    }


def _record_version(micro_credential: MicroCredential) -> MicroCredentialVersion:
    version, _ = MicroCredentialVersion.objects.update_or_create(
        micro_credential=micro_credential,
        number=micro_credential.version,
        defaults={"snapshot": micro_credential_snapshot(micro_credential)},
    )
    return version


def micro_credential_bump_version(*, micro_credential: MicroCredential) -> None:
    """Editing a published micro-credential starts a new version; earlier awards keep
    pointing at the version (and snapshot) they were earned under. A save that changes
    nothing an earner would see does not bump."""
    if micro_credential.status != Status.PUBLISHED:
        return
    latest = micro_credential.versions.order_by("-number").first()
    current = micro_credential_snapshot(micro_credential)
    if latest is not None and _without_version(latest.snapshot) == _without_version(current):
        return
    micro_credential.version += 1
    micro_credential.save(update_fields=["version", "updated_at"])
    _record_version(micro_credential)


def _without_version(snapshot: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in snapshot.items() if k != "version"}


@transaction.atomic
def micro_credential_save(
    *, micro_credential: MicroCredential, skill_ids: Sequence[int] | None = None
) -> MicroCredential:
    is_new = micro_credential.pk is None
    _status_unchanged(micro_credential)
    if not micro_credential.slug:
        micro_credential.slug = unique_slug(MicroCredential, micro_credential.title)
    micro_credential.full_clean(exclude=["estimated_minutes", "version"])
    micro_credential.save()
    if skill_ids is not None:
        micro_credential.skills.set(skill_ids)
    if not is_new:
        micro_credential_bump_version(micro_credential=micro_credential)
    catalog_changed()
    return micro_credential


@transaction.atomic
def micro_credential_set_lessons(
    *, micro_credential: MicroCredential, lesson_ids: Sequence[int]
) -> MicroCredential:
    """Replace the ordered lesson list (the order given is the learning order)."""
    if len(set(lesson_ids)) != len(lesson_ids):
        raise ValidationError("A lesson can appear only once in a micro-credential.")
    found = set(Lesson.objects.filter(pk__in=lesson_ids).values_list("pk", flat=True))
    missing = [i for i in lesson_ids if i not in found]
    if missing:
        raise ValidationError(f"Unknown lesson ids: {missing}")
    MicroCredentialLesson.objects.filter(micro_credential=micro_credential).delete()
    MicroCredentialLesson.objects.bulk_create(
        MicroCredentialLesson(micro_credential=micro_credential, lesson_id=lesson_id, position=i)
        for i, lesson_id in enumerate(lesson_ids)
    )
    micro_credential_refresh_minutes(micro_credential=micro_credential)
    micro_credential_bump_version(micro_credential=micro_credential)
    catalog_changed()
    return micro_credential


@transaction.atomic
def micro_credential_move_lesson(
    *, micro_credential: MicroCredential, lesson_id: int, offset: int
) -> MicroCredential:
    """Move one lesson up (offset -1) or down (+1) in the learning order."""
    order = list(
        micro_credential.memberships.order_by("position", "id").values_list("lesson_id", flat=True)
    )
    if lesson_id not in order:
        raise ValidationError("That lesson is not part of this micro-credential.")
    index = order.index(lesson_id)
    target = min(max(index + offset, 0), len(order) - 1)
    order.insert(target, order.pop(index))
    return micro_credential_set_lessons(micro_credential=micro_credential, lesson_ids=order)


@transaction.atomic
def micro_credential_publish(
    *, micro_credential: MicroCredential, by: User | None
) -> MicroCredential:
    publish_permission_check(by=by)
    if not micro_credential.memberships.exists():
        raise ValidationError("Add at least one lesson before publishing.")
    micro_credential.status = Status.PUBLISHED
    micro_credential.published_at = micro_credential.published_at or timezone.now()
    micro_credential.save(update_fields=["status", "published_at", "updated_at"])
    _record_version(micro_credential)
    catalog_changed()
    return micro_credential


@transaction.atomic
def micro_credential_retire(
    *, micro_credential: MicroCredential, by: User | None
) -> MicroCredential:
    """Retired: hidden from the catalog, no new subscriptions; awards stay valid."""
    publish_permission_check(by=by)
    micro_credential.status = Status.RETIRED
    micro_credential.save(update_fields=["status", "updated_at"])
    catalog_changed()
    return micro_credential


def pathway_rule_check(*, rule: str, required_count: int, members: int) -> None:
    if rule == Pathway.Rule.N_OF and members and required_count > members:
        raise ValidationError(
            {"required_count": "Cannot require more micro-credentials than the list holds."}
        )


@transaction.atomic
def pathway_save(*, pathway: Pathway, micro_credential_ids: Sequence[int] | None = None) -> Pathway:
    _status_unchanged(pathway)
    if not pathway.slug:
        pathway.slug = unique_slug(Pathway, pathway.title)
    pathway.full_clean()
    pathway.save()
    if micro_credential_ids is not None:
        pathway.micro_credentials.set(micro_credential_ids)
    pathway_rule_check(
        rule=pathway.rule,
        required_count=pathway.required_count,
        members=pathway.micro_credentials.count(),
    )
    catalog_changed()
    return pathway


@transaction.atomic
def pathway_publish(*, pathway: Pathway, by: User | None) -> Pathway:
    publish_permission_check(by=by)
    if not pathway.micro_credentials.exists():
        raise ValidationError("Add micro-credentials before publishing.")
    pathway.status = Status.PUBLISHED
    pathway.published_at = pathway.published_at or timezone.now()
    pathway.save(update_fields=["status", "published_at"])
    catalog_changed()
    return pathway


@transaction.atomic
def pathway_retire(*, pathway: Pathway, by: User | None) -> Pathway:
    """Retired: hidden from the catalog and earned by nobody new; awards stay valid."""
    publish_permission_check(by=by)
    pathway.status = Status.RETIRED
    pathway.save(update_fields=["status"])
    catalog_changed()
    return pathway
