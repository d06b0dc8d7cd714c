from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from pypdf import PdfReader

from bitewise.engines.certificates import CertificateData

NASBA_STATEMENT = (
    "Example Association is registered with the National Association of State Boards of "
    "Accountancy (NASBA) as a sponsor of continuing professional education on the National "
    "Registry of CPE Sponsors. State boards of accountancy have final authority on the acceptance "
    "of individual courses for CPE credit. Complaints regarding registered sponsors may be "
    "submitted to the National Registry of CPE Sponsors through its website: "
    "www.nasbaregistry.org."
)
VERIFY_URL = "https://bitewise.example/verify/CE-2026-000123"


def make_certificate(**changes: Any) -> CertificateData:
    fields: dict[str, Any] = {
        "certificate_id": "CE-2026-000123",
        "learner_name": "Zoë Ñúñez",
        "activity_title": "Lease accounting under ASC 842",
        "activity_date": date(2026, 3, 10),
        "provider_name": "Example Association of Accountants",
        "credit": Decimal("1.2"),
        "credit_unit": "CPE credits",
        "credit_type": "Accounting",
        "delivery_method": "Group Internet Based",
        "approver_statement": NASBA_STATEMENT,
        "verify_url": VERIFY_URL,
        "issued_on": date(2026, 3, 11),
        "sponsor_id": "112233",
    }
    return CertificateData(**(fields | changes))


def read_pdf(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def page_text(reader: PdfReader, index: int = 0) -> str:
    """Extracted text with whitespace collapsed, so wrapped lines read as one sentence."""
    return " ".join(reader.pages[index].extract_text().split())


@pytest.fixture
def certificate() -> CertificateData:
    return make_certificate()
