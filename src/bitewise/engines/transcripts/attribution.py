"""Which lesson a moment of a recording belongs to, and where that lesson's own media is then.

One recording can back several lessons: each plays a range of it (the whole recording, from
``start`` to ``end``) or a clip cut from it (media that begins at ``offset`` seconds of the
recording). A moment belongs to the lesson whose range holds it; when none does, to the
recording itself."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    lesson_id: int
    start: float  # seconds of the recording
    end: float | None  # None: to the end of the recording
    offset: float = 0.0  # where the lesson's media begins in the recording (a clip's start)
    is_public: bool = True  # learners can open the lesson

    def holds(self, moment: float) -> bool:
        return self.start <= moment and (self.end is None or moment < self.end)


@dataclass(frozen=True)
class Placement:
    lesson_id: int | None  # None: no lesson's range holds the moment
    at: float  # seconds into the lesson's media, or into the recording when lesson_id is None


def place(moment: float, spans: Iterable[Span]) -> Placement:
    """The lesson whose range holds ``moment`` and the second to open its media at.

    When ranges overlap, a lesson learners can open wins over a draft, then the range that
    starts last (the narrower cut of the recording, not a lesson playing all of it), then the
    one that ends first, then the lowest id, so the answer never depends on the order given."""
    holding = [span for span in spans if span.holds(moment)]
    if not holding:
        return Placement(lesson_id=None, at=max(0.0, moment))
    best = max(
        holding,
        key=lambda s: (
            s.is_public,
            s.start,
            -(s.end if s.end is not None else float("inf")),
            -s.lesson_id,
        ),
    )
    return Placement(lesson_id=best.lesson_id, at=max(0.0, moment - best.offset))
