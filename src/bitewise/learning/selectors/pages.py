"""What the lesson page shows, in two parts kept in the shared cache.

- ``lesson_page``: the micro-credential, the lesson, its place in the order and its body
  (sanitized once), the same for every learner; kept under the catalog's version, which
  every catalog write bumps. Staff, who may open drafts, always read the database.
- ``lesson_standing``: which of the micro-credential's lessons this learner has done and
  whether they are subscribed; kept under the learner's version and the catalog's.

A media lesson's captions are part of the first: every transcript write and correction
(``search.services``) bumps the catalog's version too."""

from __future__ import annotations

from dataclasses import dataclass, fields

from django.core.cache import cache
from django.http import Http404

from bitewise.accounts.models import User
from bitewise.catalog.cache import catalog_version
from bitewise.catalog.models import Lesson, MicroCredential, Question
from bitewise.catalog.selectors import access_micro_credential
from bitewise.engines.text.markdown import sanitize_html
from bitewise.learning.cache import ENTRY_SECONDS, page_versions, shape_token
from bitewise.learning.models import Enrollment, LessonCompletion
from bitewise.search.captions import PlayerCaptions, player_captions

# Every field the page, its player and its learning record read; the bodies stay behind.
LESSON_FIELDS = (
    "id",
    "slug",
    "title",
    "kind",
    "minutes",
    "media_kind",
    "media_file",
    "media_url",
    "start_seconds",
    "end_seconds",
)


@dataclass(frozen=True)
class LessonPage:
    micro_credential: MicroCredential
    lesson: Lesson
    lesson_ids: tuple[int, ...]  # the micro-credential's lessons, in order
    body_html: str  # sanitized
    question_count: int
    captions: PlayerCaptions | None

    @property
    def position(self) -> int:
        return self.lesson_ids.index(self.lesson.pk) + 1

    @property
    def previous_id(self) -> int | None:
        index = self.position - 1
        return self.lesson_ids[index - 1] if index > 0 else None

    @property
    def next_id(self) -> int | None:
        index = self.position - 1
        return self.lesson_ids[index + 1] if index + 1 < len(self.lesson_ids) else None


@dataclass(frozen=True)
class LessonStanding:
    done: frozenset[int]  # the micro-credential's lessons this learner has done
    is_subscribed: bool


SHAPE = shape_token(
    *(f.name for f in fields(LessonPage)), *(f.name for f in fields(LessonStanding)), *LESSON_FIELDS
)


def _build_lesson_page(*, slug: str, lesson_id: int, user: User) -> LessonPage:
    mc = access_micro_credential(slug=slug, user=user)
    lesson_ids = tuple(
        mc.memberships.order_by("position", "id").values_list("lesson_id", flat=True)
    )
    if lesson_id not in lesson_ids:
        raise Http404("That lesson is not part of this micro-credential")
    # A member of a visible micro-credential is itself visible (access_lesson's rule).
    lesson = Lesson.objects.only(*LESSON_FIELDS, "body_html").get(pk=lesson_id)
    body = sanitize_html(lesson.body_html or "")
    del lesson.body_html  # deferred again: the cached lesson keeps the body once, sanitized
    return LessonPage(
        micro_credential=mc,
        lesson=lesson,
        lesson_ids=lesson_ids,
        body_html=body,
        question_count=Question.objects.filter(lesson_id=lesson_id).count(),
        captions=player_captions(lesson),
    )


def lesson_page(*, slug: str, lesson_id: int, user: User) -> LessonPage:
    """The learner-independent part of a lesson page; 404 for a micro-credential the user
    may not see or a lesson outside it."""
    if user.is_staff:
        return _build_lesson_page(slug=slug, lesson_id=lesson_id, user=user)
    key = f"learning:lesson-page:{SHAPE}:{catalog_version()}:{slug}:{lesson_id}"
    page = cache.get(key)
    if page is None:
        page = _build_lesson_page(slug=slug, lesson_id=lesson_id, user=user)
        cache.set(key, page, timeout=ENTRY_SECONDS)
    return page  # type: ignore[no-any-return]


def _build_standing(*, learner: User, page: LessonPage) -> LessonStanding:
    done = frozenset(
        LessonCompletion.objects.filter(learner=learner, lesson_id__in=page.lesson_ids).values_list(
            "lesson_id", flat=True
        )
    )
    subscribed = Enrollment.objects.filter(
        learner=learner, micro_credential=page.micro_credential, is_active=True
    ).exists()
    return LessonStanding(done=done, is_subscribed=subscribed)


def lesson_standing(*, learner: User, page: LessonPage) -> LessonStanding:
    """This learner's progress on the page's micro-credential."""
    key = (
        f"learning:lesson-standing:{SHAPE}:{learner.pk}:{page_versions(learner.pk)}:"
        f"{page.micro_credential.pk}"
    )
    standing = cache.get(key)
    if standing is None:
        standing = _build_standing(learner=learner, page=page)
        cache.set(key, standing, timeout=ENTRY_SECONDS)
    return standing  # type: ignore[no-any-return]
