"""A cohort or event report as PDF (ReportLab platypus, the shipped Noto fonts so any
script in a title or name prints): a heading, then sections of sentences and tables."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from bitewise.engines.certificates.fonts import unicode_fonts


@dataclass(frozen=True)
class Section:
    heading: str
    sentences: Sequence[str] = ()
    header: Sequence[str] = ()
    rows: Sequence[Sequence[object]] = field(default_factory=list)


def render_report(*, title: str, subtitle: str, sections: Sequence[Section]) -> bytes:
    fonts = unicode_fonts()
    body = ParagraphStyle("body", fontName=fonts.regular, fontSize=10, leading=13)
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=10)
    h1 = ParagraphStyle("h1", parent=body, fontName=fonts.bold, fontSize=18, leading=22)
    h2 = ParagraphStyle("h2", parent=body, fontName=fonts.bold, fontSize=13, leading=17)
    story: list[object] = [
        Paragraph(fonts.markup(title, bold=True), h1),
        Paragraph(fonts.markup(subtitle), body),
    ]
    for section in sections:
        story += [Spacer(1, 6 * mm), Paragraph(fonts.markup(section.heading, bold=True), h2)]
        story += [Paragraph(fonts.markup(s), body) for s in section.sentences]
        if section.header:
            data = [[Paragraph(fonts.markup(str(h), bold=True), small) for h in section.header]]
            data += [[Paragraph(fonts.markup(str(c)), small) for c in row] for row in section.rows]
            table = Table(data, repeatRows=1)
            table.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e9ee")),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            story += [Spacer(1, 2 * mm), table]
    out = io.BytesIO()
    document = SimpleDocTemplate(
        out, pagesize=A4, title=title, leftMargin=15 * mm, rightMargin=15 * mm
    )
    document.build(story)
    return out.getvalue()
