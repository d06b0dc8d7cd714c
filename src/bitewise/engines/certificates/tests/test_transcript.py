from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from bitewise.engines.certificates import (
    TranscriptRow,
    render_transcript_pdf,
    totals_by_unit,
    transcript_csv,
)
from bitewise.engines.certificates.tests.conftest import page_text, read_pdf


def make_row(**changes: Any) -> TranscriptRow:
    fields: dict[str, Any] = {
        "activity_date": date(2026, 3, 10),
        "activity_title": "Lease accounting under ASC 842",
        "provider_name": "Example Association of Accountants",
        "credit": Decimal("0.2"),
        "credit_unit": "CPE credits",
        "credit_type": "Accounting",
        "delivery_method": "Group Internet Based",
        "certificate_id": "CE-2026-000123",
        "verify_url": "https://bitewise.example/verify/CE-2026-000123",
    }
    return TranscriptRow(**(fields | changes))


def many_rows(count: int) -> list[TranscriptRow]:
    return [
        make_row(
            activity_date=date(2026, 1, 1) + timedelta(days=n),
            activity_title=f"Micro-webinar number {n}",
            credit=Decimal("0.1") * (1 + n % 3),
            credit_unit="Contact hours" if n % 4 == 0 else "CPE credits",
            certificate_id=f"CE-2026-{n:06d}",
        )
        for n in range(count)
    ]


def render(rows: list[TranscriptRow]) -> bytes:
    return render_transcript_pdf(
        learner_name="Zoë Ñúñez",
        rows=rows,
        period_label="Calendar year 2026",
        generated_on=date(2026, 12, 31),
    )


def test_totals_are_exact_decimal_sums_per_unit() -> None:
    rows = many_rows(120)

    totals = totals_by_unit(rows)

    # 0.1 + 0.2 + 0.3 repeated: floats would drift, Decimals must not.
    assert totals == {"CPE credits": Decimal("18.0"), "Contact hours": Decimal("6.0")}
    assert sum(totals.values()) == sum(row.credit for row in rows)


def test_a_long_transcript_spans_pages_with_the_header_on_each() -> None:
    reader = read_pdf(render(many_rows(120)))

    pages = [page_text(reader, index) for index in range(len(reader.pages))]
    table_pages = [text for text in pages if "Micro-webinar" in text]
    assert len(table_pages) >= 3
    assert all("Date Activity Provider Credit Unit" in text for text in table_pages)
    text = " ".join(pages)
    assert all(f"Micro-webinar number {n} " in text for n in range(120))
    assert "Continuing Education Transcript" in pages[0]
    assert "Zoë Ñúñez · Calendar year 2026" in pages[0]
    assert f"Page {len(pages)}" in pages[-1]


def test_the_last_page_closes_with_totals_per_unit() -> None:
    reader = read_pdf(render(many_rows(120)))

    last_page = page_text(reader, len(reader.pages) - 1)

    assert "Totals CPE credits 18.00 Contact hours 6.00" in last_page


def test_an_empty_period_still_renders() -> None:
    text = page_text(read_pdf(render([])))

    assert "No credits in this period." in text
    assert "No credits 0.00" in text


def test_markup_characters_in_titles_are_printed_literally() -> None:
    text = page_text(read_pdf(render([make_row(activity_title="P&L <basics>")])))

    assert "P&L <basics>" in text


def test_csv_has_a_header_and_one_line_per_row() -> None:
    rows = [make_row(), make_row(activity_title='Debits, "credits"\nand more')]

    parsed = list(csv.reader(io.StringIO(transcript_csv(rows))))

    assert parsed[0][:4] == ["Date", "Activity", "Provider", "Credit"]
    assert parsed[1] == [
        "2026-03-10",
        "Lease accounting under ASC 842",
        "Example Association of Accountants",
        "0.20",
        "CPE credits",
        "Accounting",
        "Group Internet Based",
        "CE-2026-000123",
        "https://bitewise.example/verify/CE-2026-000123",
    ]
    assert parsed[2][1] == 'Debits, "credits"\nand more'
    assert len(parsed) == 3


@pytest.mark.parametrize(
    "title",
    [
        pytest.param('=HYPERLINK("https://evil.example","Click")', id="equals"),
        pytest.param("+1+cmd|' /C calc'!A0", id="plus"),
        pytest.param("-2+3", id="minus"),
        pytest.param("@SUM(A1:A9)", id="at"),
        pytest.param("\t=1+1", id="tab"),
    ],
)
def test_csv_defuses_cells_a_spreadsheet_would_run(title: str) -> None:
    rows = [make_row(activity_title=title, provider_name=title)]

    [_, row] = list(csv.reader(io.StringIO(transcript_csv(rows))))

    assert row[1] == "'" + title
    assert row[2] == "'" + title


def test_csv_leaves_ordinary_text_alone() -> None:
    [_, row] = list(csv.reader(io.StringIO(transcript_csv([make_row(activity_title="A-Z 2=2")]))))

    assert row[1] == "A-Z 2=2"


def test_a_row_refuses_negative_credit() -> None:
    with pytest.raises(ValueError, match="non-negative"):
        make_row(credit=Decimal("-1"))
