"""Names in any script on certificates and transcripts, with the shipped fonts: checked by
extracting the text back out of the PDF (pypdf) and by the fonts embedded in it."""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import Any

import pytest
from pypdf import PdfReader

from bitewise.engines.certificates import (
    render_certificate,
    render_transcript_pdf,
    unicode_fonts,
    visual_order,
)
from bitewise.engines.certificates.tests.conftest import make_certificate, page_text, read_pdf
from bitewise.engines.certificates.tests.test_transcript import make_row

ARABIC = "محمد عبد الله"


def embedded_fonts(reader: PdfReader) -> dict[str, bool]:
    """BaseFont name (subset tag dropped) -> whether the font program is embedded."""
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for reference in resources["/Font"].values():
            font = reference.get_object()
            descriptor = font.get("/FontDescriptor")
            name = str(font["/BaseFont"]).lstrip("/").split("+")[-1]
            fonts[name] = bool(descriptor and "/FontFile2" in descriptor.get_object())
    return fonts


@pytest.mark.parametrize(
    ("name", "font"),
    [
        pytest.param("李雷", "DroidSansFallback", id="chinese"),
        pytest.param("山田 花子", "DroidSansFallback", id="japanese"),
        pytest.param("김민준", "BitewiseHangul-Regular", id="korean"),
        pytest.param("Ανδρέας Łukasz Дмитрий", "NotoSans-Bold", id="greek-polish-cyrillic"),
        pytest.param("Zoë 😀🎉", "NotoEmoji-Regular", id="emoji"),
    ],
)
def test_a_name_in_any_script_is_printed_as_written_with_an_embedded_font(
    name: str, font: str
) -> None:
    reader = read_pdf(
        render_certificate(make_certificate(learner_name=name), fonts=unicode_fonts())
    )

    assert name in page_text(reader)
    fonts = embedded_fonts(reader)
    assert fonts[font] is True  # a subset of the font is in the file
    # Nothing relies on the reader's fonts (ReportLab declares Helvetica on every page).
    assert {name for name, embedded in fonts.items() if not embedded} <= {"Helvetica"}


def test_an_arabic_name_is_joined_and_drawn_right_to_left() -> None:
    certificate = make_certificate(learner_name=ARABIC, activity_title="Sepsis in 15")

    reader = read_pdf(render_certificate(certificate, fonts=unicode_fonts()))

    drawn = visual_order(ARABIC)
    # Shaped: joined letter forms (Presentation Forms-B), e.g. an initial meem, not isolated
    # letters; in visual order: read backwards, the glyphs are the name as typed.
    assert "\ufee3" in drawn and "\u0645" not in drawn
    assert unicodedata.normalize("NFKC", drawn[::-1]) == ARABIC
    # pypdf puts right-to-left glyphs back in reading order; mapped back, it is the name.
    text = page_text(reader)
    assert "\ufee3" in text and ARABIC in unicodedata.normalize("NFKC", text)
    assert embedded_fonts(reader)["NotoSansArabic-Bold"] is True


def test_a_mixed_line_keeps_latin_and_numbers_left_to_right() -> None:
    drawn = visual_order("Course 12 لمحمد")

    assert drawn.startswith("Course 12 ")


def test_the_transcript_prints_the_learners_name_and_titles_in_their_scripts() -> None:
    rows = [make_row(activity_title="感染対策 15分"), make_row(activity_title="أساسيات التعقيم")]

    pdf = render_transcript_pdf(
        learner_name="李雷 · 😀",
        rows=rows,
        period_label="All dates",
        generated_on=date(2026, 12, 31),
        fonts=unicode_fonts(),
    )

    reader = read_pdf(pdf)
    text = page_text(reader)
    assert "李雷" in text and "😀" in text and "感染対策 15分" in text
    assert "أساسيات التعقيم" in unicodedata.normalize("NFKC", text)
    assert "?" not in text
    assert {"DroidSansFallback", "NotoSansArabic-Regular", "NotoEmoji-Regular"} <= set(
        embedded_fonts(reader)
    )


def test_bidirectional_overrides_and_variation_selectors_are_dropped() -> None:
    fonts = unicode_fonts()

    assert fonts.text("Ann\u202eevil\u202c ❤\ufe0f") == "Annevil ❤"
