"""Learner pages for a micro-credential's assessment: its rules and attempts, one attempt
(answer, submit, then its results), and the moment of earning the badge."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from bitewise.accounts.access import request_user
from bitewise.catalog.selectors import access_micro_credential, lessons_of
from bitewise.engines.text.numbers import whole_number
from bitewise.learning import services
from bitewise.learning.models import Attempt, Award
from bitewise.learning.selectors import (
    access_attempt,
    assessment_status_for,
    attempt_detail,
    completed_lesson_ids,
)
from bitewise.membership.entitlements import AccessRefused

MAX_CHOICES = 20  # more ticked boxes than any question has is not an answer


def _attempt_of(request: HttpRequest, slug: str, attempt_id: int) -> Attempt:
    """The learner's own attempt, at the micro-credential the address names (their own
    attempts stay readable when the micro-credential is retired)."""
    attempt = access_attempt(attempt_id=attempt_id, learner=request_user(request))
    if attempt.micro_credential.slug != slug:
        raise Http404("No such attempt")
    return attempt


@login_required
def assessment(request: HttpRequest, slug: str) -> HttpResponse:
    user = request_user(request)
    mc = access_micro_credential(slug=slug, user=user)
    status = assessment_status_for(learner=user, micro_credential=mc)
    if not status.has_assessment:
        raise Http404("This micro-credential has no assessment")
    lessons = lessons_of(mc)
    done = completed_lesson_ids(learner=user, lesson_ids=[le.pk for le in lessons])
    return render(
        request,
        "learning/assessment.html",
        {
            "mc": mc,
            "status": status,
            "lessons_left": [le for le in lessons if le.pk not in done],
        },
    )


@login_required
@require_POST
def attempt_start(request: HttpRequest, slug: str) -> HttpResponse:
    mc = access_micro_credential(slug=slug, user=request_user(request))
    try:
        attempt = services.attempt_start(learner=request_user(request), micro_credential=mc)
    except (services.LearningError, AccessRefused) as exc:
        messages.error(request, str(exc))
        return redirect("learning:assessment", slug=slug)
    return redirect("learning:attempt", slug=slug, attempt_id=attempt.pk)


@login_required
def attempt(request: HttpRequest, slug: str, attempt_id: int) -> HttpResponse:
    user = request_user(request)
    current = _attempt_of(request, slug, attempt_id)
    mc = current.micro_credential
    return render(
        request,
        "learning/attempt.html",
        {
            "mc": mc,
            "attempt": current,
            "detail": attempt_detail(attempt=current),
            "status": assessment_status_for(learner=user, micro_credential=mc)
            if current.is_submitted
            else None,
        },
    )


def _choice_ids(request: HttpRequest) -> list[int]:
    values = request.POST.getlist("choice")[:MAX_CHOICES]
    try:
        return [int(v) for v in values]
    except ValueError:
        return [-1]  # refused by the service as "not a choice of this question"


@login_required
@require_POST
def attempt_answer(
    request: HttpRequest, slug: str, attempt_id: int, question_id: int
) -> HttpResponse:
    current = _attempt_of(request, slug, attempt_id)
    try:
        services.attempt_answer(
            learner=request_user(request),
            attempt_id=current.pk,
            question_id=question_id,
            choice_ids=_choice_ids(request),
        )
    except services.LearningError as exc:
        messages.error(request, str(exc))
    url = reverse("learning:attempt", kwargs={"slug": slug, "attempt_id": current.pk})
    return redirect(f"{url}#question-{question_id}")


@login_required
@require_POST
def attempt_answers(request: HttpRequest, slug: str, attempt_id: int) -> HttpResponse:
    """Every answer on the page at once (answers shown after submitting): a question's "Save
    answer" keeps what is chosen in the others too, and "Submit" saves them first."""
    current = _attempt_of(request, slug, attempt_id)
    learner = request_user(request)
    problems = []
    for item in attempt_detail(attempt=current).questions:
        values = request.POST.getlist(f"q-{item.question.pk}")[:MAX_CHOICES]
        chosen = [whole_number(v) for v in values]
        ids = [-1 if c is None else c for c in chosen]  # the service refuses a non-choice
        if not ids or set(ids) == {c.id for c in item.choices if c.is_chosen}:
            continue  # nothing chosen, or as saved
        try:
            services.attempt_answer(
                learner=learner, attempt_id=current.pk, question_id=item.question.pk, choice_ids=ids
            )
        except services.LearningError as exc:
            problems.append(f"Question {item.number}: {exc}")
    url = reverse("learning:attempt", kwargs={"slug": slug, "attempt_id": current.pk})
    if problems:
        messages.error(request, " ".join(problems))
        return redirect(url)
    if request.POST.get("action") == "submit":
        return _submitted(request, slug, current)
    saved = whole_number(request.POST.get("save", ""))
    return redirect(f"{url}#question-{saved}" if saved is not None else url)


@login_required
@require_POST
def attempt_submit(request: HttpRequest, slug: str, attempt_id: int) -> HttpResponse:
    return _submitted(request, slug, _attempt_of(request, slug, attempt_id))


def _submitted(request: HttpRequest, slug: str, current: Attempt) -> HttpResponse:
    submitted = services.attempt_submit(learner=request_user(request), attempt_id=current.pk)
    mc_id = current.micro_credential_id
    if Award.objects.filter(learner=request_user(request), micro_credential_id=mc_id).exists():
        return redirect("learning:earned", slug=slug)
    return redirect("learning:attempt", slug=slug, attempt_id=submitted.pk)


@login_required
def earned(request: HttpRequest, slug: str) -> HttpResponse:
    """The moment worth sharing: the badge, and ways to show it."""
    user = request_user(request)
    mc = access_micro_credential(slug=slug, user=user)
    award = Award.objects.filter(learner=user, micro_credential=mc).first()
    if award is None:
        raise Http404("Not earned yet")
    # Issued by the credentials app once the award is recorded (a moment later when a
    # worker runs it): until then the page says so and looks again.
    credential = getattr(award, "credential", None)
    return render(
        request,
        "learning/earned.html",
        {
            "mc": mc,
            "award": award,
            "credential": credential,
            "status": assessment_status_for(learner=user, micro_credential=mc),
        },
    )
