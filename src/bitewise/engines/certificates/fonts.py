"""Fonts for certificate and transcript PDFs.

The standard PDF fonts (Helvetica) need no embedding but only cover WinAnsi, i.e. Western
European text: "Zoë Ñúñez" renders as is. Other characters are replaced, never raised on: accents
are dropped where a base letter exists ("Łukasz Dvořák" -> "Lukasz Dvorák"), anything else
becomes "?". Invisible control and format characters (e.g. zero-width space) are removed.

For names in other scripts, pass fonts from ``ttf_fonts()`` with a Unicode TrueType font such as
Noto Sans CJK; it is embedded as a subset. Characters that font lacks show as empty boxes.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

_NO_DECOMPOSITION = str.maketrans("ŁłĐđıĦħŦŧ", "LlDdiHhTt")


@dataclass(frozen=True, kw_only=True)
class Fonts:
    regular: str = "Helvetica"
    bold: str = "Helvetica-Bold"
    is_unicode: bool = False

    def text(self, value: str) -> str:
        """``value`` as these fonts can draw it."""
        value = "".join(char for char in value if char.isspace() or _is_visible(char))
        return value if self.is_unicode else winansi_text(value)


STANDARD_FONTS = Fonts()


def ttf_fonts(regular: Path, bold: Path | None = None) -> Fonts:
    """Register TrueType fonts with ReportLab (once per path) and use them everywhere."""
    names = []
    for path in (regular, bold or regular):
        name = f"Bitewise-{path.stem}"
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(path)))
        names.append(name)
    return Fonts(regular=names[0], bold=names[1], is_unicode=True)


def winansi_text(value: str) -> str:
    """Replace what Helvetica cannot draw, instead of ReportLab's black boxes."""
    return "".join(_winansi_char(char) for char in value.translate(_NO_DECOMPOSITION))


def _winansi_char(char: str) -> str:
    if _is_winansi(char):
        return char
    decomposed = unicodedata.normalize("NFKD", char)
    base = "".join(c for c in decomposed if not unicodedata.combining(c) and _is_winansi(c))
    return base or "?"


def _is_visible(char: str) -> bool:
    return unicodedata.category(char) not in {"Cc", "Cf"}


def _is_winansi(char: str) -> bool:
    try:
        char.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True
