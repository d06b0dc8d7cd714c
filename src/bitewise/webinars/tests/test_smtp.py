"""The registration email and its calendar invite over real SMTP."""

from __future__ import annotations

import pytest
from icalendar import Calendar

from bitewise.accounts.tests.test_smtp import Inbox, smtp_inbox  # noqa: F401  (fixture)
from bitewise.testing import make_user
from bitewise.webinars.services.registration import registration_create
from bitewise.webinars.tests.factories import make_webinar


@pytest.mark.django_db
def test_the_confirmation_arrives_with_text_html_and_a_calendar_request(
    smtp_inbox: Inbox,  # noqa: F811
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    webinar = make_webinar(title="Fall prevention, 15 minutes", time_zone="America/Denver")
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(learner=make_user(email="amy@example.org"), webinar=webinar)

    [(recipients, message)] = smtp_inbox.messages
    assert recipients == ["amy@example.org"]
    assert message["Subject"] == "Registered: Fall prevention, 15 minutes"
    parts = {part.get_content_type(): part for part in message.walk()}
    assert {"text/plain", "text/html", "text/calendar"} <= set(parts)
    calendar_part = parts["text/calendar"]
    assert calendar_part.get_param("method") == "REQUEST"
    calendar = Calendar.from_ical(calendar_part.get_payload(decode=True))
    [event] = calendar.events
    assert str(event["SUMMARY"]) == "Fall prevention, 15 minutes"
    assert event.DTSTART.tzinfo.key == "America/Denver"  # type: ignore[attr-defined]
    assert "America/Denver" in [str(tz["TZID"]) for tz in calendar.timezones]
