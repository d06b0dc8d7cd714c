from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from bitewise.engines.certificates import (
    CertificateData,
    qr_matrix,
    render_certificate,
    ttf_fonts,
)
from bitewise.engines.certificates.tests.conftest import (
    NASBA_STATEMENT,
    VERIFY_URL,
    make_certificate,
    page_text,
    read_pdf,
)

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


def drawn_qr_modules(reader: PdfReader) -> list[list[bool]]:
    """Rebuild the module grid from the small rectangles filled on the page."""
    operations = ContentStream(reader.pages[0].get_contents(), reader).operations
    rects = [
        [float(value) for value in operands]
        for operands, operator in operations
        if operator == b"re" and 0 < float(operands[3]) < 10
    ]
    module = rects[0][3]
    left = min(x for x, _, _, _ in rects)
    top = max(y + height for _, y, _, height in rects)
    size = round((max(x + width for x, _, width, _ in rects) - left) / module)
    grid = [[False] * size for _ in range(size)]
    for x, y, width, height in rects:
        row = round((top - y - height) / module)
        first = round((x - left) / module)
        for column in range(first, first + round(width / module)):
            grid[row][column] = True
    return grid


def test_it_renders_a_one_page_landscape_letter_pdf(certificate: CertificateData) -> None:
    data = render_certificate(certificate)

    assert data.startswith(b"%PDF-")
    reader = read_pdf(data)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == (792, 612)


def test_the_text_carries_everything_a_board_asks_for(certificate: CertificateData) -> None:
    text = page_text(read_pdf(render_certificate(certificate)))

    for expected in [
        "EXAMPLE ASSOCIATION OF ACCOUNTANTS",
        "Certificate of Completion",
        "Zoë Ñúñez",
        "Lease accounting under ASC 842",
        "March 10, 2026",
        "1.20 CPE credits — Field of study: Accounting — Group Internet Based",
        NASBA_STATEMENT,
        "CE-2026-000123",
        "Sponsor ID: 112233",
        "Issued March 11, 2026",
        VERIFY_URL,
    ]:
        assert expected in text


def test_it_sets_the_document_metadata(certificate: CertificateData) -> None:
    metadata = read_pdf(render_certificate(certificate)).metadata

    assert metadata is not None
    assert metadata.title == "Certificate of Completion: Lease accounting under ASC 842"
    assert metadata.author == "Example Association of Accountants"
    assert metadata.subject is not None
    assert "Zoë Ñúñez" in metadata.subject


def test_the_drawn_qr_code_is_the_verify_url(certificate: CertificateData) -> None:
    reader = read_pdf(render_certificate(certificate))

    assert drawn_qr_modules(reader) == qr_matrix(VERIFY_URL)


def test_the_qr_code_is_at_least_two_and_a_half_centimetres(
    certificate: CertificateData,
) -> None:
    reader = read_pdf(render_certificate(certificate))
    operations = ContentStream(reader.pages[0].get_contents(), reader).operations
    module = next(
        float(operands[3])
        for operands, operator in operations
        if operator == b"re" and float(operands[3]) < 10
    )

    assert module * len(qr_matrix(VERIFY_URL)) >= 2.5 / 2.54 * 72


@pytest.mark.skipif(
    not (shutil.which("pdftoppm") and shutil.which("zbarimg")), reason="needs poppler and zbar"
)
def test_a_scanner_reads_the_verify_url_from_the_rendered_page(
    certificate: CertificateData, tmp_path: Path
) -> None:
    (tmp_path / "certificate.pdf").write_bytes(render_certificate(certificate))
    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", "certificate.pdf", "page"], cwd=tmp_path, check=True
    )
    [image] = tmp_path.glob("page*.png")

    scanned = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(image)], capture_output=True, text=True, check=True
    )

    assert scanned.stdout.strip() == VERIFY_URL


def test_the_same_data_renders_the_same_bytes(certificate: CertificateData) -> None:
    assert render_certificate(certificate) == render_certificate(certificate)


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        pytest.param("李雷", "??", id="chinese"),
        pytest.param("Łukasz Dvořák", "Lukasz Dvorák", id="polish-czech"),
        pytest.param("Ανδρέας", "???????", id="greek"),
        pytest.param("Zo\u200bë\nÑúñez\x07", "Zoë Ñúñez has", id="control-characters"),
        pytest.param("😀 Emoji", "? Emoji", id="emoji"),
    ],
)
def test_names_beyond_the_standard_fonts_are_replaced_not_fatal(name: str, shown: str) -> None:
    text = page_text(read_pdf(render_certificate(make_certificate(learner_name=name))))

    assert shown in text


@pytest.mark.skipif(not (DEJAVU / "DejaVuSans.ttf").exists(), reason="DejaVu fonts not installed")
def test_an_embedded_unicode_font_keeps_the_name_as_written() -> None:
    fonts = ttf_fonts(DEJAVU / "DejaVuSans.ttf", DEJAVU / "DejaVuSans-Bold.ttf")
    certificate = make_certificate(learner_name="Łukasz Dvořák Ανδρέας")

    text = page_text(read_pdf(render_certificate(certificate, fonts=fonts)))

    assert "Łukasz Dvořák Ανδρέας" in text
    assert NASBA_STATEMENT in text


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"approver_statement": NASBA_STATEMENT * 6}, id="long-statement"),
        pytest.param({"activity_title": "Revenue & <ASC 606> " * 12}, id="long-markup-title"),
        pytest.param({"learner_name": "Bartholomew " * 10}, id="long-name"),
        pytest.param({"verify_url": VERIFY_URL + "?" + "x" * 150}, id="long-url"),
        pytest.param({"credit_type": "", "delivery_method": "", "sponsor_id": ""}, id="minimal"),
    ],
)
def test_awkward_content_still_fits_on_one_page(changes: dict[str, Any]) -> None:
    reader = read_pdf(render_certificate(make_certificate(**changes)))

    assert len(reader.pages) == 1
    assert "Certificate of Completion" in page_text(reader)


def test_a_title_with_markup_characters_is_printed_literally() -> None:
    certificate = make_certificate(activity_title="Debits & credits <for> non-accountants")

    text = page_text(read_pdf(render_certificate(certificate)))

    assert "Debits & credits <for> non-accountants" in text


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        pytest.param({"learner_name": "  "}, "learner_name", id="blank-name"),
        pytest.param({"verify_url": ""}, "verify_url", id="no-url"),
        pytest.param({"credit": Decimal("-0.2")}, "non-negative", id="negative-credit"),
        pytest.param({"credit": Decimal("NaN")}, "finite", id="nan-credit"),
    ],
)
def test_it_refuses_incomplete_certificates(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make_certificate(**changes)
