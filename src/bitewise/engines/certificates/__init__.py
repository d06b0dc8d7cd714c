"""Continuing-education certificates and transcripts as PDF (ReportLab) and CSV.

Framework-free: plain values in, bytes or text out. Verification links are QR codes drawn as
vector squares (segno). See ``fonts`` for how names in any script render (``unicode_fonts``).
"""

from __future__ import annotations

from bitewise.engines.certificates.fonts import (
    STANDARD_FONTS,
    Fonts,
    ttf_fonts,
    unicode_fonts,
    visual_order,
    winansi_text,
)
from bitewise.engines.certificates.formatting import format_credit, format_date
from bitewise.engines.certificates.pdf import CertificateData, render_certificate
from bitewise.engines.certificates.qr import draw_qr, qr_matrix, qr_png
from bitewise.engines.certificates.transcript import (
    TranscriptRow,
    render_transcript_pdf,
    totals_by_unit,
    transcript_csv,
)

__all__ = [
    "STANDARD_FONTS",
    "CertificateData",
    "Fonts",
    "TranscriptRow",
    "draw_qr",
    "format_credit",
    "format_date",
    "qr_matrix",
    "qr_png",
    "render_certificate",
    "render_transcript_pdf",
    "totals_by_unit",
    "transcript_csv",
    "ttf_fonts",
    "unicode_fonts",
    "visual_order",
    "winansi_text",
]
