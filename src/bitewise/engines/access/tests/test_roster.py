from __future__ import annotations

from datetime import date

import pytest

from bitewise.engines.access.roster import RosterError, roster_read_csv, roster_text


def test_it_reads_every_row_and_says_why_bad_ones_are_refused() -> None:
    text = (
        "Member ID,E-mail,Tier,Expiry\n"
        "A1,Ana@Example.org,gold,2027-01-31\n"
        "A2,not-an-address,gold,2027-01-31\n"
        "A3,bo@example.org,silver,31/01/2027\n"
        "A4,ana@example.org,gold,\n"
        "A1,cy@example.org,gold,\n"
        "\n"
        "A6,dee@example.org,,\n"
    )
    rows = roster_read_csv(text)
    assert [(r.row, r.error) for r in rows] == [
        (2, ""),
        (3, "Not an email address."),
        (4, "“31/01/2027” is not a date (use YYYY-MM-DD)."),
        (5, "Same email as row 2."),
        (6, "Same id as row 2."),
        (8, ""),
    ]
    assert rows[0].email == "ana@example.org"
    assert rows[0].expires == date(2027, 1, 31)
    assert rows[-1].expires is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"PK\x03\x04rest", "not a CSV text file"),
        (b"\xff\xfeb\x00", "not a CSV text file"),
        (b"caf\xe9", "not UTF-8"),
        (b"a" * 2_000_001, r"larger than 2\.0 MB\."),
    ],
    ids=["zip", "utf16", "latin1", "over-2-MB"],
)
def test_it_refuses_files_that_are_not_csv_text(data: bytes, message: str) -> None:
    with pytest.raises(RosterError, match=message):
        roster_text(data)


def test_it_needs_an_email_column() -> None:
    with pytest.raises(RosterError, match="name the columns"):
        roster_read_csv("id,name\n1,Ana\n")
