"""Sizes in messages: decimal units, and a size over a limit never reads as the limit."""

from __future__ import annotations

import pytest

from bitewise.engines.text.sizes import describe_bytes, size_and_limit


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        pytest.param(1, "1 byte", id="one-byte"),
        pytest.param(999, "999 bytes", id="bytes"),
        pytest.param(4_000, "4.0 kB", id="kilobytes"),
        pytest.param(2_500_000, "2.5 MB", id="megabytes"),
        pytest.param(500_000_000, "500 MB", id="setting-default"),  # not 477 (MiB)
        pytest.param(2_000_000_000, "2.0 GB", id="gigabytes"),
    ],
)
def test_a_size_is_written_in_decimal_units(size: int, expected: str) -> None:
    assert describe_bytes(size) == expected


@pytest.mark.parametrize(
    ("size", "limit", "expected"),
    [
        pytest.param(5_000, 4_000, ("5.0 kB", "4.0 kB"), id="well-over"),
        pytest.param(2_050_000, 2_000_000, ("2.05 MB", "2.00 MB"), id="a-decimal-more"),
        pytest.param(500_400_000, 500_000_000, ("500.4 MB", "500.0 MB"), id="whole-units"),
        pytest.param(1_001, 1_000, ("1,001 bytes", "1,000 bytes"), id="a-byte-over-a-kB"),
        pytest.param(2_000_001, 2_000_000, ("2,000,001 bytes", "2,000,000 bytes"), id="a-byte"),
        pytest.param(1_000_000, 999_999, ("1,000,000 bytes", "999,999 bytes"), id="unit-edge"),
        pytest.param(10**12, 10**6, ("1.0 TB", "1.0 MB"), id="far-over"),
        pytest.param(2_000_000, 2_000_000, ("2.0 MB", "2.0 MB"), id="at-the-limit"),
    ],
)
def test_a_size_over_a_limit_reads_differently_from_it(
    size: int, limit: int, expected: tuple[str, str]
) -> None:
    assert size_and_limit(size, limit) == expected


@pytest.mark.parametrize("limit", [1_000, 1_024, 999_999, 2_000_000, 8_000_000, 500_000_000])
@pytest.mark.parametrize("over", [1, 7, 499, 5_000, 50_001])
def test_no_size_over_a_limit_is_written_as_the_limit(limit: int, over: int) -> None:
    said, most = size_and_limit(limit + over, limit)

    assert said != most
