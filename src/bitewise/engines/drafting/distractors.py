"""Wrong answers for a question: terms from elsewhere in the recording that the segment the
question is about never mentions, so no distractor is secretly right."""

from __future__ import annotations

from collections.abc import Sequence

from bitewise.engines.drafting.phrases import find


def distractors_for(answer: str, text: str, pool: Sequence[str], count: int) -> list[str]:
    """Up to ``count`` terms of ``pool`` (in its order) that differ from ``answer`` and do
    not occur in ``text``, written with the answer's initial capital or not."""
    chosen: list[str] = []
    seen = {answer.lower()}
    for term in pool:
        key = term.lower()
        if key in seen or find(term, text) is not None:
            continue
        seen.add(key)
        chosen.append(term[:1].upper() + term[1:] if answer[:1].isupper() else term)
        if len(chosen) == count:
            break
    return chosen
