from __future__ import annotations

import pytest

from bitewise.engines.text.numbers import whole_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [("0", 0), ("42", 42), ("007", 7), ("9" * 18, int("9" * 18))],
)
def test_ascii_digits_are_read(text: str, expected: int) -> None:
    assert whole_number(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", " 4", "4 ", "-4", "+4", "4.0", "²", "٣", "1e3", "9" * 19, "0x10", "4\n"],
)
def test_anything_else_is_none(text: str) -> None:
    assert whole_number(text) is None


def test_the_caller_can_ask_for_fewer_digits() -> None:
    assert whole_number("12345", digits=4) is None
    assert whole_number("1234", digits=4) == 1234
