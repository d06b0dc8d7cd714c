"""Reads for the catalog, with permission checks in the access_* functions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.catalog.cache import catalog_version
from bitewise.catalog.models import Lesson, MicroCredential, Pathway, Skill, Status

NEW_WITHIN_DAYS = 30


@dataclass(frozen=True)
class CatalogFilters:
    skill: str = ""
    level: str = ""
    max_minutes: int | None = None
    min_credits: Decimal | None = None
    text: str = ""
    is_new: bool = False


def catalog_list(*, filters: CatalogFilters) -> QuerySet[MicroCredential]:
    """Published micro-credentials matching every given filter, newest first."""
    qs = MicroCredential.objects.filter(status=Status.PUBLISHED)
    if filters.skill:
        qs = qs.filter(skills__slug=filters.skill)
    if filters.level:
        qs = qs.filter(level=filters.level)
    if filters.max_minutes is not None:
        qs = qs.filter(estimated_minutes__lte=filters.max_minutes)
    if filters.min_credits is not None:
        qs = qs.filter(ce_credits__gte=filters.min_credits)
    if filters.text:
        qs = qs.filter(Q(title__icontains=filters.text) | Q(summary__icontains=filters.text))
    if filters.is_new:
        qs = qs.filter(published_at__gte=timezone.now() - timedelta(days=NEW_WITHIN_DAYS))
    return qs.distinct().prefetch_related("skills").order_by("-published_at", "id")


def skill_list() -> QuerySet[Skill]:
    return Skill.objects.all()


def skill_choices() -> list[tuple[str, str]]:
    """(slug, name) of every skill, from the cache while the catalog is unchanged."""
    key = f"catalog:{catalog_version()}:skill-choices"
    choices = cache.get(key)
    if choices is None:
        choices = list(Skill.objects.order_by("name").values_list("slug", "name"))
        cache.set(key, choices, timeout=3600)
    return [tuple(choice) for choice in choices]


def _visible(user: User | None) -> Q:
    if user is not None and user.is_authenticated and user.is_staff:
        return Q()
    return Q(status=Status.PUBLISHED)


def access_micro_credential(*, slug: str, user: User | None) -> MicroCredential:
    """Published ones for everyone, drafts and retired ones for staff; 404 otherwise."""
    mc = (
        MicroCredential.objects.filter(_visible(user), slug=slug).prefetch_related("skills").first()
    )
    if mc is None:
        raise Http404("No such micro-credential")
    return mc


def micro_credentials_visible_to(user: User | None) -> QuerySet[MicroCredential]:
    """What ``access_micro_credential`` shows: published ones, and every one for staff."""
    return MicroCredential.objects.filter(_visible(user))


def pathways_visible_to(user: User | None) -> QuerySet[Pathway]:
    """What ``access_pathway`` shows: published ones, and every one for staff."""
    return Pathway.objects.filter(_visible(user))


def lessons_visible_to(user: User | None) -> QuerySet[Lesson]:
    """Lessons that belong to a published micro-credential (every lesson for staff)."""
    if user is not None and user.is_authenticated and user.is_staff:
        return Lesson.objects.all()
    return Lesson.objects.filter(micro_credentials__status=Status.PUBLISHED)


def access_lesson(*, lesson_id: int, user: User | None) -> Lesson:
    """A lesson that belongs to a published micro-credential (any lesson for staff)."""
    qs = lessons_visible_to(user).filter(pk=lesson_id)
    lesson = qs.prefetch_related("questions__choices").first()
    if lesson is None:
        raise Http404("No such lesson")
    return lesson


def lessons_of(micro_credential: MicroCredential) -> list[Lesson]:
    """The ordered lessons, without their bodies (a page lists them, it does not show them)."""
    memberships = (
        micro_credential.memberships.select_related("lesson")
        .only("lesson__id", "lesson__slug", "lesson__title", "lesson__kind", "lesson__minutes")
        .order_by("position", "id")
    )
    return [m.lesson for m in memberships]


def pathway_list_published() -> QuerySet[Pathway]:
    return Pathway.objects.filter(status=Status.PUBLISHED).only("slug", "title", "summary")


def access_pathway(*, slug: str, user: User | None) -> Pathway:
    pathway = Pathway.objects.filter(_visible(user), slug=slug).first()
    if pathway is None:
        raise Http404("No such pathway")
    return pathway


def lesson_media_visible(*, stored: str, user: User | None) -> bool:
    """A stored file is the media of a lesson ``user`` may open: visible, and let in by its
    access rule (anyone, for a lesson of an open micro-credential)."""
    from bitewise.membership.entitlements import lessons_open_to  # membership stands above

    return lessons_open_to(user).filter(media_file=stored).exists()
