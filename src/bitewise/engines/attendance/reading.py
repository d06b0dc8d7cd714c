"""One data row of an attendance table: a person's visit, or the reason it cannot be used."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from .formats import Field
from .merge import Interval
from .rows import Row
from .table import Table
from .times import parse_time

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_NO = frozenset({"no", "n", "false", "0"})
_YES = frozenset({"yes", "y", "true", "1"})


@dataclass(frozen=True)
class RejectedRow:
    row_number: int
    raw: str
    reason: str
    email: str  # "" when the row has no usable address


@dataclass(frozen=True)
class Visit:
    email: str
    name: str
    interval: Interval | None  # None: listed, but not present (never joined, waiting room)
    is_waiting_room: bool = False


def normalize_email(value: str) -> str:
    """The matching key for an address: trimmed, lower-cased, without mailto: or <>."""
    return value.strip().removeprefix("mailto:").strip("<>").strip().lower()


def read_visit(row: Row, table: Table, *, tz: ZoneInfo, day_first: bool) -> Visit | RejectedRow:
    """The visit a data row records, or why the row cannot count."""
    email = normalize_email(table.value(row, Field.EMAIL))

    def rejected(reason: str) -> RejectedRow:
        is_address = bool(_EMAIL.fullmatch(email))
        return RejectedRow(row.number, row.raw, reason, email if is_address else "")

    if not email:
        return rejected("no email: matching by name is not safe")
    if not _EMAIL.fullmatch(email):
        return rejected(f"{table.value(row, Field.EMAIL)!r} is not an email address")
    name = table.value(row, Field.NAME) or " ".join(
        part
        for part in (table.value(row, Field.FIRST_NAME), table.value(row, Field.LAST_NAME))
        if part
    )
    if table.value(row, Field.ATTENDED).lower() in _NO:
        return Visit(email=email, name=name, interval=None)
    if table.value(row, Field.WAITING_ROOM).lower() in _YES:
        return Visit(email=email, name=name, interval=None, is_waiting_room=True)
    times: list[datetime] = []
    for column, label in ((Field.JOIN, "join"), (Field.LEAVE, "leave")):
        text = table.value(row, column)
        if not text:
            return rejected(f"no {label} time")
        try:
            times.append(parse_time(text, tz=tz, day_first=day_first))
        except ValueError as error:
            return rejected(f"{label} time {text!r} not understood: {error}")
    join, leave = times
    if leave <= join:
        # In the hour repeated when clocks go back, a leave that seems early is the second pass.
        leave = _second_pass(table.value(row, Field.LEAVE), tz=tz, day_first=day_first) or leave
    if leave < join:
        return rejected("leave time is before join time")
    if leave == join:
        return rejected("leave time equals join time: no time attended")
    return Visit(email=email, name=name, interval=Interval(start=join, end=leave))


def _second_pass(text: str, *, tz: ZoneInfo, day_first: bool) -> datetime | None:
    try:
        return parse_time(text, tz=tz, day_first=day_first, fold=1)
    except ValueError:
        return None
