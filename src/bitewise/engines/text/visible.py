"""Text as people see it: no bidirectional overrides, control or invisible characters.

Names and titles shown to others must read as they are stored. An override (U+202E) makes
"Ana\u202egnp.exe" show as "Anaexe.png"; isolates, marks, zero-width and filler characters
hide or forge content. Joiners stay: emoji sequences and Indic and Persian scripts need them.
https://www.unicode.org/reports/tr9/#Explicit_Directional_Formatting_Characters
"""

from __future__ import annotations

import re
import unicodedata

# Format characters (category Cf) that are visible or needed: zero-width (non-)joiner, the
# prepended concatenation marks of Arabic and other scripts, and emoji tag sequences.
_KEPT_FORMAT = {
    0x200C,
    0x200D,
    *range(0x0600, 0x0606),
    0x06DD,
    0x070F,
    0x0890,
    0x0891,
    0x08E2,
    0x110BD,
    0x110CD,
    *range(0xE0020, 0xE0080),
}
# Letters that render as nothing (Hangul fillers), a favourite for "blank" names.
_INVISIBLE_LETTERS = {0x115F, 0x1160, 0x3164, 0xFFA0}
_SPACES = re.compile(r"\s+")


def is_hidden(char: str) -> bool:
    """True for a character that changes or hides what the text around it shows."""
    code = ord(char)
    category = unicodedata.category(char)
    if category == "Cc":
        return True
    if category == "Cf":
        return code not in _KEPT_FORMAT
    return code in _INVISIBLE_LETTERS


def visible_text(text: str) -> str:
    """``text`` without hidden characters, its runs of white space (line breaks and tabs
    included) made one space, trimmed. For one-line fields: names, titles."""
    kept = "".join(char for char in text if char.isspace() or not is_hidden(char))
    return _SPACES.sub(" ", kept).strip()
