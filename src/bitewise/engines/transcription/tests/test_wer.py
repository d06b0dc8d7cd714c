from __future__ import annotations

import pytest

from bitewise.engines.transcription.wer import normalize, word_error_rate


@pytest.mark.parametrize(
    ("reference", "hypothesis", "expected"),
    [
        pytest.param("the cat sat", "the cat sat", 0.0, id="identical"),
        pytest.param("The cat, sat.", "the CAT sat", 0.0, id="case-and-punctuation-ignored"),
        pytest.param("the cat sat", "the dog sat", 1 / 3, id="one-substitution"),
        pytest.param("the cat sat down", "the cat down", 1 / 4, id="one-deletion"),
        pytest.param("the cat sat", "the big cat sat", 1 / 3, id="one-insertion"),
        pytest.param("a b c d e", "a x c e f", 3 / 5, id="substitution-deletion-insertion"),
        pytest.param("one two", "three four five six", 4 / 2, id="more-than-one"),
        pytest.param("", "", 0.0, id="both-empty"),
        pytest.param("", "noise", 1.0, id="empty-reference"),
        pytest.param("five credits", "", 1.0, id="nothing-heard"),
        pytest.param("3 credits", "three credits", 1 / 2, id="numbers-not-spelled-out"),
    ],
)
def test_word_error_rate(reference: str, hypothesis: str, expected: float) -> None:
    assert word_error_rate(reference, hypothesis) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("It\u2019s the members' course.", ["it's", "the", "members", "course"]),
        ("  Follow-up:\n\tQ&A  ", ["follow", "up", "q", "a"]),
        ("Caf\u00e9 NA\u00cfVE", ["caf\u00e9", "na\u00efve"]),
    ],
)
def test_normalize(text: str, words: list[str]) -> None:
    assert normalize(text) == words
