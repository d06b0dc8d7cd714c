"""Learner pages: events and self-registration, the Today item, topics and delivery
settings, and the one-click unsubscribe page (no login: the signed token is the key)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from bitewise.accounts.access import request_user
from bitewise.catalog.models import Skill
from bitewise.common.mail_addresses import can_receive_mail
from bitewise.membership.entitlements import decision_for
from bitewise.reinforcement import selectors
from bitewise.reinforcement.forms import PreferencesForm, TopicsForm
from bitewise.reinforcement.models import Delivery, RegistrationSource, StepKind, UnsubscribeScope
from bitewise.reinforcement.services.digests import topic_follow, topic_unfollow
from bitewise.reinforcement.services.events import registration_add, registration_remove
from bitewise.reinforcement.services.preferences import preferences_of, preferences_save
from bitewise.reinforcement.services.sending import lesson_url
from bitewise.reinforcement.services.unsubscribe import (
    BadToken,
    unsubscribe_apply,
    unsubscribe_read,
)


def event_list(request: HttpRequest) -> HttpResponse:
    return render(request, "reinforcement/events.html", {"events": selectors.events_upcoming()})


def event_detail(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.access_event(event_id)
    registered = request.user.is_authenticated and selectors.is_registered(
        event, request_user(request)
    )
    user = request.user if request.user.is_authenticated else None
    access = decision_for(person=user, target=event)  # type: ignore[arg-type]
    return render(
        request,
        "reinforcement/event.html",
        {"event": event, "registered": registered, "access": access},
    )


@login_required
@require_POST
def event_register(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.access_event(event_id)
    try:
        registration_add(event=event, learner=request_user(request), source=RegistrationSource.SELF)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "You are registered: the lessons come on schedule.")
    return redirect("reinforcement:event", event_id=event.pk)


@login_required
@require_POST
def event_leave(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.access_event(event_id)
    registration_remove(event=event, learner=request_user(request))
    messages.success(request, "You left this event; nothing more will be sent for it.")
    return redirect("reinforcement:event", event_id=event.pk)


@login_required
def today_item(request: HttpRequest, delivery_id: int) -> HttpResponse:
    """One item of the learner's own Today feed: 404 for anyone else's."""
    delivery = (
        Delivery.objects.select_related("step__lesson", "step__question__lesson", "step__campaign")
        .filter(pk=delivery_id, learner=request_user(request))
        .first()
    )
    if delivery is None:
        raise Http404("No such item")
    step = delivery.step
    if step.kind == StepKind.LESSON and step.lesson:
        return redirect(lesson_url(step.lesson))
    if step.kind == StepKind.QUESTION and step.question:
        return redirect(lesson_url(step.question.lesson))
    return render(request, "reinforcement/item.html", {"step": step})


@login_required
def topics(request: HttpRequest) -> HttpResponse:
    """Settings: the skills the learner follows (weekly digest) and how they get email."""
    learner = request_user(request)
    followed = selectors.followed_skill_ids(learner)
    prefs = preferences_of(learner)
    topics_form = TopicsForm(skills=selectors.skills_all(), initial={"skills": list(followed)})
    can_email = can_receive_mail(learner.email)
    prefs_form = PreferencesForm(initial=prefs.__dict__, can_email=can_email)
    status = 200
    if request.method == "POST" and request.POST.get("form") == "topics":
        topics_form = TopicsForm(request.POST, skills=selectors.skills_all())
        if topics_form.is_valid():
            chosen: list[Skill] = list(topics_form.cleaned_data["skills"])
            for skill in chosen:
                if skill.pk not in followed:
                    topic_follow(learner=learner, skill=skill)
            for skill in Skill.objects.filter(pk__in=followed - {s.pk for s in chosen}):
                topic_unfollow(learner=learner, skill=skill)
            messages.success(request, "Your topics are saved.")
            return redirect("reinforcement:topics")
        status = 400
    elif request.method == "POST":
        prefs_form = PreferencesForm(request.POST, initial=prefs.__dict__, can_email=can_email)
        if prefs_form.is_valid():
            try:
                preferences_save(learner=learner, **prefs_form.cleaned_data)
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    prefs_form.add_error(field, errors)
            else:
                messages.success(request, "Your delivery settings are saved.")
                return redirect("reinforcement:topics")
        status = 400
    return render(
        request,
        "reinforcement/topics.html",
        {"topics_form": topics_form, "prefs_form": prefs_form},
        status=status,
    )


SCOPE_WORDS = {
    UnsubscribeScope.ALL: "all email from Bitewise",
    UnsubscribeScope.CAMPAIGN: "the emails of this event campaign",
    UnsubscribeScope.TOPIC: "this topic in your weekly digest",
    UnsubscribeScope.DIGEST: "the weekly topic digest",
    UnsubscribeScope.REVIEWS: "the daily review digest",
    UnsubscribeScope.AWARDS: "the emails about badges you earn",
}


@require_http_methods(["GET", "HEAD", "POST"])
@csrf_exempt  # RFC 8058: mail clients POST without a session; the signed token is the key
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a confirm button; POST (the button, or a mail client's one-click POST)
    unsubscribes. A changed or made-up token gets a 400 page and changes nothing."""
    try:
        wanted = unsubscribe_read(token)
    except BadToken:
        return render(request, "reinforcement/unsubscribe_bad.html", status=400)
    context = {"what": SCOPE_WORDS[UnsubscribeScope(wanted.scope)], "token": token}
    if request.method == "POST":
        if not unsubscribe_apply(request=wanted):
            return render(request, "reinforcement/unsubscribe_bad.html", status=400)
        return render(request, "reinforcement/unsubscribe_done.html", context)
    return render(request, "reinforcement/unsubscribe.html", context)
