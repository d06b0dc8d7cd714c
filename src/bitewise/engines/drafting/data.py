"""The plain values drafting gives back."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Question:
    kind: str  # "cloze" (choices empty) or "multiple_choice"
    prompt: str
    choices: tuple[str, ...]
    answer: str  # always occurs in the segment's text


@dataclass(frozen=True)
class Draft:
    title: str  # empty only when the segment has no usable words
    summary: str
    key_terms: tuple[str, ...]
    questions: tuple[Question, ...]
