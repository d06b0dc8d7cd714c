"""Cells of a CSV file people open in a spreadsheet.

A spreadsheet runs a cell starting with ``= + - @`` (or a tab or carriage return before one)
as a formula: OWASP's "CSV injection". Every CSV the product writes passes its text cells
through ``defused``."""

from __future__ import annotations

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def defused(cell: object) -> object:
    """Text starting like a formula gets a leading ``'`` (shown as text); anything else, numbers
    and empty text included, is left as it is."""
    if isinstance(cell, str) and cell.startswith(FORMULA_PREFIXES):
        return "'" + cell
    return cell
