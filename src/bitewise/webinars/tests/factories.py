"""Builders for the webinar tests, through the services."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from bitewise.accounts.models import Role, User
from bitewise.testing import make_user
from bitewise.webinars.models import CreditProgram, Webinar
from bitewise.webinars.services.webinars import webinar_create, webinar_publish


def program(code: str) -> CreditProgram:
    return CreditProgram.objects.get(code=code)


def make_webinar(
    *,
    publish: bool = True,
    by: User | None = None,
    starts_at: datetime | None = None,
    **values: Any,
) -> Webinar:
    fields: dict[str, Any] = {
        "title": "Revenue recognition in 15",
        "description": "Five-step model, **one** example.",
        "presenter": "Pat Lee, CPA",
        "starts_at": starts_at or timezone.now() + timedelta(days=3),
        "time_zone": "America/Chicago",
        "duration_minutes": 15,
        "capacity": 0,
        "join_url": "https://zoom.example/j/123456789",
        **values,
    }
    webinar = webinar_create(by=by or make_user(role=Role.ADMIN), **fields)
    if publish:
        # Publishing refuses sessions already over, so publish first and move it after.
        real_start = webinar.starts_at
        if webinar.ends_at <= timezone.now():
            Webinar.objects.filter(pk=webinar.pk).update(
                starts_at=timezone.now() + timedelta(days=1)
            )
            webinar.refresh_from_db()
        webinar_publish(webinar=webinar)
        Webinar.objects.filter(pk=webinar.pk).update(starts_at=real_start)
        webinar.refresh_from_db()
    return webinar


def attendance_csv(rows: list[tuple[str, datetime, datetime]]) -> bytes:
    lines = ["Email,Join Time,Leave Time"]
    lines += [f"{email},{join.isoformat()},{leave.isoformat()}" for email, join, leave in rows]
    return ("\n".join(lines) + "\n").encode()
