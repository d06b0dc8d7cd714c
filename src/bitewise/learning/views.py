"""Learner pages: the lesson player, subscriptions and progress (the assessment is in
``attempt_views.py``)."""

from __future__ import annotations

from functools import lru_cache

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import get_template, render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from bitewise.accounts.access import request_user
from bitewise.catalog.selectors import access_lesson, access_micro_credential, lessons_of
from bitewise.integrations.services import learning_records
from bitewise.learning import services
from bitewise.learning.cache import ENTRY_SECONDS, page_versions, shape_token
from bitewise.learning.models import Award
from bitewise.learning.selectors import (
    completed_lesson_ids,
    learner_progress,
    standings_for,
)
from bitewise.learning.selectors.pages import lesson_page, lesson_standing
from bitewise.membership.entitlements import AccessRefused, access_require


@login_required
@require_POST
def subscribe(request: HttpRequest, slug: str) -> HttpResponse:
    mc = access_micro_credential(slug=slug, user=request_user(request))
    try:
        services.enrollment_subscribe(learner=request_user(request), micro_credential=mc)
        messages.success(request, f"Subscribed to {mc.title}.")
    except (services.LearningError, AccessRefused) as exc:
        messages.error(request, str(exc))
        return redirect("catalog:micro_credential", slug=slug)
    lessons = lessons_of(mc)
    done = completed_lesson_ids(learner=request_user(request), lesson_ids=[le.pk for le in lessons])
    first_open = next((le for le in lessons if le.pk not in done), None)
    if first_open is None:
        return redirect("catalog:micro_credential", slug=slug)
    return redirect("learning:lesson", slug=slug, lesson_id=first_open.pk)


@login_required
@require_POST
def unsubscribe(request: HttpRequest, slug: str) -> HttpResponse:
    mc = access_micro_credential(slug=slug, user=request_user(request))
    try:
        services.enrollment_unsubscribe(learner=request_user(request), micro_credential=mc)
        messages.success(request, f"Unsubscribed from {mc.title}. Your progress is kept.")
    except services.LearningError as exc:
        messages.error(request, str(exc))
    return redirect("catalog:micro_credential", slug=slug)


@login_required
def lesson(request: HttpRequest, slug: str, lesson_id: int) -> HttpResponse:
    user = request_user(request)
    page = lesson_page(slug=slug, lesson_id=lesson_id, user=user)
    try:
        access_require(person=user, target=page.micro_credential)
    except AccessRefused as exc:
        messages.error(request, str(exc))
        return redirect("catalog:micro_credential", slug=slug)
    standing = lesson_standing(learner=user, page=page)
    is_done = lesson_id in standing.done
    if not is_done:
        learning_records.lesson_started(
            learner=user, lesson=page.lesson, micro_credential=page.micro_credential
        )
    return render(
        request,
        "learning/lesson.html",
        {
            "page": page,
            "mc": page.micro_credential,
            "lesson": page.lesson,
            "is_done": is_done,
            "standing": standing,
            "captions": page.captions,
        },
    )


def _after_lesson(request: HttpRequest, slug: str, lesson_id: int) -> HttpResponse:
    """The next lesson; after the last one, the badge when earned, else the assessment
    when it is still to pass, else the micro-credential's page."""
    user = request_user(request)
    mc = access_micro_credential(slug=slug, user=user)
    lessons = lessons_of(mc)
    ids = [le.pk for le in lessons]
    if lesson_id in ids and ids.index(lesson_id) + 1 < len(ids):
        return redirect("learning:lesson", slug=slug, lesson_id=ids[ids.index(lesson_id) + 1])
    if Award.objects.filter(learner=user, micro_credential=mc).exists():
        return redirect("learning:earned", slug=slug)
    standing = standings_for(learner=user, micro_credentials=[mc])[mc.pk]
    if standing.has_assessment and not standing.is_assessment_passed:
        return redirect("learning:assessment", slug=slug)
    return redirect("catalog:micro_credential", slug=slug)


@login_required
@require_POST
def complete(request: HttpRequest, slug: str, lesson_id: int) -> HttpResponse:
    user = request_user(request)
    current = access_lesson(lesson_id=lesson_id, user=user)
    try:
        services.lesson_complete(learner=user, lesson=current)
    except (services.LearningError, AccessRefused) as exc:
        messages.error(request, str(exc))
        return redirect("learning:lesson", slug=slug, lesson_id=lesson_id)
    return _after_lesson(request, slug, lesson_id)


PROGRESS_TEMPLATE = "learning/_progress.html"


@lru_cache(maxsize=1)
def _progress_shape() -> str:
    return shape_token(get_template(PROGRESS_TEMPLATE).template.source)  # type: ignore[attr-defined]


@login_required
def progress(request: HttpRequest) -> HttpResponse:
    """Kept rendered per learner under the learner's and the catalog's versions."""
    user = request_user(request)
    key = f"learning:progress-page:{_progress_shape()}:{user.pk}:{page_versions(user.pk)}"
    content = cache.get(key)
    if content is None:
        progress = learner_progress(learner=user)
        content = render_to_string(PROGRESS_TEMPLATE, {"progress": progress}, request)
        cache.set(key, content, timeout=ENTRY_SECONDS)
    return render(request, "learning/progress.html", {"content": mark_safe(content)})
