"""Whole numbers typed by people or sent by other systems: ids in forms and URLs, counts in
headers and spreadsheets.

``str.isdigit`` says yes to "²" and "٣", which ``int`` then refuses or reads as 3; a thousand
digits make a number no database column holds. Every such text goes through ``whole_number``."""

from __future__ import annotations

import re

_DIGITS = re.compile(r"[0-9]{1,18}")  # under 2**63: fits any integer column


def whole_number(text: str, *, digits: int = 18) -> int | None:
    """``"42"`` → 42; None for anything but 1 to ``digits`` ASCII digits (no sign, no spaces)."""
    if len(text) > digits or not _DIGITS.fullmatch(text):
        return None
    return int(text)
