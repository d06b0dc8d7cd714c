from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bitewise.engines.certificates import format_credit, format_date, qr_matrix, qr_png
from bitewise.engines.certificates.fonts import STANDARD_FONTS, winansi_text


@pytest.mark.parametrize(
    ("credit", "expected"),
    [
        (Decimal("1.2"), "1.20"),
        (Decimal("2"), "2.00"),
        (Decimal("0.333"), "0.333"),
        (Decimal("1E+1"), "10.00"),
        (Decimal("0.1") * 3, "0.30"),
        (Decimal("0"), "0.00"),
    ],
    ids=["one-decimal", "whole", "three-decimals", "exponent", "product", "zero"],
)
def test_format_credit(credit: Decimal, expected: str) -> None:
    assert format_credit(credit) == expected


def test_format_date_is_english_whatever_the_locale() -> None:
    assert format_date(date(2026, 3, 5)) == "March 5, 2026"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Zoë Ñúñez — “quoted” €", "Zoë Ñúñez — “quoted” €"),
        ("Łukasz Dvořák", "Lukasz Dvorák"),
        ("Şule Öztürk", "Sule Öztürk"),
        ("李雷", "??"),
        ("ﬁnance", "finance"),
    ],
    ids=["winansi", "polish-czech", "turkish", "chinese", "ligature"],
)
def test_winansi_text_replaces_only_what_helvetica_cannot_draw(text: str, expected: str) -> None:
    assert winansi_text(text) == expected


def test_fonts_drop_invisible_characters_and_keep_line_breaks() -> None:
    assert STANDARD_FONTS.text("a\u200bb\x00c\nd") == "abc\nd"


def test_qr_matrix_is_a_square_with_finder_patterns() -> None:
    matrix = qr_matrix("https://bitewise.example/verify/CE-1")

    assert all(len(row) == len(matrix) for row in matrix)
    assert matrix[0][:7] == [True] * 7
    assert matrix[0][-7:] == [True] * 7
    assert matrix[-1][:7] == [True] * 7


def test_qr_png_is_a_png() -> None:
    assert qr_png("https://bitewise.example/verify/CE-1").startswith(b"\x89PNG\r\n\x1a\n")


def test_qr_refuses_an_empty_url() -> None:
    with pytest.raises(ValueError, match="non-empty URL"):
        qr_matrix("")
