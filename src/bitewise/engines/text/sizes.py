"""File sizes as people read them, in the decimal units the settings are written in
(``BITEWISE_MAX_MEDIA_BYTES=500_000_000`` is "500 MB").

The one format every message uses for a size; a message that sets a size against its limit
takes both from :func:`size_and_limit`, so a file just over the limit never reads "1.0 MB;
the limit is 1.0 MB"."""

from __future__ import annotations

_UNITS = ((10**12, "TB"), (10**9, "GB"), (10**6, "MB"), (10**3, "kB"))


def describe_bytes(size: int) -> str:
    """``512`` → ``512 bytes``; ``4_000`` → ``4.0 kB``; ``2_500_000`` → ``2.5 MB``;
    ``500_000_000`` → ``500 MB``: one decimal under ten of a unit, none from ten on."""
    unit, name = _unit(size)
    return _in(size, unit, name, 1 if unit > 1 and size < 10 * unit else 0)


def size_and_limit(size: int, limit: int) -> tuple[str, str]:
    """``size`` and ``limit`` for a message that sets one against the other. A size near the
    limit is written in the limit's unit and decimals, with a decimal more where the two would
    read alike, and in bytes where they still would: "2.05 MB; the limit is 2.00 MB",
    "2,000,001 bytes; the limit is 2,000,000 bytes", never "2.0 MB; the limit is 2.0 MB"."""
    if size >= 10 * limit or size == limit:
        return describe_bytes(size), describe_bytes(limit)
    unit, name = _unit(limit)
    decimals = 1 if unit > 1 and limit < 10 * unit else 0
    for extra in range(2 if unit > 1 else 1):
        pair = _in(size, unit, name, decimals + extra), _in(limit, unit, name, decimals + extra)
        if pair[0] != pair[1]:
            return pair
    return _in(size, 1, "bytes", 0), _in(limit, 1, "bytes", 0)


def _unit(size: int) -> tuple[int, str]:
    return next(((unit, name) for unit, name in _UNITS if size >= unit), (1, "bytes"))


def _in(size: int, unit: int, name: str, decimals: int) -> str:
    if unit == 1:
        return "1 byte" if size == 1 else f"{size:,} bytes"
    return f"{size / unit:,.{decimals}f} {name}"
