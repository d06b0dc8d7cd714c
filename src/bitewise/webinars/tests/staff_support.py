"""Shared pieces of the webinar staff-page tests."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.webinars.models import (
    CreditProgram,
    Webinar,
)
from bitewise.webinars.services.webinars import webinar_create, webinar_publish

DATA = Path(__file__).resolve().parents[2] / "engines" / "attendance" / "tests" / "data"
NEW_YORK = ZoneInfo("America/New_York")
# The Zoom fixture's meeting ran 09:55-10:20 New York time on 28 November 2026.
ZOOM_SESSION = datetime(2026, 11, 28, 10, 0, tzinfo=NEW_YORK)
BEFORE_ZOOM = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
AFTER_ZOOM = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


def logged_in(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


def program(code: str) -> CreditProgram:
    return CreditProgram.objects.get(code=code)


def make_webinar(*, publish: bool = False, by: User | None = None, **values: Any) -> Webinar:
    fields: dict[str, Any] = {
        "title": "Hand hygiene in 15 minutes",
        "presenter": "Dr Ada Obi",
        "starts_at": timezone.now() + timedelta(days=3),
        "time_zone": "America/New_York",
        "duration_minutes": 15,
        "capacity": 0,
        "join_url": "https://zoom.example/j/81234567890",
        **values,
    }
    webinar = webinar_create(by=by, **fields)
    return webinar_publish(webinar=webinar) if publish else webinar


def form_data(**overrides: Any) -> dict[str, Any]:
    return {
        "title": "Revenue recognition in 15",
        "description": "Five steps, **one** example.",
        "presenter": "Pat Lee, CPA",
        "starts_local": "2026-12-10T14:30",
        "zone_choice": "America/Chicago",
        "zone_other": "",
        "duration_minutes": "15",
        "capacity": "0",
        "join_url": "https://zoom.example/j/123",
        "credit_program": "",
        "series": "",
        "checks_planned": "3",
        "assessment": "",
        "self_study_program": "",
        "self_study_percent": "90",
        "follow_up": "",
        **overrides,
    }


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


def text(response: Any) -> str:
    return str(response.content.decode())


ANY_ID = uuid.uuid4()
STAFF_PAGES = [
    ("list", {}, "get"),
    ("new", {}, "get"),
    ("new", {}, "post"),
    ("detail", {"webinar_id": ANY_ID}, "get"),
    ("edit", {"webinar_id": ANY_ID}, "post"),
    ("publish", {"webinar_id": ANY_ID}, "post"),
    ("cancel", {"webinar_id": ANY_ID}, "post"),
    ("checks", {"webinar_id": ANY_ID}, "get"),
    ("check_open", {"webinar_id": ANY_ID}, "post"),
    ("import_new", {"webinar_id": ANY_ID}, "post"),
    ("import", {"webinar_id": ANY_ID, "import_id": 1}, "get"),
    ("unmatched_resolve", {"webinar_id": ANY_ID, "unmatched_id": 1}, "post"),
    ("unmatched_dismiss", {"webinar_id": ANY_ID, "unmatched_id": 1}, "post"),
    ("credit", {"webinar_id": ANY_ID}, "get"),
    ("credit", {"webinar_id": ANY_ID}, "post"),
    ("credit_revoke", {"webinar_id": ANY_ID, "award_id": ANY_ID}, "post"),
    ("recording", {"webinar_id": ANY_ID}, "post"),
    ("follow_up", {"webinar_id": ANY_ID}, "post"),
    ("programs", {}, "get"),
    ("program_new", {}, "post"),
    ("program_edit", {"program_id": 1}, "post"),
]
PAGE_IDS = [f"{method}-{name}" for name, _, method in STAFF_PAGES]
