from __future__ import annotations

import pytest

from bitewise.engines.text.spreadsheet import defused


@pytest.mark.parametrize(
    "cell", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=1", "\r=1", '=HYPERLINK("http://x")']
)
def test_a_cell_starting_like_a_formula_is_shown_as_text(cell: str) -> None:
    assert defused(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["", "Safe handoffs", "3.5", 7, -2, 0.25, None])
def test_anything_else_is_left_as_it_is(cell: object) -> None:
    assert defused(cell) == cell
