from __future__ import annotations

from bitewise.engines.attendance import match_registrants

from .files import parse_fixture


def test_registrants_are_matched_by_email_whatever_the_case() -> None:
    report = parse_fixture("gotowebinar_attendee_report.csv")

    match = match_registrants(
        report,
        [
            "linh.nguyen@valleyclinic.example",
            " SEAN.OBRIEN@example.com ",
            "ruth.brown@example.net",
            "marco.rossi@example.it",
            "never.heard.of@example.org",
        ],
    )

    assert sorted(match.matched) == ["linh.nguyen@valleyclinic.example", "sean.obrien@example.com"]
    # Listed as not attended, rejected for a bad time, or absent: all never joined.
    assert match.never_joined == (
        "marco.rossi@example.it",
        "never.heard.of@example.org",
        "ruth.brown@example.net",
    )
    assert [person.email for person in match.unmatched] == [
        "anna.schmidt@example.de",
        "imran.khan@example.net",
    ]


def test_people_in_the_file_who_did_not_register_are_listed_for_staff() -> None:
    report = parse_fixture("zoom_participants.csv")

    match = match_registrants(report, ["maria.gonzalez@stlukes.example"])

    assert list(match.matched) == ["maria.gonzalez@stlukes.example"]
    assert "education@nursing-assoc.example" in {person.email for person in match.unmatched}
    assert match.never_joined == ()


def test_no_registrants_means_everyone_is_unmatched() -> None:
    report = parse_fixture("teams_attendance_report.csv")

    match = match_registrants(report, [])

    assert match.matched == {}
    assert len(match.unmatched) == len(report.people)
