"""Where staff ask for a cut, the nearest place a sentence ends: edits to segment boundaries
land between sentences, never inside one."""

from __future__ import annotations

import re
from collections.abc import Sequence

_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*$")


def ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text.strip()))


def snap_cut(
    starts: Sequence[float], texts: Sequence[str], at: float, *, lo: int, hi: int
) -> int | None:
    """The unit index in ``[lo, hi]`` to start a segment at for a cut asked for at ``at``
    seconds: the nearest unit whose previous unit ends a sentence, else the nearest unit.
    ``starts`` and ``texts`` hold each unit's start time and text. None if ``lo > hi``."""
    lo, hi = max(lo, 1), min(hi, len(starts) - 1)
    if lo > hi:
        return None
    candidates = range(lo, hi + 1)
    after_sentence = [i for i in candidates if ends_sentence(texts[i - 1])]
    pool = after_sentence or list(candidates)
    return min(pool, key=lambda i: (abs(starts[i] - at), i))
