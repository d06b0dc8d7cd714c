from __future__ import annotations

import codecs
import random

import pytest

from bitewise.engines.attendance import AttendanceFileError, decode_report, sniff_delimiter

TEXT = "Email,Name\r\nchloe@example.org,Chloé Martin\r\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        pytest.param(TEXT.encode("utf-8"), "utf-8", id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig", id="utf-8-bom"),
        pytest.param(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16", id="utf-16-le-bom"),
        pytest.param(codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16", id="utf-16-be-bom"),
        pytest.param(TEXT.encode("utf-16-le"), "utf-16-le", id="utf-16-le-no-bom"),
        pytest.param(TEXT.encode("utf-16-be"), "utf-16-be", id="utf-16-be-no-bom"),
    ],
)
def test_it_reads_the_encodings_reports_arrive_in(data: bytes, encoding: str) -> None:
    decoded = decode_report(data)

    assert decoded.text == TEXT
    assert decoded.encoding == encoding
    assert not decoded.is_guessed


def test_it_falls_back_to_windows_1252_and_says_so() -> None:
    decoded = decode_report(TEXT.encode("cp1252"))

    assert decoded.text == TEXT
    assert decoded.is_guessed


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"\xef\xbb\xbf\r\n \r\n", id="bom-and-blank-lines"),
        pytest.param(codecs.BOM_UTF16_LE, id="utf-16-bom-only"),
    ],
)
def test_it_refuses_an_empty_file(data: bytes) -> None:
    with pytest.raises(AttendanceFileError, match="empty"):
        decode_report(data)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(random.Random(7).randbytes(4096), id="random-bytes"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), id="png"),
        pytest.param(bytes(range(32)) * 20, id="control-characters"),
    ],
)
def test_it_refuses_binary_garbage(data: bytes) -> None:
    with pytest.raises(AttendanceFileError, match="does not look like a text"):
        decode_report(data)


def test_it_tells_staff_to_save_a_workbook_as_csv() -> None:
    with pytest.raises(AttendanceFileError, match="save it as CSV"):
        decode_report(b"PK\x03\x04\x14\x00\x06\x00" + bytes(100))


def test_it_refuses_broken_utf_16() -> None:
    with pytest.raises(AttendanceFileError, match="utf-16"):
        decode_report(codecs.BOM_UTF16_LE + b"E\x00m\x00\x00\xd8")


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        pytest.param("a,b,c\n1,2,3\n", ",", id="comma"),
        pytest.param('a\tb\n"Babu, Hari"\t2\nWójcik, Tomasz\t3\n', "\t", id="tab-with-commas"),
        pytest.param("a;b;c\n1,5;2;3\n", ";", id="semicolon"),
        pytest.param('Name,When\n"Ann","Nov 28, 2026 09:58 AM EST"\n', ",", id="quoted-commas"),
        pytest.param("1. Summary\nMeeting title\tX\nStart time\tY\n", "\t", id="teams-summary"),
    ],
)
def test_it_sniffs_the_delimiter(text: str, delimiter: str) -> None:
    assert sniff_delimiter(text) == delimiter
