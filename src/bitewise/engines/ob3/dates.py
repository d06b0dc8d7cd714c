"""XML Schema dateTimeStamp values as VC 2.0 uses them.

https://www.w3.org/TR/vc-data-model-2.0/#representing-time
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

_DATE_TIME_STAMP = re.compile(
    r"^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"
)


def format_datetime(moment: datetime) -> str:
    """``2024-05-01T12:00:00Z``: UTC, whole seconds."""
    if moment.tzinfo is None:
        raise ValueError("an aware datetime is required")
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def parse_datetime(text: object) -> datetime:
    """An aware datetime; raises ValueError for anything but an xsd:dateTimeStamp string."""
    if not isinstance(text, str) or not _DATE_TIME_STAMP.match(text):
        raise ValueError(f"{text!r} is not a date-time with a time zone")
    return datetime.fromisoformat(text)
