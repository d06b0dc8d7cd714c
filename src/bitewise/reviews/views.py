"""Learner pages: Today (the 5-minute review, vacation hold, digest choice) and retention
per skill."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from bitewise.accounts.access import request_user
from bitewise.common.mail_addresses import can_receive_mail
from bitewise.reinforcement.models import UnsubscribeScope
from bitewise.reinforcement.services.unsubscribe import email_allowed
from bitewise.reviews import selectors
from bitewise.reviews.errors import ReviewError
from bitewise.reviews.forms import AnswerForm, PreferencesForm
from bitewise.reviews.models import ReviewCard
from bitewise.reviews.services.cards import ReviewResult, card_review, cards_sync
from bitewise.reviews.services.preferences import preferences_update
from bitewise.reviews.shown import response_ms_from, shown_token


def _today(
    request: HttpRequest,
    *,
    card: ReviewCard | None = None,
    feedback: ReviewResult | None = None,
    answer_form: AnswerForm | None = None,
    preferences_form: PreferencesForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    learner = request_user(request)
    queue = selectors.review_queue(learner=learner)
    if card is None and feedback is None and queue.cards:
        card = queue.cards[0]
    preferences = selectors.preferences_of(learner)
    can_email = can_receive_mail(learner.email)
    context: dict[str, Any] = {
        "queue": queue,
        "card": card,
        "feedback": feedback,
        "answer_form": answer_form,
        "error": error,
        "preferences": preferences,
        # Wanted but not sent: a one-click unsubscribe, all email off, or a bouncing address.
        "digest_blocked": can_email
        and preferences.is_digest_wanted
        and not email_allowed(learner_id=learner.pk, scope=UnsubscribeScope.REVIEWS),
        "today": timezone.localdate(),
        "preferences_form": preferences_form
        or PreferencesForm(
            initial={
                "hold_from": preferences.hold_from,
                "hold_to": preferences.hold_to,
                "is_digest_wanted": preferences.is_digest_wanted,
            },
            can_email=can_email,
        ),
    }
    if card is not None:
        context["shown"] = shown_token(card_id=card.pk, learner_id=learner.pk, at=timezone.now())
        context["choices"] = list(card.question.choices.all())
    if feedback is not None:
        context["choices"] = list(feedback.card.question.choices.all())
    return render(request, "reviews/today.html", context, status=status)


@login_required
@require_GET
def today(request: HttpRequest) -> HttpResponse:
    cards_sync(learner=request_user(request))
    return _today(request)


@login_required
@require_POST
def answer(request: HttpRequest, card_id: int) -> HttpResponse:
    learner = request_user(request)
    card = selectors.access_card(learner=learner, card_id=card_id)
    choice_ids = list(card.question.choices.values_list("pk", flat=True))
    form = AnswerForm(request.POST, choice_ids=choice_ids)
    if not form.is_valid():
        return _today(request, card=card, answer_form=form, status=400)
    try:
        response_ms = response_ms_from(
            form.cleaned_data["shown"], card_id=card.pk, learner_id=learner.pk, now=timezone.now()
        )
        result = card_review(
            card=card, choice_ids=form.cleaned_data["choice"], response_ms=response_ms
        )
    except ReviewError as exc:
        return _today(request, error=str(exc), status=exc.status_code)
    cards_sync(learner=learner)
    return _today(request, feedback=result)


@login_required
@require_POST
def preferences(request: HttpRequest) -> HttpResponse:
    learner = request_user(request)
    preferences = selectors.preferences_of(learner)
    form = PreferencesForm(
        request.POST,
        initial={"is_digest_wanted": preferences.is_digest_wanted},
        can_email=can_receive_mail(learner.email),
    )
    if not form.is_valid():
        return _today(request, preferences_form=form, status=400)
    preferences_update(learner=learner, **form.cleaned_data)
    messages.success(request, "Review settings saved.")
    return redirect("reviews:today")


@login_required
@require_GET
def retention(request: HttpRequest) -> HttpResponse:
    learner = request_user(request)
    cards_sync(learner=learner)
    rows = selectors.retention_for_learner(learner=learner)
    return render(request, "reviews/retention.html", {"rows": rows})
