"""Shared pieces of the webinars API tests."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.accounts.services import api_token_create
from bitewise.webinars.models import (
    CreditAward,
    CreditProgram,
    Webinar,
)
from bitewise.webinars.services.follow_up import recording_attach
from bitewise.webinars.services.programs import credit_programs_install
from bitewise.webinars.services.viewing import viewing_heartbeat
from bitewise.webinars.services.webinars import webinar_create, webinar_publish


def bearer(user: User) -> dict[str, str]:
    return {"Authorization": f"Bearer {api_token_create(user=user, name='t').secret}"}


def post(client: Client, url: str, body: object, headers: dict[str, str]) -> Any:
    return client.post(url, data=json.dumps(body), content_type="application/json", headers=headers)


def program(code: str) -> CreditProgram:
    credit_programs_install()
    return CreditProgram.objects.get(code=code)


def make_webinar(
    *, starts_in: timedelta = timedelta(days=2), publish: bool = True, **values: Any
) -> Webinar:
    values = {
        "title": "Sepsis in 15 minutes",
        "presenter": "Dr. Ada Moss",
        "starts_at": timezone.now() + starts_in,
        "time_zone": "America/Chicago",
        "duration_minutes": 15,
        "capacity": 0,
        "join_url": "https://meet.example.org/sepsis",
        **values,
    }
    webinar = webinar_create(by=None, **values)
    return webinar_publish(webinar=webinar) if publish else webinar


def make_recorded_webinar(**values: Any) -> Webinar:
    webinar = make_webinar(duration_minutes=20, self_study_program=program("custom"), **values)
    return recording_attach(webinar=webinar, seconds=1200, url="https://cdn.example.org/r.mp4")


def earn_self_study_credit(learner: User, webinar: Webinar) -> CreditAward:
    """Watch the whole 20-minute recording at real speed: 0.25 CE hour (custom rule)."""
    now = timezone.now()
    for start in range(0, 1200, 120):
        viewing_heartbeat(learner=learner, webinar=webinar, start=start, end=start + 120, now=now)
        now += timedelta(seconds=60)
    return CreditAward.objects.get(learner=learner, webinar=webinar)
