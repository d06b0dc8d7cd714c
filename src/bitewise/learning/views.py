"""Learner pages: the lesson player, quiz answers, subscriptions and progress."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from bitewise.accounts.models import User
from bitewise.catalog.models import Question
from bitewise.catalog.selectors import access_lesson, access_micro_credential, lessons_of
from bitewise.learning import services
from bitewise.learning.selectors import (
    answers_for_lesson,
    completed_lesson_ids,
    enrollment_for,
    learner_progress,
)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@login_required
@require_POST
def subscribe(request: HttpRequest, slug: str) -> HttpResponse:
    mc = access_micro_credential(slug=slug, user=_user(request))
    try:
        services.enrollment_subscribe(learner=_user(request), micro_credential=mc)
        messages.success(request, f"Subscribed to {mc.title}.")
    except services.LearningError as exc:
        messages.error(request, str(exc))
        return redirect("catalog:micro_credential", slug=slug)
    lessons = lessons_of(mc)
    done = completed_lesson_ids(learner=_user(request), lesson_ids=[le.pk for le in lessons])
    first_open = next((le for le in lessons if le.pk not in done), None)
    if first_open is None:
        return redirect("catalog:micro_credential", slug=slug)
    return redirect("learning:lesson", slug=slug, lesson_id=first_open.pk)


@login_required
@require_POST
def unsubscribe(request: HttpRequest, slug: str) -> HttpResponse:
    mc = access_micro_credential(slug=slug, user=_user(request))
    try:
        services.enrollment_unsubscribe(learner=_user(request), micro_credential=mc)
        messages.success(request, f"Unsubscribed from {mc.title}. Your progress is kept.")
    except services.LearningError as exc:
        messages.error(request, str(exc))
    return redirect("catalog:micro_credential", slug=slug)


@login_required
def lesson(request: HttpRequest, slug: str, lesson_id: int) -> HttpResponse:
    user = _user(request)
    mc = access_micro_credential(slug=slug, user=user)
    lessons = lessons_of(mc)
    index = next((i for i, le in enumerate(lessons) if le.pk == lesson_id), None)
    if index is None:
        raise Http404("That lesson is not part of this micro-credential")
    current = access_lesson(lesson_id=lesson_id, user=user)
    done = completed_lesson_ids(learner=user, lesson_ids=[le.pk for le in lessons])
    answers = answers_for_lesson(learner=user, lesson_id=current.pk)
    questions = [
        {"question": q, "answer": answers.get(q.pk), "choices": list(q.choices.all())}
        for q in current.questions.all()
    ]
    return render(
        request,
        "learning/lesson.html",
        {
            "mc": mc,
            "lesson": current,
            "questions": questions,
            "position": index + 1,
            "total": len(lessons),
            "previous": lessons[index - 1] if index > 0 else None,
            "next": lessons[index + 1] if index + 1 < len(lessons) else None,
            "is_done": current.pk in done,
            "all_answered": all(q["answer"] for q in questions),
            "enrollment": enrollment_for(learner=user, micro_credential=mc),
        },
    )


def _after_lesson(request: HttpRequest, slug: str, lesson_id: int) -> HttpResponse:
    mc = access_micro_credential(slug=slug, user=_user(request))
    lessons = lessons_of(mc)
    ids = [le.pk for le in lessons]
    if lesson_id in ids and ids.index(lesson_id) + 1 < len(ids):
        return redirect("learning:lesson", slug=slug, lesson_id=ids[ids.index(lesson_id) + 1])
    return redirect("catalog:micro_credential", slug=slug)


@login_required
@require_POST
def complete(request: HttpRequest, slug: str, lesson_id: int) -> HttpResponse:
    user = _user(request)
    current = access_lesson(lesson_id=lesson_id, user=user)
    try:
        services.lesson_complete(learner=user, lesson=current)
    except services.LearningError as exc:
        messages.error(request, str(exc))
        return redirect("learning:lesson", slug=slug, lesson_id=lesson_id)
    return _after_lesson(request, slug, lesson_id)


@login_required
@require_POST
def answer(request: HttpRequest, slug: str, lesson_id: int, question_id: int) -> HttpResponse:
    user = _user(request)
    current = access_lesson(lesson_id=lesson_id, user=user)
    question = Question.objects.filter(pk=question_id, lesson=current).first()
    if question is None:
        raise Http404("No such question")
    try:
        choice_ids = [int(v) for v in request.POST.getlist("choice")]
    except ValueError:
        choice_ids = [-1]
    try:
        services.question_answer(learner=user, question=question, choice_ids=choice_ids)
    except services.LearningError as exc:
        messages.error(request, str(exc))
    url = reverse("learning:lesson", kwargs={"slug": slug, "lesson_id": lesson_id})
    return redirect(f"{url}#question-{question.pk}")


@login_required
@require_POST
def retake(request: HttpRequest, slug: str, lesson_id: int) -> HttpResponse:
    current = access_lesson(lesson_id=lesson_id, user=_user(request))
    services.quiz_retake(learner=_user(request), lesson=current)
    messages.info(request, "Answers cleared. Try again.")
    return redirect("learning:lesson", slug=slug, lesson_id=lesson_id)


@login_required
def progress(request: HttpRequest) -> HttpResponse:
    return render(
        request, "learning/progress.html", {"progress": learner_progress(learner=_user(request))}
    )
