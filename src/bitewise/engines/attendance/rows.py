"""Delimited text as numbered rows, keeping each row's original text for staff to see."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .errors import AttendanceFileError

# Titles between the tables of multi-part reports: "2. Participants", "Attendee Details".
_SECTION_TITLE = re.compile(
    r"\d+\.\s+\S.*|(attendee|panelist|host|organizer|co-organizer|presenter|staff)s? details:?"
    r"|attendee report|general information|(meeting )?summary",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Row:
    number: int  # the file line the row starts on, from 1
    cells: tuple[str, ...]
    raw: str

    @property
    def is_blank(self) -> bool:
        return not any(cell.strip() for cell in self.cells)

    @property
    def is_section_title(self) -> bool:
        filled = [cell.strip() for cell in self.cells if cell.strip()]
        return (
            len(filled) == 1
            and filled[0] == self.cells[0].strip()
            and bool(_SECTION_TITLE.fullmatch(filled[0]))
        )

    def cell(self, index: int) -> str:
        return self.cells[index].strip() if index < len(self.cells) else ""


def read_rows(text: str, *, delimiter: str) -> list[Row]:
    """Every row of the file, blank ones included, numbered by the line it starts on."""
    lines = io.StringIO(text, newline="").readlines()
    reader = csv.reader(lines, delimiter=delimiter)
    rows: list[Row] = []
    start = 1
    try:
        for cells in reader:
            raw = "".join(lines[start - 1 : reader.line_num]).rstrip("\r\n")
            rows.append(Row(number=start, cells=tuple(cells), raw=raw))
            start = reader.line_num + 1
    except csv.Error as error:
        raise AttendanceFileError(f"Line {start} cannot be read: {error}.") from None
    return rows


def header_key(cell: str) -> str:
    """A column name compared loosely: case, spacing and underscores do not matter."""
    return " ".join(cell.replace("_", " ").lower().split())


def keys(cells: Iterable[str]) -> list[str]:
    return [header_key(cell) for cell in cells]
