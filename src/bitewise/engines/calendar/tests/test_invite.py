from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Event

from bitewise.engines.calendar import PRODID, EventInvite, build_feed, build_invite

STAMP = datetime(2026, 2, 1, 12, 0, tzinfo=UTC)
CHICAGO = ZoneInfo("America/Chicago")


def make_invite(**changes: Any) -> EventInvite:
    fields: dict[str, Any] = {
        "uid": "webinar-7f3c@bitewise.example",
        "sequence": 0,
        "title": "Lease accounting in 15 minutes",
        "description": "Join from your browser.",
        "start": datetime(2026, 3, 10, 12, 0, tzinfo=CHICAGO),
        "duration": timedelta(minutes=15),
        "tzid": "America/Chicago",
        "location_url": "https://zoom.example/j/123?pwd=abc",
        "organizer_email": "ce@association.example",
        "organizer_name": "Association CE Team",
        "attendee_email": "zoe@learner.example",
        "attendee_name": "Zoë Núñez",
        "url": "https://bitewise.example/webinars/7f3c",
    }
    return EventInvite(**(fields | changes))


def parse(data: bytes) -> tuple[Calendar, Event]:
    calendar = Calendar.from_ical(data)
    [event] = calendar.events
    return calendar, event


def test_a_request_parses_with_every_property_a_calendar_needs() -> None:
    calendar, event = parse(build_invite(make_invite(), method="REQUEST", stamp=STAMP))

    assert calendar["PRODID"] == PRODID
    assert calendar["VERSION"] == "2.0"
    assert calendar["METHOD"] == "REQUEST"
    assert event["UID"] == "webinar-7f3c@bitewise.example"
    assert event["SEQUENCE"] == 0
    assert event.decoded("DTSTAMP") == STAMP
    assert event["SUMMARY"] == "Lease accounting in 15 minutes"
    assert event["LOCATION"] == "https://zoom.example/j/123?pwd=abc"
    assert event["URL"] == "https://bitewise.example/webinars/7f3c"
    assert event["STATUS"] == "CONFIRMED"
    assert event["ORGANIZER"] == "mailto:ce@association.example"
    assert event["ORGANIZER"].params["CN"] == "Association CE Team"
    attendee = event["ATTENDEE"]
    assert attendee == "mailto:zoe@learner.example"
    assert dict(attendee.params) == {
        "CN": "Zoë Núñez",
        "PARTSTAT": "NEEDS-ACTION",
        "ROLE": "REQ-PARTICIPANT",
        "RSVP": "TRUE",
    }
    [alarm] = event.walk("VALARM")
    assert alarm["ACTION"] == "DISPLAY"
    assert alarm.decoded("TRIGGER") == timedelta(minutes=-15)


def test_it_includes_a_vtimezone_for_the_event_zone() -> None:
    calendar, event = parse(build_invite(make_invite(), method="REQUEST", stamp=STAMP))

    assert [timezone.tz_name for timezone in calendar.timezones] == ["America/Chicago"]
    assert calendar.get_missing_tzids() == set()
    assert event["DTSTART"].params["TZID"] == "America/Chicago"
    assert event["DTEND"].params["TZID"] == "America/Chicago"


def test_output_round_trips_through_the_parser_unchanged() -> None:
    data = build_invite(make_invite(), method="REQUEST", stamp=STAMP)

    assert Calendar.from_ical(data).to_ical() == data
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))


@pytest.mark.parametrize(
    ("tzid", "start", "local", "offset_hours"),
    [
        pytest.param(
            "America/New_York",
            datetime(2026, 11, 1, 14, 0, tzinfo=UTC),
            "20261101T090000",
            -5,
            id="new-york-day-dst-ends",
        ),
        pytest.param(
            "America/New_York",
            datetime(2026, 10, 31, 13, 0, tzinfo=UTC),
            "20261031T090000",
            -4,
            id="new-york-day-before",
        ),
        pytest.param(
            "Europe/Berlin",
            datetime(2026, 3, 29, 8, 0, tzinfo=UTC),
            "20260329T100000",
            2,
            id="berlin-day-dst-starts",
        ),
        pytest.param(
            "Europe/Berlin",
            datetime(2026, 3, 28, 9, 0, tzinfo=UTC),
            "20260328T100000",
            1,
            id="berlin-day-before",
        ),
    ],
)
def test_dtstart_keeps_the_zone_and_local_time_across_dst(
    tzid: str, start: datetime, local: str, offset_hours: int
) -> None:
    data = build_invite(make_invite(tzid=tzid, start=start), method="REQUEST", stamp=STAMP)
    _, event = parse(data)

    assert f"DTSTART;TZID={tzid}:{local}".encode() in data
    parsed = event.decoded("DTSTART")
    assert parsed == start
    assert parsed.utcoffset() == timedelta(hours=offset_hours)
    assert event.decoded("DTEND") - parsed == timedelta(minutes=15)


def test_a_session_ending_in_the_repeated_hour_keeps_its_real_length() -> None:
    # 01:50 EDT + 20 min is 01:10 EST, a wall time that readers take as 01:10 EDT.
    start = datetime(2026, 11, 1, 5, 50, tzinfo=UTC)
    invite = make_invite(tzid="America/New_York", start=start, duration=timedelta(minutes=20))

    _, event = parse(build_invite(invite, method="REQUEST", stamp=STAMP))

    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=20)


def test_an_update_keeps_the_uid_and_raises_the_sequence() -> None:
    first = make_invite()
    moved = first.revised(start=datetime(2026, 3, 11, 12, 0, tzinfo=CHICAGO))

    _, before = parse(build_invite(first, method="REQUEST", stamp=STAMP))
    _, after = parse(build_invite(moved, method="REQUEST", stamp=STAMP + timedelta(hours=1)))

    assert after["UID"] == before["UID"]
    assert after.sequence > before.sequence
    assert after.decoded("DTSTART") == datetime(2026, 3, 11, 12, 0, tzinfo=CHICAGO)


def test_a_cancellation_has_method_cancel_status_cancelled_and_no_reminder() -> None:
    invite = make_invite(sequence=2)

    calendar, event = parse(build_invite(invite.cancelled(), method="CANCEL", stamp=STAMP))

    assert calendar["METHOD"] == "CANCEL"
    assert event["STATUS"] == "CANCELLED"
    assert event["UID"] == invite.uid
    assert event["SEQUENCE"] == 3
    assert event.walk("VALARM") == []


def test_method_cancel_marks_the_event_cancelled_even_if_the_caller_forgot() -> None:
    _, event = parse(build_invite(make_invite(), method="CANCEL", stamp=STAMP))

    assert event["STATUS"] == "CANCELLED"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Debits, credits; and more", id="comma-semicolon"),
        pytest.param("Line one\nLine two\n\nLine four", id="newlines"),
        pytest.param('Zoë, Ñúñez & 李雷: "quoted" \\ backslash', id="non-ascii"),
        pytest.param("x" * 300 + " long enough to be folded across several lines", id="long"),
    ],
)
def test_special_characters_are_escaped_and_survive_a_round_trip(text: str) -> None:
    invite = make_invite(title=text, description=text, attendee_name=text)

    data = build_invite(invite, method="REQUEST", stamp=STAMP)
    _, event = parse(data)

    assert event["SUMMARY"] == text
    assert event["DESCRIPTION"] == text
    assert event["ATTENDEE"].params["CN"] == text
    assert b"\nLine two" not in data
    assert Calendar.from_ical(data).to_ical() == data


def test_a_feed_publishes_many_events_without_attendees() -> None:
    invites = [
        make_invite(uid=f"webinar-{n}@bitewise.example", start=datetime(2026, 4, n, 9, tzinfo=UTC))
        for n in range(1, 4)
    ] + [make_invite(uid="webinar-b@bitewise.example", tzid="Europe/Berlin").cancelled()]

    calendar = Calendar.from_ical(build_feed(invites, stamp=STAMP, name="My CE webinars"))

    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["X-WR-CALNAME"] == "My CE webinars"
    assert [event["UID"] for event in calendar.events] == [invite.uid for invite in invites]
    assert all("ATTENDEE" not in event for event in calendar.events)
    assert all("ORGANIZER" in event for event in calendar.events)
    assert calendar.events[-1]["STATUS"] == "CANCELLED"
    assert sorted(tz.tz_name for tz in calendar.timezones) == ["America/Chicago", "Europe/Berlin"]


def test_an_empty_feed_is_still_a_calendar() -> None:
    calendar = Calendar.from_ical(build_feed([], stamp=STAMP))

    assert calendar.events == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        pytest.param(
            {"start": datetime(2026, 3, 10, 12)},  # noqa: DTZ001
            "timezone-aware",
            id="naive-start",
        ),
        pytest.param({"tzid": "Mars/Olympus_Mons"}, "unknown time zone", id="unknown-tz"),
        pytest.param({"tzid": "../../etc/passwd"}, "unknown time zone", id="path-tz"),
        pytest.param({"tzid": "Europe"}, "unknown time zone", id="directory-tz"),
        pytest.param({"duration": timedelta(minutes=-5)}, "duration must be positive", id="neg"),
        pytest.param({"duration": timedelta(0)}, "duration must be positive", id="zero"),
        pytest.param({"sequence": -1}, "sequence must be >= 0", id="negative-sequence"),
        pytest.param({"uid": " "}, "uid", id="blank-uid"),
        pytest.param({"status": "MAYBE"}, "status", id="bad-status"),
        pytest.param({"organizer_email": "nobody"}, "organizer_email", id="bad-organizer"),
        pytest.param(
            {"attendee_email": "a@b.example\r\nX-EVIL:1"}, "attendee_email", id="injected-email"
        ),
        pytest.param({"url": "https://x.example/\r\nX-EVIL:1"}, "url", id="injected-url"),
    ],
)
def test_it_refuses_invalid_input_with_a_clear_message(
    changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        make_invite(**changes)


def test_it_refuses_a_naive_stamp_and_an_unknown_method() -> None:
    with pytest.raises(ValueError, match="stamp must be timezone-aware"):
        build_invite(make_invite(), method="REQUEST", stamp=datetime(2026, 1, 1))  # noqa: DTZ001
    with pytest.raises(ValueError, match="method must be one of"):
        build_invite(make_invite(), method="COUNTER", stamp=STAMP)  # type: ignore[arg-type]


def test_a_request_needs_an_attendee() -> None:
    with pytest.raises(ValueError, match="needs an attendee_email"):
        build_invite(make_invite(attendee_email=""), method="REQUEST", stamp=STAMP)
