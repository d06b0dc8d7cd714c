"""The reinforcement API router (mounted in bitewise/api.py): events and self-registration,
the caller's own Today items, and the skills they follow."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from bitewise.accounts.access import request_user
from bitewise.accounts.api_auth import AUTH, Error
from bitewise.catalog.models import Skill
from bitewise.reinforcement import selectors
from bitewise.reinforcement.models import EventRegistration, RegistrationSource, TopicFollow
from bitewise.reinforcement.services.digests import topic_follow, topic_unfollow
from bitewise.reinforcement.services.events import registration_add, registration_remove

router = Router(tags=["reinforcement"], auth=AUTH)


class EventOut(Schema):
    id: int
    title: str
    kind: str
    starts_at: datetime
    time_zone: str
    is_open: bool


class EventRegistrationOut(Schema):
    event_id: int
    source: str
    registered_at: datetime


class TodayItemOut(Schema):
    delivery_id: int
    kind: str
    subject: str
    message: str
    event_title: str
    due_at: datetime
    lesson_id: int | None
    question_id: int | None


class TopicOut(Schema):
    skill_id: int
    name: str
    slug: str


def _registration(registration: EventRegistration) -> dict[str, Any]:
    return {
        "event_id": registration.event_id,
        "source": registration.source,
        "registered_at": registration.created_at,
    }


@router.get("/events", response=list[EventOut], auth=None)
def event_list(request: HttpRequest) -> Any:
    """Events from a month ago onwards (campaign steps run up to 30 days after)."""
    return selectors.events_upcoming()[:200]


@router.get("/events/{event_id}", response=EventOut, auth=None)
def event_detail(request: HttpRequest, event_id: int) -> Any:
    return selectors.access_event(event_id)


@router.post("/events/{event_id}/registration", response={201: EventRegistrationOut, 400: Error})
def event_register(request: HttpRequest, event_id: int) -> Any:
    """Register yourself: you get the campaign steps still ahead, never past ones."""
    event = selectors.access_event(event_id)
    try:
        done = registration_add(
            event=event, learner=request_user(request), source=RegistrationSource.SELF
        )
    except ValidationError as exc:
        return Status(400, {"detail": " ".join(exc.messages)})
    return Status(201, _registration(done.registration))


@router.delete("/events/{event_id}/registration", response={204: None, 404: Error})
def event_leave(request: HttpRequest, event_id: int) -> Any:
    """Leave: planned steps are skipped and nothing more is sent."""
    event = selectors.access_event(event_id)
    if not registration_remove(event=event, learner=request_user(request)):
        raise Http404("Not registered")
    return Status(204, None)


@router.get("/me/today/events", response=list[TodayItemOut])
def my_today(request: HttpRequest) -> Any:
    """Your campaign steps that reached you today (your time zone)."""
    return selectors.today_items(request_user(request))


@router.get("/me/topics", response=list[TopicOut])
def my_topics(request: HttpRequest) -> Any:
    follows = TopicFollow.objects.filter(learner=request_user(request)).select_related("skill")
    return [{"skill_id": f.skill_id, "name": f.skill.name, "slug": f.skill.slug} for f in follows]


@router.put("/me/topics/{skill_id}", response={204: None, 404: Error})
def follow(request: HttpRequest, skill_id: int) -> Any:
    """Follow a skill: its new lessons and micro-credentials come in your weekly digest."""
    topic_follow(learner=request_user(request), skill=get_object_or_404(Skill, pk=skill_id))
    return Status(204, None)


@router.delete("/me/topics/{skill_id}", response={204: None, 404: Error})
def unfollow(request: HttpRequest, skill_id: int) -> Any:
    topic_unfollow(learner=request_user(request), skill=get_object_or_404(Skill, pk=skill_id))
    return Status(204, None)
