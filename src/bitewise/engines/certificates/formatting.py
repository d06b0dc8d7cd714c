"""How credits and dates read on certificates, transcripts and exports."""

from __future__ import annotations

from datetime import date
from decimal import Decimal


def check_credit(credit: Decimal) -> None:
    if not credit.is_finite() or credit < 0:
        raise ValueError(f"credit must be a finite, non-negative Decimal, got {credit}")


def format_credit(credit: Decimal) -> str:
    """Two decimals as accrediting bodies print them ("1.20"), more only when needed."""
    if credit == credit.quantize(Decimal("0.01")):
        return f"{credit:.2f}"
    return format(credit.normalize(), "f")


def format_date(day: date) -> str:
    """Month name in English, independent of the process locale: "March 5, 2026"."""
    return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def one_line(text: str) -> str:
    """Collapse newlines and runs of spaces; single-line fields must not break the layout."""
    return " ".join(text.split())
