"""Parts of speech and forms from the shipped lexicon: what a wrong choice must share with the
answer."""

from __future__ import annotations

import pytest

from bitewise.engines.drafting.lexicon import can_replace, forms


def test_forms_of_nouns_and_adjectives() -> None:
    assert forms("volcanoes") == {("NOUN", "NNS")}
    assert forms("Volcano") == {("NOUN", "NN")}
    assert forms("simple") == {("ADJ", "JJ"), ("NOUN", "NN")}
    assert forms("easier") == {("ADJ", "JJR")}
    assert forms("geology") == {("NOUN", "NN")}  # a mass noun is no plural
    assert forms("explain") == frozenset()  # a verb only
    assert forms("Gutenberg") == frozenset()  # a name the lexicon does not know


@pytest.mark.parametrize(
    ("candidate", "answer", "expected"),
    [
        ("easy", "simple", True),
        ("easier", "simple", False),  # another form
        ("explain", "simple", False),  # another part of speech
        ("airborne", "air", False),
        ("wind", "air", True),
        ("flies", "bees", True),
        ("geology", "bees", False),
        ("caxton", "gutenberg", None),  # unknown: the caller decides by spelling
    ],
)
def test_can_replace(candidate: str, answer: str, expected: bool | None) -> None:
    assert can_replace(candidate, answer) is expected
