"""Finding a platform's attendance table among the rows of its report."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from .errors import AttendanceFileError
from .formats import LAYOUTS, REQUIRED, Field, Layout, Platform
from .rows import Row, header_key, keys

# Columns whose presence explains a missing one better than the bare list does.
_HINTS = {
    "total duration (minutes)": "This Zoom export merged each person's visits ('Show unique "
    "users' was ticked); export the participants again with it unticked.",
}


@dataclass(frozen=True)
class Table:
    layout: Layout
    header: Row
    positions: Mapping[Field, int]
    rows: tuple[Row, ...]  # the data rows, blank lines left out
    preamble: tuple[Row, ...]  # what came before the header: summary blocks
    notes: tuple[str, ...]

    def value(self, row: Row, column: Field) -> str:
        position = self.positions.get(column)
        return "" if position is None else row.cell(position)


def locate_table(rows: Sequence[Row], platform: Platform) -> Table:
    """The platform's attendance table: header, data rows, and notes on what was left out."""
    layouts = LAYOUTS[platform]
    first_error: AttendanceFileError | None = None
    for layout in layouts:
        try:
            table = _table(rows, layout)
        except AttendanceFileError as error:
            first_error = first_error or error
            continue
        if table.rows or layout is layouts[-1]:
            if layout is not layouts[0]:
                fallback = (
                    f"No usable {layouts[0].title}; used the {layout.title}, so each person's "
                    "time from first join to last leave counts, including any time away."
                )
                return replace(table, notes=(fallback, *table.notes))
            return table
    assert first_error is not None
    raise first_error


def _table(rows: Sequence[Row], layout: Layout) -> Table:
    names = {
        header_key(name): column for column, synonyms in layout.columns.items() for name in synonyms
    }

    def score(row: Row) -> int:
        return len({names[key] for key in keys(row.cells) if key in names})

    header_at = max(range(len(rows)), key=lambda index: (score(rows[index]), -index), default=0)
    header = rows[header_at] if rows else Row(number=1, cells=(), raw="")
    positions: dict[Field, int] = {}
    for index, key in enumerate(keys(header.cells)):
        if key in names:
            positions.setdefault(names[key], index)
    missing = [column for column in REQUIRED if column not in positions]
    if missing:
        raise AttendanceFileError(_missing_message(layout, header, missing))
    ignored = [
        cell.strip()
        for cell in header.cells
        if cell.strip() and header_key(cell) not in names and header_key(cell) not in layout.known
    ]
    notes = [f"Ignored columns: {', '.join(ignored)}."] if ignored else []
    data: list[Row] = []
    end = len(rows)
    for index in range(header_at + 1, len(rows)):
        row = rows[index]
        if row.is_section_title or score(row) >= 2:
            end = index
            break
        if not row.is_blank:
            data.append(row)
    skipped = [row for row in rows[end:] if not row.is_blank]
    if skipped:
        notes.append(
            f"Skipped {len(skipped)} rows from line {skipped[0].number} on "
            f"('{skipped[0].cell(0)}'): not part of the attendance table."
        )
    return Table(
        layout=layout,
        header=header,
        positions=positions,
        rows=tuple(data),
        preamble=tuple(rows[:header_at]),
        notes=tuple(notes),
    )


def _missing_message(layout: Layout, header: Row, missing: list[Field]) -> str:
    wanted = " / ".join(f"'{layout.columns[column][0]}'" for column in missing)
    found = ", ".join(f"'{cell.strip()}'" for cell in header.cells if cell.strip())
    message = f"Not a usable {layout.title}: no {wanted} column"
    message += f" (columns found on line {header.number}: {found})." if found else "."
    hints = [_HINTS[key] for key in keys(header.cells) if key in _HINTS]
    return " ".join([message, *hints])
