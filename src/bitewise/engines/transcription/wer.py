"""Word error rate: the share of reference words a transcript got wrong."""

from __future__ import annotations

import re
import unicodedata

WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")  # letters and digits; inner apostrophes kept


def normalize(text: str) -> list[str]:
    """Lowercase words without punctuation. Deliberately simple: numbers are not spelled
    out ("3" and "three" differ), hyphens split words ("follow-up" is two), and curly
    apostrophes count as straight ones."""
    folded = unicodedata.normalize("NFKC", text).lower().replace("\u2019", "'")
    return WORD.findall(folded)


def word_error_rate(reference: str, hypothesis: str) -> float:
    """(substitutions + deletions + insertions) / reference words, after normalize().

    An empty reference gives 0.0 for an empty hypothesis and 1.0 otherwise. Can exceed 1.0
    when the hypothesis has many extra words."""
    expected, heard = normalize(reference), normalize(hypothesis)
    if not expected:
        return 0.0 if not heard else 1.0
    return edit_distance(expected, heard) / len(expected)


def edit_distance(expected: list[str], heard: list[str]) -> int:
    """Levenshtein distance over words, one row at a time."""
    previous = list(range(len(heard) + 1))
    for i, word in enumerate(expected, 1):
        current = [i]
        for j, candidate in enumerate(heard, 1):
            current.append(
                min(
                    previous[j] + 1,  # deletion
                    current[j - 1] + 1,  # insertion
                    previous[j - 1] + (word != candidate),  # substitution or match
                )
            )
        previous = current
    return previous[-1]
