"""What search hands to views, the API and other apps."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SearchHit:
    document_id: int
    kind: str  # "lesson", "explanation" or "passage"
    title: str
    snippet: str
    url: str
    start_seconds: int | None  # where a recording hit starts playing
    score: float

    @property
    def clock(self) -> str:
        """Where a recording hit starts, as a player shows it: ``1:23`` or ``1:02:03``."""
        if self.start_seconds is None:
            return ""
        return clock(self.start_seconds)


def clock(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    if minutes >= 60:
        return f"{minutes // 60}:{minutes % 60:02d}:{rest:02d}"
    return f"{minutes}:{rest:02d}"
