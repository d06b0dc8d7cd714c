"""Deletes in the catalog: drafts of micro-credentials and pathways, and skills, lessons and
questions only while deleting them takes no learner's records with it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import router, transaction
from django.db.models import Model, ProtectedError, RestrictedError
from django.db.models.deletion import Collector

from bitewise.accounts.models import User
from bitewise.catalog.cache import catalog_changed
from bitewise.catalog.models import Lesson, MicroCredential, Pathway, Question, Skill, Status
from bitewise.catalog.permissions import publish_permission_check


@transaction.atomic
def micro_credential_delete(*, micro_credential: MicroCredential, by: User | None) -> None:
    """Only a draft is deleted (nobody has subscribed to or earned it); retire the others."""
    _draft_delete(micro_credential, by=by)


@transaction.atomic
def pathway_delete(*, pathway: Pathway, by: User | None) -> None:
    """Only a draft is deleted; retire the others."""
    _draft_delete(pathway, by=by)


def _draft_delete(item: MicroCredential | Pathway, *, by: User | None) -> None:
    publish_permission_check(by=by)
    if item.status != Status.DRAFT:
        raise ValidationError("Only a draft can be deleted; retire a published one instead.")
    item.delete()
    catalog_changed()


class _RowByRowCollector(Collector):
    """Django's delete collector, made to fetch every related row (never a blind bulk
    delete), so it can tell what a delete would take with it."""

    def can_fast_delete(self, *args: Any, **kwargs: Any) -> bool:
        return False


def deletion_refusal(item: Lesson | Question | Skill) -> str:
    """Why ``item`` may not be deleted, or "": never while deleting it would delete rows
    outside the catalog (learners' answers, attempt answers, completions, review cards,
    topic follows)."""
    collector = _RowByRowCollector(using=router.db_for_write(type(item)))
    try:
        collector.collect([item])
    except (ProtectedError, RestrictedError):
        return "It is part of a micro-credential: take it out of it first."
    taken: list[type[Model]] = [m for m, rows in collector.data.items() if rows]
    records = sorted(
        {str(m._meta.verbose_name_plural) for m in taken if m._meta.app_label != "catalog"}
    )
    if not records:
        return ""
    if isinstance(item, Skill):
        return (
            f"This skill is in use ({', '.join(records)}): rename it instead, as deleting it "
            "would delete those."
        )
    what = "answered this question" if isinstance(item, Question) else "used this lesson"
    return (
        f"Learners have {what} ({', '.join(records)}): edit it instead, as deleting it "
        "would delete their records."
    )


def _delete_check(item: Lesson | Question | Skill, *, by: User) -> None:
    if not by.is_staff:
        raise PermissionDenied("Only staff can delete skills, lessons and questions.")
    reason = deletion_refusal(item)
    if reason:
        raise ValidationError(reason)


@transaction.atomic
def question_delete(*, question: Question, by: User) -> None:
    """Staff delete a question nobody has answered (see ``deletion_refusal``)."""
    _delete_check(question, by=by)
    question.delete()
    catalog_changed()


@transaction.atomic
def lesson_delete(*, lesson: Lesson, by: User) -> None:
    """Staff delete a lesson no learner has used (see ``deletion_refusal``)."""
    _delete_check(lesson, by=by)
    lesson.delete()
    catalog_changed()


@transaction.atomic
def skill_delete(*, skill: Skill, by: User) -> None:
    """Staff delete a skill nothing outside the catalog uses (see ``deletion_refusal``)."""
    _delete_check(skill, by=by)
    skill.delete()
    catalog_changed()
