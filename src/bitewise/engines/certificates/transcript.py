"""A learner's continuing-education transcript, as a PDF table and as CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from bitewise.engines.certificates.fonts import STANDARD_FONTS, Fonts
from bitewise.engines.certificates.formatting import (
    check_credit,
    format_credit,
    format_date,
    one_line,
)
from bitewise.engines.text.spreadsheet import defused

CSV_HEADER = (
    "Date",
    "Activity",
    "Provider",
    "Credit",
    "Unit",
    "Field of study",
    "Delivery method",
    "Certificate ID",
    "Verification URL",
)
PDF_HEADER = ("Date", "Activity", "Provider", "Credit", "Unit", "Field of study", "Delivery", "ID")
COLUMN_WIDTHS = [0.8, 2.45, 2.0, 0.55, 0.9, 0.95, 1.3, 1.05]  # inches, 10 in all
RULE = HexColor("#c8d0da")
HEADER_FILL = HexColor("#e8eef4")


@dataclass(frozen=True, kw_only=True)
class TranscriptRow:
    activity_date: date
    activity_title: str
    provider_name: str
    credit: Decimal
    credit_unit: str
    credit_type: str = ""
    delivery_method: str = ""
    certificate_id: str = ""
    verify_url: str = ""

    def __post_init__(self) -> None:
        check_credit(self.credit)


def totals_by_unit(rows: Iterable[TranscriptRow]) -> dict[str, Decimal]:
    """Exact sums per credit unit, in unit order; units are never added to each other."""
    totals: dict[str, Decimal] = {}
    for row in rows:
        totals[row.credit_unit] = totals.get(row.credit_unit, Decimal(0)) + row.credit
    return dict(sorted(totals.items()))


def transcript_csv(rows: Iterable[TranscriptRow]) -> str:
    """RFC 4180 CSV with a header row; text that a spreadsheet would run is defused."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    for row in rows:
        cells = [
            row.activity_date.isoformat(),
            row.activity_title,
            row.provider_name,
            format_credit(row.credit),
            row.credit_unit,
            row.credit_type,
            row.delivery_method,
            row.certificate_id,
            row.verify_url,
        ]
        writer.writerow([defused(cell) for cell in cells])
    return buffer.getvalue()


def render_transcript_pdf(
    *,
    learner_name: str,
    rows: Sequence[TranscriptRow],
    period_label: str,
    generated_on: date,
    fonts: Fonts = STANDARD_FONTS,
) -> bytes:
    """Landscape Letter; the table header repeats on every page and totals per unit close it."""
    buffer = io.BytesIO()
    title = f"CE transcript: {one_line(learner_name)}, {one_line(period_label)}"
    document = SimpleDocTemplate(
        buffer,
        pagesize=landscape(letter),
        leftMargin=0.5 * inch,
        rightMargin=0.5 * inch,
        topMargin=0.6 * inch,
        bottomMargin=0.6 * inch,
        title=title,
        author="Bitewise",
        subject="Continuing education transcript",
        creator="Bitewise",
        invariant=1,
    )
    heading = ParagraphStyle("heading", fontName=fonts.bold, fontSize=18, leading=22)
    body = ParagraphStyle("body", fontName=fonts.regular, fontSize=10, leading=14)
    cell = ParagraphStyle("cell", fontName=fonts.regular, fontSize=8, leading=10)
    story: list[Any] = [
        Paragraph("Continuing Education Transcript", heading),
        Paragraph(fonts.markup(one_line(f"{learner_name} · {period_label}")), body),
        Paragraph(f"Generated on {format_date(generated_on)}", body),
        Spacer(1, 12),
        _table(fonts, rows, cell),
        Spacer(1, 14),
        Paragraph("Totals", ParagraphStyle("totals", heading, fontSize=12, keepWithNext=1)),
        _totals(fonts, rows),
    ]

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        fonts.draw(canvas, one_line(title), x=0.5 * inch, y=0.35 * inch, size=8)
        fonts.draw(canvas, f"Page {doc.page}", x=10.5 * inch, y=0.35 * inch, size=8, align="right")
        canvas.restoreState()

    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _table(fonts: Fonts, rows: Sequence[TranscriptRow], cell: ParagraphStyle) -> Any:
    data: list[list[Any]] = [list(PDF_HEADER)]
    for row in rows:
        certificate = fonts.markup(one_line(row.certificate_id), href=row.verify_url)
        data.append(
            [
                row.activity_date.isoformat(),
                Paragraph(_markup(fonts, row.activity_title), cell),
                Paragraph(_markup(fonts, row.provider_name), cell),
                format_credit(row.credit),
                Paragraph(_markup(fonts, row.credit_unit), cell),
                Paragraph(_markup(fonts, row.credit_type), cell),
                Paragraph(_markup(fonts, row.delivery_method), cell),
                Paragraph(certificate, cell),
            ]
        )
    if not rows:
        data.append(["", Paragraph("No credits in this period.", cell), "", "", "", "", "", ""])
    table = Table(data, colWidths=[width * inch for width in COLUMN_WIDTHS], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), fonts.bold, 8),
                ("FONT", (0, 1), (-1, -1), fonts.regular, 8),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
                ("ALIGN", (3, 0), (3, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _totals(fonts: Fonts, rows: Sequence[TranscriptRow]) -> Any:
    cell = ParagraphStyle("total", fontName=fonts.bold, fontSize=9, leading=11)
    data = [
        [Paragraph(_markup(fonts, unit, bold=True), cell), format_credit(total)]
        for unit, total in totals_by_unit(rows).items()
    ]
    table = Table(data or [["No credits", "0.00"]], colWidths=[2 * inch, 0.8 * inch], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), fonts.bold, 9),
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
            ]
        )
    )
    return table


def _markup(fonts: Fonts, text: str, *, bold: bool = False) -> str:
    # Paragraph text is markup: a title with "<" or "&" would otherwise break the PDF build.
    return fonts.markup(one_line(text), bold=bold)
