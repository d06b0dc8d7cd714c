"""Bytes to text: the encodings attendance reports arrive in, and their delimiter."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from .errors import AttendanceFileError

DELIMITERS = (",", "\t", ";")
_WORKBOOK_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")  # .xlsx (zip) and .xls (OLE)
_SNIFF_LINES = 50
_NOT_TEXT = "The file does not look like a text attendance report; export it as CSV."


@dataclass(frozen=True)
class DecodedReport:
    text: str
    encoding: str

    @property
    def is_guessed(self) -> bool:
        """True when the bytes were not valid UTF-8/UTF-16 and cp1252 was assumed."""
        return self.encoding == "cp1252"


def decode_report(data: bytes) -> DecodedReport:
    """Decode an uploaded report: UTF-8 (BOM or not), UTF-16 from Excel, else cp1252."""
    if data.startswith(_WORKBOOK_SIGNATURES):
        raise AttendanceFileError(
            "This is an Excel workbook, not a text report: open it and save it as CSV."
        )
    encoding = _encoding_of(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        if encoding != "utf-8":
            raise AttendanceFileError(
                f"The file claims to be {encoding} but is not: it may be damaged."
            ) from None
        if b"\x00" in data:
            raise AttendanceFileError(_NOT_TEXT) from None
        encoding = "cp1252"
        # cp1252 leaves five bytes undefined; a replacement mark is better than failing.
        text = data.decode(encoding, errors="replace")
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise AttendanceFileError("The file is empty.")
    if _looks_binary(text):
        raise AttendanceFileError(_NOT_TEXT)
    return DecodedReport(text=text, encoding=encoding)


def _encoding_of(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"  # Python reads the BOM to pick the byte order.
    # UTF-16 without a BOM: ASCII text has a NUL in every other byte.
    sample = data[:4000]
    if len(sample) >= 4:
        even_nuls, odd_nuls = sample[0::2].count(0), sample[1::2].count(0)
        half = len(sample) // 2
        if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
            return "utf-16-le"
        if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
            return "utf-16-be"
    return "utf-8"


def _looks_binary(text: str) -> bool:
    sample = text[:20_000]
    controls = sum(1 for char in sample if char < " " and char not in "\t\n\r\f")
    return "\x00" in sample or controls > len(sample) // 100


def sniff_delimiter(text: str) -> str:
    """Comma, tab or semicolon: the one found outside quotes on the most of the first lines."""
    lines = [line for line in text.splitlines()[:_SNIFF_LINES] if line.strip()]
    lines_with = dict.fromkeys(DELIMITERS, 0)
    for line in lines:
        for delimiter in _unquoted(line) & set(DELIMITERS):
            lines_with[delimiter] += 1
    # Tab first: Teams and Excel TSV files carry commas inside names and dates.
    if lines_with["\t"] * 2 >= len(lines) > 0:
        return "\t"
    if lines_with[";"] > lines_with[","]:
        return ";"
    return ","


def _unquoted(line: str) -> set[str]:
    found: set[str] = set()
    is_quoted = False
    for char in line:
        if char == '"':
            is_quoted = not is_quoted
        elif not is_quoted:
            found.add(char)
    return found
