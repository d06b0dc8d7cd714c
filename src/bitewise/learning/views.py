"""Learner pages: the lesson player, subscriptions and progress (the assessment is in
``attempt_views.py``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from bitewise.accounts.access import request_user
from bitewise.catalog.selectors import access_lesson, access_micro_credential, lessons_of
from bitewise.integrations.services import learning_records
from bitewise.learning import services
from bitewise.learning.models import Award
from bitewise.learning.selectors import (
    completed_lesson_ids,
    enrollment_for,
    learner_progress,
    standings_for,
)
from bitewise.search.captions import player_captions


@login_required
@require_POST
def subscribe(request: HttpRequest, slug: str) -> HttpResponse:
    mc = access_micro_credential(slug=slug, user=request_user(request))
    try:
        services.enrollment_subscribe(learner=request_user(request), micro_credential=mc)
        messages.success(request, f"Subscribed to {mc.title}.")
    except services.LearningError as exc:
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
    mc = access_micro_credential(slug=slug, user=user)
    lessons = lessons_of(mc)
    index = next((i for i, le in enumerate(lessons) if le.pk == lesson_id), None)
    if index is None:
        raise Http404("That lesson is not part of this micro-credential")
    current = access_lesson(lesson_id=lesson_id, user=user)
    done = completed_lesson_ids(learner=user, lesson_ids=[le.pk for le in lessons])
    if current.pk not in done:
        learning_records.lesson_started(learner=user, lesson=current, micro_credential=mc)
    return render(
        request,
        "learning/lesson.html",
        {
            "mc": mc,
            "lesson": current,
            # Its questions are answered in the micro-credential's assessment.
            "question_count": current.questions.count(),
            "position": index + 1,
            "total": len(lessons),
            "previous": lessons[index - 1] if index > 0 else None,
            "next": lessons[index + 1] if index + 1 < len(lessons) else None,
            "is_done": current.pk in done,
            "enrollment": enrollment_for(learner=user, micro_credential=mc),
            "captions": player_captions(current),
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
    except services.LearningError as exc:
        messages.error(request, str(exc))
        return redirect("learning:lesson", slug=slug, lesson_id=lesson_id)
    return _after_lesson(request, slug, lesson_id)


@login_required
def progress(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "learning/progress.html",
        {"progress": learner_progress(learner=request_user(request))},
    )
