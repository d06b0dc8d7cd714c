from __future__ import annotations

import codecs
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from bitewise.engines.attendance import AttendanceFileError, Platform, parse_attendance

from .files import accounted_rows, parse_text

ZOOM_HEADER = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"


def test_a_person_who_left_and_rejoined_gets_one_merged_record() -> None:
    report = parse_text(
        "email,join,leave\n"
        "ann@example.org,2026-11-28T15:00:00Z,2026-11-28T15:04:00Z\n"
        "ann@example.org,2026-11-28T15:06:00Z,2026-11-28T15:12:00Z\n"
        "ann@example.org,2026-11-28T15:10:00Z,2026-11-28T15:15:00Z\n"
    )

    (ann,) = report.people
    assert ann.visits == 3
    assert len(ann.intervals) == 2
    start, end = datetime(2026, 11, 28, 15, tzinfo=UTC), datetime(2026, 11, 28, 15, 15, tzinfo=UTC)
    assert ann.minutes(session_start=start, session_end=end) == Decimal("13.00")
    assert "1 person left and rejoined; visits merged." in report.notes


def test_duplicate_rows_are_read_once_and_counted() -> None:
    row = "Ann Smith,ann@example.org,11/28/2026 10:00:00 AM,11/28/2026 10:14:00 AM,14,No\n"
    report = parse_text(ZOOM_HEADER + row + row + row)

    (ann,) = report.people
    assert ann.visits == 1
    assert ann.source_rows == (2, 3, 4)
    assert report.duplicate_rows == (3, 4)
    assert "2 duplicate rows read once (lines 3, 4)." in report.notes


def test_local_times_around_the_end_of_daylight_saving_time() -> None:
    # New York clocks went back at 2:00 EDT on 1 November 2026; 1:00-2:00 happened twice.
    report = parse_text(
        ZOOM_HEADER
        + "Early,early@example.org,11/01/2026 01:10:00 AM,11/01/2026 01:40:00 AM,30,No\n"
        + "Across,across@example.org,11/01/2026 01:50:00 AM,11/01/2026 01:10:00 AM,20,No\n"
        + "Gap,gap@example.org,03/08/2026 02:30:00 AM,03/08/2026 03:10:00 AM,10,No\n",
        default_tz="America/New_York",
    )

    early, across = report.person("early@example.org"), report.person("across@example.org")
    assert early is not None
    assert across is not None
    assert early.intervals[0].start == datetime(2026, 11, 1, 5, 10, tzinfo=UTC)  # EDT
    assert across.intervals[0].start == datetime(2026, 11, 1, 5, 50, tzinfo=UTC)  # EDT
    assert across.intervals[0].end == datetime(2026, 11, 1, 6, 10, tzinfo=UTC)  # EST
    (gap,) = report.rejected
    assert gap.email == "gap@example.org"
    assert "does not exist in America/New_York" in gap.reason


def test_a_report_in_another_zone_is_compared_in_utc() -> None:
    row = "Jonas,jonas@example.de,11/28/2026 03:58:00 PM,11/28/2026 04:20:00 PM,22,No\n"
    report = parse_text(ZOOM_HEADER + row, default_tz="Europe/Berlin")

    (jonas,) = report.people
    assert jonas.first_join == datetime(2026, 11, 28, 14, 58, tzinfo=UTC)
    session = {
        "session_start": datetime(2026, 11, 28, 15, tzinfo=UTC),
        "session_end": datetime(2026, 11, 28, 15, 15, tzinfo=UTC),
    }
    assert jonas.minutes(**session) == Decimal("15.00")


@pytest.mark.parametrize(
    ("join", "leave", "reason"),
    [
        pytest.param("soon", "11/28/2026 10:10 AM", "join time 'soon' not understood", id="bad"),
        pytest.param("11/28/2026 10:10 AM", "11/28/2026 10:01 AM", "before join", id="backwards"),
        pytest.param("11/28/2026 10:10 AM", "11/28/2026 10:10 AM", "equals join", id="empty"),
        pytest.param("", "11/28/2026 10:10 AM", "no join time", id="no-join"),
        pytest.param("11/28/2026 10:10 AM", "", "no leave time", id="no-leave"),
        pytest.param("11/28/2026 10:10 AM EST", "11/28/2026 10:20 AM XST", "unknown", id="zone"),
    ],
)
def test_rows_that_cannot_count_are_rejected_with_a_reason(
    join: str, leave: str, reason: str
) -> None:
    report = parse_text(ZOOM_HEADER + f"Ann,ann@example.org,{join},{leave},10,No\n")

    (rejected,) = report.rejected
    assert reason in rejected.reason
    assert rejected.row_number == 2
    assert rejected.email == "ann@example.org"
    assert report.people == ()


@pytest.mark.parametrize(
    ("email", "reason"),
    [
        pytest.param("", "no email: matching by name is not safe", id="blank"),
        pytest.param("Ann Smith", "'Ann Smith' is not an email address", id="a-name"),
    ],
)
def test_rows_without_a_usable_email_are_rejected(email: str, reason: str) -> None:
    report = parse_text(ZOOM_HEADER + f"Ann,{email},11/28/2026 10:00 AM,11/28/2026 10:10 AM,1,No\n")

    assert [(row.reason, row.email) for row in report.rejected] == [(reason, "")]


def test_a_missing_email_column_names_the_columns_found() -> None:
    with pytest.raises(AttendanceFileError) as raised:
        parse_text("Name,Join Time,Leave Time\nAnn,2026-11-28T15:00Z,2026-11-28T15:10Z\n")

    assert str(raised.value) == (
        "Not a usable attendance CSV: no 'Email' column "
        "(columns found on line 1: 'Name', 'Join Time', 'Leave Time')."
    )


def test_a_zoom_export_of_unique_users_says_how_to_export_again() -> None:
    text = "Name (Original Name),User Email,Total Duration (Minutes),Guest\nAnn,ann@x.org,14,No\n"

    with pytest.raises(AttendanceFileError, match=r"'Join Time' / 'Leave Time'.*unticked"):
        parse_text(text)


def test_a_platform_named_by_the_caller_is_not_second_guessed() -> None:
    text = "email,join,leave\nann@example.org,2026-11-28T15:00Z,2026-11-28T15:10Z\n"

    with pytest.raises(AttendanceFileError, match="Not a usable Zoom participants report"):
        parse_attendance(text.encode(), default_tz="UTC", platform=Platform.ZOOM)


def test_an_unknown_time_zone_name_is_a_caller_error() -> None:
    with pytest.raises(ValueError, match="unknown time zone 'Mars/Olympus'"):
        parse_text("email,join,leave\n", default_tz="Mars/Olympus")


def test_teams_without_activities_falls_back_to_first_join_and_last_leave() -> None:
    text = (
        "1. Summary\nMeeting title\tCPD\n\n2. Participants\n"
        "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole\n"
        "Ann\t28/11/2026, 15:58:00\t28/11/2026, 16:20:00\t22m\tann@example.org\tann@x\tAttendee\n"
    )

    report = parse_attendance(codecs.BOM_UTF16_LE + text.encode("utf-16-le"), default_tz="CET")

    assert report.platform is Platform.TEAMS
    (ann,) = report.people
    assert ann.first_join == datetime(2026, 11, 28, 14, 58, tzinfo=UTC)  # read day first
    assert "including any time away" in report.notes[0]


def test_zoom_webinar_attendees_who_never_came_are_listed_not_rejected() -> None:
    report = parse_text(
        "Attendee Details\n"
        "Attended,User Name (Original Name),First Name,Last Name,Email,Join Time,Leave Time\n"
        "Yes,Ann S,Ann,Smith,ann@example.org,Nov 28 2026 10:00:00 AM,Nov 28 2026 10:12:00 AM\n"
        "No,,Bob,Jones,bob@example.org,--,--\n"
    )

    assert report.platform is Platform.ZOOM
    assert [(p.email, p.has_attended) for p in report.people] == [
        ("ann@example.org", True),
        ("bob@example.org", False),
    ]
    assert report.rejected == ()
    assert "1 person listed without attending." in report.notes


def test_a_semicolon_file_from_a_european_excel_with_windows_1252() -> None:
    text = "E-Mail;Name;Join;Leave\r\nchloe@example.fr;Chloé;28.11.2026 16:00;28.11.2026 16:12\r\n"

    report = parse_attendance(text.encode("cp1252"), default_tz="Europe/Paris")

    (chloe,) = report.people
    assert chloe.name == "Chloé"
    assert chloe.first_join == datetime(2026, 11, 28, 15, tzinfo=UTC)
    assert any("Windows-1252" in note for note in report.notes)


def test_blank_lines_inside_the_table_are_not_rows() -> None:
    report = parse_text(
        "email,join,leave\n\nann@example.org,2026-11-28T15:00Z,2026-11-28T15:10Z\n,,\n"
    )

    assert report.data_rows == (3,)
    assert accounted_rows(report) == [3]


def test_a_5000_row_report_is_read_in_full() -> None:
    lines = ["Email,Join,Leave"]
    for number in range(2500):
        email = f"member{number}@example.org"
        lines.append(f"{email},2026-11-28T15:00:00Z,2026-11-28T15:06:00Z")
        lines.append(f"{email},2026-11-28T15:05:00Z,2026-11-28T15:15:00Z")
    lines[100] = lines[99]  # one duplicate

    report = parse_text("\n".join(lines) + "\n")

    assert len(report.data_rows) == 5000
    assert len(report.people) == 2500
    assert report.duplicate_rows == (101,)
    assert accounted_rows(report) == list(range(2, 5002))
    assert all(len(person.intervals) == 1 for person in report.people)


def test_a_header_without_rows_is_an_empty_report_that_says_so() -> None:
    report = parse_text("email,join,leave\n")

    assert (report.people, report.rejected, report.data_rows) == ((), (), ())
    assert report.notes == ("The attendance table is empty.",)
