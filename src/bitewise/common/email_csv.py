"""Read a CSV of email addresses (a bulk award, event registrations): refuse what is not a CSV
text file, too big or too long, and plan each row (invalid, duplicate, or to act on)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from bitewise.engines.text.sizes import describe_bytes

MAX_BYTES = 2_000_000  # decimal, as every size in a message is written (text/sizes.py)
MAX_ROWS = 10_000
EXTENSIONS = {"", ".csv", ".txt"}
HEADER_NAMES = {"email", "e-mail", "email address", "e-mail address", "mail"}
# Signatures of files people upload by mistake: Excel (zip / OLE), PDF.
BINARY_MAGIC = {
    b"PK\x03\x04": "an Excel workbook or a zip file",
    b"\xd0\xcf\x11\xe0": "an Excel workbook",
    b"%PDF": "a PDF",
}
SAVE_AS = "Save it from your spreadsheet as “CSV UTF-8” and upload that file."


def normalize_email(value: str) -> str:
    """The address as accounts store it (lower-case), or "" when it is not one."""
    email = value.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        return ""
    return email


class BulkUploadError(Exception):
    """The upload is refused as a whole; the message is shown to staff."""


@dataclass(frozen=True)
class PlannedRow:
    row: int  # the row number a spreadsheet shows (the header is row 1)
    value: str  # the cell as uploaded
    email: str  # normalized; "" when invalid
    outcome: str  # "" (to award), "invalid" or "duplicate"
    reason: str


def csv_decode(*, data: bytes, filename: str) -> str:
    """The upload as text, or BulkUploadError saying what is wrong with it."""
    if len(data) > MAX_BYTES:
        raise BulkUploadError(
            f"The file is larger than {describe_bytes(MAX_BYTES)}. Split it into several uploads."
        )
    if PurePath(filename).suffix.lower() not in EXTENSIONS:
        raise BulkUploadError(f"“{filename}” is not a .csv file. {SAVE_AS}")
    for magic, what in BINARY_MAGIC.items():
        if data.startswith(magic):
            raise BulkUploadError(f"This file is {what}, not CSV. {SAVE_AS}")
    if b"\x00" in data:
        raise BulkUploadError(f"This is a binary file, not CSV text. {SAVE_AS}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BulkUploadError(f"The file is not UTF-8 text. {SAVE_AS}") from exc


def _records(text: str) -> list[tuple[int, list[str]]]:
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
            text[:4096], delimiters=",;\t"
        )
    except csv.Error:  # one column, no delimiter to find
        dialect = csv.excel
    try:
        return [
            (number, cells)
            for number, cells in enumerate(csv.reader(io.StringIO(text), dialect), start=1)
            if any(cell.strip() for cell in cells)
        ]
    except csv.Error as exc:
        raise BulkUploadError(f"The file could not be read as CSV ({exc}). {SAVE_AS}") from exc


def _column(records: list[tuple[int, list[str]]]) -> tuple[int, bool]:
    """(the email column, whether the first record is a header). A first record without
    any "@" is a header; its column named "email" is used, else the first column."""
    first = records[0][1]
    if any("@" in cell for cell in first):
        return 0, False
    names = [cell.strip().lower() for cell in first]
    return next((i for i, name in enumerate(names) if name in HEADER_NAMES), 0), True


def csv_plan(text: str) -> list[PlannedRow]:
    """Every data row in file order: invalid addresses and repeats are marked here, the
    rest are awarded by the job. Deterministic, so a resumed job re-plans identically."""
    records = _records(text)
    if not records:
        raise BulkUploadError("The file has no email addresses.")
    column, has_header = _column(records)
    data = records[1:] if has_header else records
    if not data:
        raise BulkUploadError("The file has a header but no email addresses.")
    if len(data) > MAX_ROWS:
        raise BulkUploadError(
            f"The file has {len(data):,} rows; the limit is {MAX_ROWS:,}. "
            "Split it into several uploads."
        )
    seen: dict[str, int] = {}
    planned = []
    for number, cells in data:
        value = cells[column].strip() if column < len(cells) else ""
        email = normalize_email(value)
        if not email:
            reason = "No email address in this row." if not value else "Not an email address."
            planned.append(PlannedRow(number, value[:254], "", "invalid", reason))
        elif email in seen:
            reason = f"Same address as row {seen[email]}."
            planned.append(PlannedRow(number, value[:254], email, "duplicate", reason))
        else:
            seen[email] = number
            planned.append(PlannedRow(number, value[:254], email, "", ""))
    return planned
