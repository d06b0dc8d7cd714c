"""Membership rosters from an association management system, as CSV or as JSON rows:
``member_id, email, tier, expires`` (ISO date; empty = no end). Every row is accounted
for: a planned change, or a reason it is refused."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from bitewise.engines.text.sizes import describe_bytes

MAX_BYTES = 2_000_000  # decimal, as every size in a message is written (text/sizes.py)
MAX_ROWS = 10_000
COLUMNS = ("member_id", "email", "tier", "expires")
ALIASES = {
    "member id": "member_id",
    "memberid": "member_id",
    "id": "member_id",
    "e-mail": "email",
    "email address": "email",
    "expiry": "expires",
    "expires_on": "expires",
    "expiry date": "expires",
    "membership tier": "tier",
    "level": "tier",
}
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
SAVE_AS = "Save it from your spreadsheet as “CSV UTF-8” and upload that file."


class RosterError(Exception):
    """The roster is refused as a whole; the message is shown to staff."""


@dataclass(frozen=True)
class RosterRow:
    row: int  # as a spreadsheet numbers it (the header is row 1)
    member_id: str
    email: str  # lower-cased; "" when invalid
    tier: str
    expires: date | None
    error: str = ""  # why the row is refused; "" when it is usable


def roster_text(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise RosterError(
            f"The file is larger than {describe_bytes(MAX_BYTES)}. Split it into several uploads."
        )
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF")) or b"\x00" in data:
        raise RosterError(f"This is not a CSV text file. {SAVE_AS}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RosterError(f"The file is not UTF-8 text. {SAVE_AS}") from exc


def _header(cells: list[str]) -> dict[str, int]:
    names = [ALIASES.get(c.strip().lower(), c.strip().lower()) for c in cells]
    found = {name: i for i, name in enumerate(names) if name in COLUMNS}
    if "email" not in found:
        raise RosterError("The first row must name the columns: member_id, email, tier, expires.")
    return found


def roster_read_csv(text: str) -> list[RosterRow]:
    try:
        records = [
            (number, cells)
            for number, cells in enumerate(csv.reader(io.StringIO(text)), start=1)
            if any(cell.strip() for cell in cells)
        ]
    except csv.Error as exc:
        raise RosterError(f"The file could not be read as CSV ({exc}). {SAVE_AS}") from exc
    if not records:
        raise RosterError("The file is empty.")
    columns = _header(records[0][1])
    rows = [
        {name: (cells[i] if i < len(cells) else "") for name, i in columns.items()}
        for _, cells in records[1:]
    ]
    return roster_read_rows(rows, first_row=2, numbers=[n for n, _ in records[1:]])


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"“{value[:40]}” is not a date (use YYYY-MM-DD).") from exc


def roster_read_rows(
    rows: Iterable[Mapping[str, object]], *, first_row: int = 1, numbers: list[int] | None = None
) -> list[RosterRow]:
    """Check each row; a repeated email or member id is refused after its first row."""
    items = list(rows)
    if not items:
        raise RosterError("The roster has no rows.")
    if len(items) > MAX_ROWS:
        raise RosterError(f"The roster has {len(items):,} rows; the limit is {MAX_ROWS:,}.")
    seen: dict[str, int] = {}
    result = []
    for index, item in enumerate(items):
        number = numbers[index] if numbers else first_row + index
        cell = {name: str(item.get(name) or "").strip() for name in COLUMNS}
        email = cell["email"].lower()
        member_id = cell["member_id"][:64]
        tier = cell["tier"][:64]
        error = ""
        expires = None
        if not EMAIL.match(email) or len(email) > 254:
            error = "No email address." if not email else "Not an email address."
            email = ""
        else:
            try:
                expires = _date(cell["expires"]) if cell["expires"] else None
            except ValueError as exc:
                error = str(exc)
        for key in (f"email:{email}", f"id:{member_id}"):
            if not error and key.split(":", 1)[1] and key in seen:
                error = f"Same {key.split(':')[0]} as row {seen[key]}."
        if not error:
            seen.setdefault(f"email:{email}", number)
            if member_id:
                seen.setdefault(f"id:{member_id}", number)
        result.append(RosterRow(number, member_id, email, tier, expires, error))
    return result
