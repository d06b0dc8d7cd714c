"""Rows into PostgreSQL with COPY, in its text format, formatted here in batches."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

BATCH = 20_000


def text(value: Any) -> str:
    """One value in PostgreSQL's COPY text format."""
    kind = type(value)
    if kind is int:
        return str(value)
    if kind is str:
        if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
            return (
                value.replace("\\", "\\\\")
                .replace("\t", "\\t")
                .replace("\n", "\\n")
                .replace("\r", "\\r")
            )
        return value
    if value is None:
        return "\\N"
    if kind is bool:
        return "t" if value else "f"
    if kind is datetime:
        return value.isoformat()
    return str(value)


def model_defaults(table: str, columns: Sequence[str]) -> tuple[list[str], list[Any]]:
    """Columns of ``table`` that the seed does not set, with their model defaults, so
    a column added to the models later (NOT NULL with no database default) does not
    break COPY."""
    from django.apps import apps

    for model in apps.get_models(include_auto_created=True):
        if model._meta.db_table == table:
            break
    else:
        return [], []
    extra_columns: list[str] = []
    extra_values: list[Any] = []
    for f in model._meta.concrete_fields:
        if f.column in columns:
            continue
        value = f.get_default()
        if isinstance(value, dict | list):
            value = json.dumps(value)
        extra_columns.append(f.column)
        extra_values.append(value)
    return extra_columns, extra_values


def copy_rows(
    cursor: Any, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    """COPY rows in text format, formatted here in batches (several times faster than
    one ``write_row`` call per row)."""
    extra_columns, extra_values = model_defaults(table, columns)
    tail = "".join("\t" + text(v) for v in extra_values)
    n = 0
    batch: list[str] = []
    names = ", ".join([*columns, *extra_columns])
    with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in rows:
            batch.append("\t".join(map(text, row)) + tail)
            n += 1
            if len(batch) >= BATCH:
                copy.write("\n".join(batch) + "\n")
                batch.clear()
        if batch:
            copy.write("\n".join(batch) + "\n")
    return n
