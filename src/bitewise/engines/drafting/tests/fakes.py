"""A stand-in for the sentence model's vocabulary in tests: fixed neighbours, best first."""

from __future__ import annotations

from typing import cast

from bitewise.engines.drafting import Related


class Neighbours:
    """The same ``words`` near any answer; ``common`` are the words the vocabulary knows
    (for plurals made of a neighbour)."""

    def __init__(self, words: list[str], common: tuple[str, ...] = ()) -> None:
        self.words, self.common = words, common

    def related(self) -> Related:
        return cast(Related, self)

    def similar(self, answer: str, count: int, *, context: str = "") -> list[tuple[str, float]]:
        return [(w, 1.0) for w in self.words[:count]]

    def knows(self, word: str) -> bool:
        return word in self.common
