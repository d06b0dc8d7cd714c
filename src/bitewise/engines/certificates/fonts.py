"""Fonts for certificate and transcript PDFs.

``unicode_fonts()`` is what the app uses: fonts shipped in ``fontfiles/`` (Noto Sans, Noto Sans
Arabic, a CJK and a Hangul font, Noto Emoji; see its README for sources and licences), embedded
as subsets. Each character is drawn with the first of them that has it, so "李雷 ❤ Ανδρέας"
prints as written. Arabic letters are joined into their contextual forms (arabic-reshaper) and
right-to-left runs put in visual order (python-bidi, the Unicode Bidirectional Algorithm),
since ReportLab draws glyphs left to right as given.

The standard PDF fonts (``STANDARD_FONTS``, Helvetica) need no embedding but only cover
WinAnsi, i.e. Western European text: other characters are replaced, never raised on: accents
are dropped where a base letter exists ("Łukasz Dvořák" -> "Lukasz Dvorák"), anything else
becomes "?". With either, invisible control and format characters (e.g. zero-width space,
bidirectional overrides) are removed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal
from xml.sax.saxutils import escape, quoteattr

import arabic_reshaper
from bidi import get_display
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).parent / "fontfiles"
# (regular, bold) file pairs after the main Noto Sans, in the order they are tried.
SHIPPED_FALLBACKS = (
    ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
    ("DroidSansFallback-CJK.ttf", "DroidSansFallback-CJK.ttf"),
    ("BitewiseHangul-Regular.ttf", "BitewiseHangul-Regular.ttf"),
    ("NotoEmoji-Regular.ttf", "NotoEmoji-Regular.ttf"),
)
_NO_DECOMPOSITION = str.maketrans("ŁłĐđıĦħŦŧ", "LlDdiHhTt")
_RIGHT_TO_LEFT = {"R", "AL"}
Align = Literal["left", "centre", "right"]


@dataclass(frozen=True, kw_only=True)
class Fonts:
    regular: str = "Helvetica"
    bold: str = "Helvetica-Bold"
    is_unicode: bool = False
    # (regular, bold) registered names tried, in order, for characters the main fonts lack.
    fallbacks: tuple[tuple[str, str], ...] = ()

    def text(self, value: str) -> str:
        """``value`` as these fonts can draw it: visible characters only; with Unicode fonts
        Arabic joined and each line in visual order, else WinAnsi replacements."""
        value = "".join(char for char in value if char.isspace() or _is_visible(char))
        if not self.is_unicode:
            return winansi_text(value)
        return "\n".join(visual_order(line) for line in value.split("\n"))

    def runs(self, value: str, *, bold: bool = False) -> list[tuple[str, str]]:
        """``text(value)`` cut into (font name, text) runs, each font having its glyphs."""
        main = self.bold if bold else self.regular
        text = self.text(value)
        if not text:
            return []
        if not self.fallbacks or _covered(main).issuperset(map(ord, text)):
            return [(main, text)]
        faces = [main, *(pair[1] if bold else pair[0] for pair in self.fallbacks)]
        chosen: list[str | None] = []
        for char in text:
            if char.isspace():
                chosen.append(None)  # decided below, from its neighbours
            elif (
                chosen and unicodedata.combining(char) and ord(char) in _covered(chosen[-1] or main)
            ):
                chosen.append(chosen[-1])  # a mark stays with the letter it is on
            else:
                chosen.append(next((f for f in faces if ord(char) in _covered(f)), main))
        runs: list[tuple[str, str]] = []
        for index, (char, font) in enumerate(zip(text, chosen, strict=True)):
            if font is None:
                # A space between two words of one font stays in that run (a right-to-left
                # run is one piece for readers that reorder it); otherwise the main font's.
                before = next((f for f in reversed(chosen[:index]) if f), None)
                after = next((f for f in chosen[index + 1 :] if f), None)
                same = before == after and before is not None and ord(char) in _covered(before)
                font = before if same and before else main
            if runs and runs[-1][0] == font:
                runs[-1] = (font, runs[-1][1] + char)
            else:
                runs.append((font, char))
        return runs

    def width(self, value: str, *, size: float, bold: bool = False) -> float:
        return sum(
            float(pdfmetrics.stringWidth(text, font, size))
            for font, text in self.runs(value, bold=bold)
        )

    def markup(self, value: str, *, bold: bool = False, href: str = "") -> str:
        """Paragraph markup for ``value`` in a style whose font is this one (bold or not):
        escaped, with the runs of other fonts in ``<font face>``."""
        main = self.bold if bold else self.regular
        parts = []
        for font, text in self.runs(value, bold=bold):
            chunk = escape(text).replace("\n", "<br/>")
            parts.append(chunk if font == main else f'<font face="{font}">{chunk}</font>')
        joined = "".join(parts)
        return f"<a href={quoteattr(href)}>{joined}</a>" if href and joined else joined

    def draw(
        self,
        canvas: Any,
        value: str,
        *,
        x: float,
        y: float,
        size: float,
        bold: bool = False,
        align: Align = "left",
    ) -> None:
        """One line at (x, y), aligned on x, run by run."""
        runs = self.runs(value, bold=bold)
        total = sum(pdfmetrics.stringWidth(text, font, size) for font, text in runs)
        x -= {"left": 0.0, "centre": total / 2, "right": total}[align]
        for font, text in runs:
            canvas.setFont(font, size)
            canvas.drawString(x, y, text)
            x += pdfmetrics.stringWidth(text, font, size)


STANDARD_FONTS = Fonts()


def ttf_fonts(
    regular: Path, bold: Path | None = None, *, fallbacks: Sequence[tuple[Path, Path]] = ()
) -> Fonts:
    """Register TrueType fonts with ReportLab (once per path) and use them everywhere."""
    names = [_registered(path) for path in (regular, bold or regular)]
    return Fonts(
        regular=names[0],
        bold=names[1],
        is_unicode=True,
        fallbacks=tuple((_registered(r), _registered(b)) for r, b in fallbacks),
    )


@cache
def unicode_fonts() -> Fonts:
    """The shipped fonts: Latin, Greek, Cyrillic, Arabic, CJK, Hangul and emoji."""
    return ttf_fonts(
        FONT_DIR / "NotoSans-Regular.ttf",
        FONT_DIR / "NotoSans-Bold.ttf",
        fallbacks=[(FONT_DIR / r, FONT_DIR / b) for r, b in SHIPPED_FALLBACKS],
    )


def visual_order(line: str) -> str:
    """One line as drawn left to right: Arabic letters in their joined forms and
    right-to-left runs reversed, per the Unicode Bidirectional Algorithm (UAX #9)."""
    if not any(unicodedata.bidirectional(char) in _RIGHT_TO_LEFT for char in line):
        return line
    return str(get_display(arabic_reshaper.reshape(line)))


def winansi_text(value: str) -> str:
    """Replace what Helvetica cannot draw, instead of ReportLab's black boxes."""
    return "".join(_winansi_char(char) for char in value.translate(_NO_DECOMPOSITION))


def _to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """ReportLab's ToUnicode CMap with characters beyond the BMP (emoji, CJK Extension B)
    written as UTF-16 surrogate pairs, as the PDF spec requires (ISO 32000-1, 9.10.3);
    ReportLab 5.1 writes "<1F600>", which no reader can map, so copied text loses them."""
    pairs = "\n".join(f"<{i:02X}> <{_utf16_hex(code)}>" for i, code in enumerate(subset))
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            pairs,
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


def _utf16_hex(code: int) -> str:
    return chr(code).encode("utf-16-be", "surrogatepass").hex().upper() if code else "0000"


ttfonts.makeToUnicodeCMap = _to_unicode_cmap  # used by ReportLab when it writes a subset


def _registered(path: Path) -> str:
    name = f"Bitewise-{path.stem}"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(path)))
    return name


@cache
def _covered(font_name: str) -> frozenset[int]:
    """The code points a registered TrueType font has glyphs for."""
    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


def _winansi_char(char: str) -> str:
    if _is_winansi(char):
        return char
    decomposed = unicodedata.normalize("NFKD", char)
    base = "".join(c for c in decomposed if not unicodedata.combining(c) and _is_winansi(c))
    return base or "?"


def _is_visible(char: str) -> bool:
    # Variation selectors (emoji presentation) have no glyph of their own.
    if "\ufe00" <= char <= "\ufe0f":
        return False
    return unicodedata.category(char) not in {"Cc", "Cf"}


def _is_winansi(char: str) -> bool:
    try:
        char.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True
