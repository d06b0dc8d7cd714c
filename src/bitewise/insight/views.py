"""The learner's side of insight: answering a retention check from Today."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from bitewise.accounts.models import User
from bitewise.insight.errors import InsightError
from bitewise.insight.selectors.checks import access_check, checks_for_today
from bitewise.insight.services.checks import retention_check_answer
from bitewise.reviews.selectors import review_queue


@login_required
@require_POST
def check_answer(request: HttpRequest, check_id: int) -> HttpResponse:
    learner = request.user
    assert isinstance(learner, User)
    check = access_check(learner=learner, check_id=check_id)
    queue = review_queue(learner=learner)
    today = checks_for_today(
        learner=learner, reviews_done=queue.done_today, reviews_waiting=queue.left_today
    )
    if check.pk not in {c.pk for c in today}:
        messages.error(request, "That check is not one of today's.")
        return redirect("reviews:today")
    try:
        choice_ids = [int(value) for value in request.POST.getlist("choice")]
    except ValueError:
        choice_ids = [-1]  # refused below as a choice of another question
    try:
        result = retention_check_answer(check=check, choice_ids=choice_ids)
    except InsightError as exc:
        messages.error(request, str(exc))
        return redirect("reviews:today")
    right = ", ".join(
        c.text for c in result.check.question.choices.all() if c.pk in result.correct_choice_ids
    )
    verdict = "You still know it." if result.is_correct else f"Not quite: the answer is {right}."
    show = messages.success if result.is_correct else messages.info
    show(request, f"{verdict} Thanks, that check is recorded.")
    return redirect("reviews:today")
