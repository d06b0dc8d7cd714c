from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from bitewise.engines.attendance import Platform

from .files import DATA, FIXTURES, accounted_rows, parse_fixture

# The credited session: 10:00 to 10:15 New York time on 28 November 2026.
START = datetime(2026, 11, 28, 15, 0, tzinfo=UTC)
END = datetime(2026, 11, 28, 15, 15, tzinfo=UTC)


def at(hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(2026, 11, 28, hour, minute, second, tzinfo=UTC)


@pytest.mark.parametrize("name", FIXTURES)
def test_every_data_row_is_in_exactly_one_person_or_rejected(name: str) -> None:
    report = parse_fixture(name)

    assert accounted_rows(report) == sorted(report.data_rows)
    assert report.data_rows


@pytest.mark.parametrize("name", FIXTURES)
def test_rejected_rows_keep_the_line_as_written(name: str) -> None:
    report = parse_fixture(name)
    lines = (DATA / name).read_bytes().decode(report.encoding).removeprefix("\ufeff").splitlines()

    for row in report.rejected:
        assert row.raw == lines[row.row_number - 1]
        assert row.reason


@pytest.mark.parametrize(
    ("name", "platform", "encoding"),
    [
        pytest.param("zoom_participants.csv", Platform.ZOOM, "utf-8-sig", id="zoom"),
        pytest.param("gotowebinar_attendee_report.csv", Platform.GOTOWEBINAR, "utf-8", id="goto"),
        pytest.param("teams_attendance_report.csv", Platform.TEAMS, "utf-16", id="teams"),
        pytest.param("generic_attendance.csv", Platform.GENERIC, "utf-8", id="generic"),
    ],
)
def test_it_detects_the_platform_and_encoding(name: str, platform: Platform, encoding: str) -> None:
    report = parse_fixture(name)

    assert (report.platform, report.encoding) == (platform, encoding)


def test_zoom_participants_report() -> None:
    report = parse_fixture("zoom_participants.csv")

    assert (report.meeting_start, report.meeting_end) == (at(14, 55, 3), at(15, 20, 41))
    dev = report.person("dev.patel@mercy-health.example")
    assert dev is not None
    assert dev.visits == 2
    assert dev.minutes(session_start=START, session_end=END) == Decimal("13.28")
    maria = report.person("maria.gonzalez@stlukes.example")
    assert maria is not None
    assert maria.first_join == at(14, 59, 55)  # the waiting-room row before it does not count
    assert maria.source_rows == (6, 7)
    assert report.duplicate_rows == (11,)
    chloe = report.person("chloe.martin@clinique.example")
    assert chloe is not None
    assert chloe.name == "Chloé Martin"
    assert chloe.minutes(session_start=START, session_end=END) == Decimal("14.00")
    assert [(row.row_number, row.reason) for row in report.rejected] == [
        (12, "no email: matching by name is not safe"),
        (13, "leave time equals join time: no time attended"),
        (14, "leave time is before join time"),
    ]
    assert "1 row of time in the waiting room not counted." in report.notes


def test_gotowebinar_attendee_report() -> None:
    report = parse_fixture("gotowebinar_attendee_report.csv", default_tz="Europe/Paris")

    # Zones come from the values themselves (EST, PST), not from the default.
    assert (report.meeting_start, report.meeting_end) == (at(14, 55), at(15, 21))
    sean = report.person("sean.obrien@example.com")
    assert sean is not None
    assert sean.name == "Sean O'Brien"
    assert sean.intervals[0].start == at(15, 1)
    never = [person.email for person in report.people if not person.has_attended]
    assert never == ["imran.khan@example.net", "ruth.brown@example.net"]
    assert [row.email for row in report.rejected] == ["marco.rossi@example.it", ""]
    assert "day is out of range" in report.rejected[0].reason
    assert "Ignored columns: Job Title, Organization." in report.notes
    assert any("Panelist Details" in note for note in report.notes)
    assert report.person("tolu.adeyemi@association.example") is None


def test_teams_report_uses_every_join_and_leave() -> None:
    report = parse_fixture("teams_attendance_report.csv")

    priya = report.person("priya.raman@cityhospital.example")
    assert priya is not None
    assert [(i.start, i.end) for i in priya.intervals] == [
        (at(14, 58, 12), at(15, 5)),
        (at(15, 8, 50), at(15, 19, 40)),
    ]
    aisha = report.person("aisha.bello@healthtrust.example")
    assert aisha is not None
    assert aisha.minutes(session_start=START, session_end=END) == Decimal("12.25")
    assert report.person("tomasz.wojcik@example.pl") is not None  # comma inside a TSV name
    assert [(row.row_number, row.reason) for row in report.rejected] == [
        (26, "no email: matching by name is not safe"),
        (27, "no leave time"),
    ]
    assert report.meeting_start == at(14, 55, 3)


def test_generic_csv() -> None:
    report = parse_fixture("generic_attendance.csv")

    assert [person.email for person in report.people] == [
        "ann.fischer@example.org",
        "bob@example.org",
        "carla.mendes@example.pt",
    ]
    ann = report.person("ann.fischer@example.org")
    assert ann is not None
    assert ann.intervals[0].start == at(14, 58)
    assert ann.intervals[0].end == at(15, 19)  # touching visits merge into one
    carla = report.person("carla.mendes@example.pt")
    assert carla is not None
    assert carla.first_join == at(15, 0)  # no offset: read in the default zone
    assert report.rejected[0].email == "dan.kim@example.com"
    assert "Ignored columns: Seat." in report.notes
