"""One-page continuing-education certificate of completion, drawn with ReportLab."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from bitewise.engines.certificates.fonts import STANDARD_FONTS, Fonts
from bitewise.engines.certificates.formatting import (
    check_credit,
    format_credit,
    format_date,
    one_line,
)
from bitewise.engines.certificates.qr import draw_qr

PAGE_WIDTH, PAGE_HEIGHT = landscape(letter)
QR_SIZE = 3.2 * cm
INK = HexColor("#1f2d3d")
MUTED = HexColor("#5b6675")
ACCENT = HexColor("#1f5f8b")


@dataclass(frozen=True, kw_only=True)
class CertificateData:
    certificate_id: str
    learner_name: str
    activity_title: str
    activity_date: date
    provider_name: str
    credit: Decimal
    credit_unit: str
    approver_statement: str
    verify_url: str
    issued_on: date
    credit_type: str = ""
    delivery_method: str = ""
    sponsor_id: str = ""

    def __post_init__(self) -> None:
        check_credit(self.credit)
        for name in ("certificate_id", "learner_name", "activity_title", "verify_url"):
            if not getattr(self, name).strip():
                raise ValueError(f"{name} must not be empty")

    @property
    def credit_line(self) -> str:
        """ "1.20 CPE credits — Field of study: Accounting — Group Internet Based"."""
        parts = [f"{format_credit(self.credit)} {self.credit_unit}".strip()]
        if self.credit_type:
            parts.append(f"Field of study: {self.credit_type}")
        if self.delivery_method:
            parts.append(self.delivery_method)
        return " — ".join(one_line(part) for part in parts)


def render_certificate(data: CertificateData, *, fonts: Fonts = STANDARD_FONTS) -> bytes:
    """A landscape Letter PDF; the same data gives the same bytes (ReportLab invariant mode)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1)
    canvas.setTitle(f"Certificate of Completion: {one_line(data.activity_title)}")
    canvas.setAuthor(one_line(data.provider_name))
    canvas.setSubject(f"{data.credit_line} awarded to {one_line(data.learner_name)}")
    canvas.setCreator("Bitewise")
    _draw_frame(canvas)
    center = PAGE_WIDTH / 2
    _centered(canvas, fonts, data.provider_name.upper(), y=528, bold=True, size=14)
    _centered(canvas, fonts, "Certificate of Completion", y=486, bold=True, size=30)
    _centered(canvas, fonts, "This certifies that", y=452, size=12)
    _centered(canvas, fonts, data.learner_name, y=410, bold=True, size=32, color=ACCENT)
    canvas.setStrokeColor(MUTED)
    canvas.setLineWidth(0.5)
    canvas.line(center - 200, 400, center + 200, 400)
    _centered(canvas, fonts, "has successfully completed", y=378, size=12)
    title = _fitted(fonts, data.activity_title, bold=True, width=600, height=50, size=18)
    y = 366 - title.height
    title.drawOn(canvas, center - 300, y)
    y -= 24
    held_on = f"held on {format_date(data.activity_date)}"
    _centered(canvas, fonts, held_on, y=y, size=12)
    y -= 30
    _centered(canvas, fonts, data.credit_line, y=y, bold=True, size=14, color=ACCENT)
    _draw_footer(canvas, fonts, data)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _draw_footer(canvas: Any, fonts: Fonts, data: CertificateData) -> None:
    left, qr_x, qr_y = 60.0, PAGE_WIDTH - 66 - QR_SIZE, 84.0
    statement = _fitted(fonts, data.approver_statement, width=500, height=110, size=9, left=True)
    statement.drawOn(canvas, left, 88)
    details = [f"Certificate ID: {data.certificate_id}", f"Issued {format_date(data.issued_on)}"]
    if data.sponsor_id:
        details.append(f"Sponsor ID: {data.sponsor_id}")
    canvas.setFillColor(MUTED)
    fonts.draw(canvas, one_line("   ·   ".join(details)), x=left, y=62, size=8.5)
    draw_qr(canvas, data.verify_url, x=qr_x, y=qr_y, size=QR_SIZE)
    canvas.setFont(fonts.regular, 8)
    canvas.drawCentredString(qr_x + QR_SIZE / 2, qr_y + QR_SIZE + 14, "Scan to verify")
    # Right-aligned under the code: a long URL grows to the left, never into the frame.
    url = _fitted(fonts, data.verify_url, width=240, height=28, size=7, url=True)
    url.drawOn(canvas, qr_x + QR_SIZE - 240, qr_y - 12 - url.height)


def _draw_frame(canvas: Any) -> None:
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(3)
    canvas.rect(24, 24, PAGE_WIDTH - 48, PAGE_HEIGHT - 48)
    canvas.setLineWidth(0.75)
    canvas.rect(32, 32, PAGE_WIDTH - 64, PAGE_HEIGHT - 64)


def _centered(
    canvas: Any,
    fonts: Fonts,
    text: str,
    *,
    y: float,
    size: float,
    bold: bool = False,
    color: Any = INK,
) -> None:
    """One line, shrunk until it fits inside the frame."""
    text = one_line(text)
    while size > 8 and fonts.width(text, size=size, bold=bold) > PAGE_WIDTH - 140:
        size -= 1
    canvas.setFillColor(color)
    fonts.draw(canvas, text, x=PAGE_WIDTH / 2, y=y, size=size, bold=bold, align="centre")


def _fitted(
    fonts: Fonts,
    text: str,
    *,
    width: float,
    height: float,
    size: float,
    bold: bool = False,
    left: bool = False,
    url: bool = False,
) -> Any:
    """A wrapped paragraph, its font shrunk until it fits ``height`` (down to 6 pt)."""
    markup = fonts.markup(text.strip(), bold=bold)
    while True:
        style = ParagraphStyle(
            "fitted",
            fontName=fonts.bold if bold else fonts.regular,
            fontSize=size,
            leading=size * 1.25,
            alignment=TA_RIGHT if url else TA_LEFT if left else TA_CENTER,
            textColor=MUTED if url else INK,
            # A URL has no spaces; "CJK" wrapping lets it break between any two characters.
            wordWrap="CJK" if url else None,
        )
        paragraph = Paragraph(markup, style)
        paragraph.wrap(width, height)
        if paragraph.height <= height or size <= 6:
            return paragraph
        size -= 0.5
