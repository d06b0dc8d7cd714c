"""Overlapping and out-of-order cues are put one after another, keeping every word and
every speaker's label."""

from __future__ import annotations

import itertools

import pytest

from bitewise.engines.transcripts import Cue
from bitewise.engines.transcripts.cues import in_order

Row = tuple[float, float, str, str]


def cues(*rows: Row) -> list[Cue]:
    return [Cue(start=a, end=b, text=text, speaker=who) for a, b, text, who in rows]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        pytest.param(
            [(0, 4, "One.", "A"), (4, 8, "Two.", "A")],
            [(0, 4, "One.", "A"), (4, 8, "Two.", "A")],
            id="touching-unchanged",
        ),
        pytest.param(
            [(0, 5.5, "One.", "A"), (5, 8, "Two.", "A")],
            [(0, 5, "One.", "A"), (5, 8, "Two.", "A")],
            id="small-overlap-trimmed",
        ),
        pytest.param(
            [(0, 9, "Long answer.", "A"), (5, 10, "Next point.", "B")],
            [(0, 5, "Long answer.", "A"), (5, 10, "Next point.", "B")],
            id="large-overlap-two-speakers-trimmed",
        ),
        pytest.param(
            [(0, 9, "Long answer.", "A"), (5, 10, "And more.", "A")],
            [(0, 5, "Long answer.", "A"), (5, 10, "And more.", "A")],
            id="large-overlap-one-speaker-trimmed",
        ),
        pytest.param(
            [(0, 10, "I think so.", "A"), (3, 5, "Right.", "B"), (10, 12, "Yes.", "A")],
            [(0, 3, "I think so.", "A"), (3, 5, "Right.", "B"), (10, 12, "Yes.", "A")],
            id="interjection-inside-another-speaker",
        ),
        pytest.param(
            [(0, 10, "First line", "A"), (2, 6, "second line.", "A")],
            [(0, 10, "First line second line.", "A")],
            id="same-speaker-inside-joins",
        ),
        pytest.param(
            [(0, 4, "Top line", ""), (0, 6, "bottom line.", "")],
            [(0, 6, "Top line bottom line.", "")],
            id="same-start-same-speaker-joins",
        ),
        pytest.param(
            [(0, 4, "Hello.", "A"), (0, 3, "Hi.", "B")],
            [(0, 0, "Hello.", "A"), (0, 3, "Hi.", "B")],
            id="same-start-two-speakers-both-kept",
        ),
        pytest.param(
            [(10, 12, "Second.", "A"), (1, 3, "First.", "B"), (20, 22, "Third.", "A")],
            [(1, 3, "First.", "B"), (10, 12, "Second.", "A"), (20, 22, "Third.", "A")],
            id="out-of-order-sorted",
        ),
        pytest.param(
            [(5, 6, "Later.", "A"), (5, 6, "Same time.", "B")],
            [(5, 5, "Later.", "A"), (5, 6, "Same time.", "B")],
            id="ties-keep-file-order",
        ),
        pytest.param([], [], id="empty"),
    ],
)
def test_cues_follow_each_other(given: list[Row], expected: list[Row]) -> None:
    result = in_order(cues(*given))

    assert [(c.start, c.end, c.text, c.speaker) for c in result] == expected


@pytest.mark.parametrize(
    "given",
    [
        pytest.param([(0, 30, f"word{i}", "AB"[i % 2]) for i in range(8)], id="all-at-once"),
        pytest.param([(i, i + 9, f"word{i}", "A") for i in range(8)], id="rolling"),
        pytest.param([(8 - i, 20, f"word{i}", "AB"[i % 2]) for i in range(8)], id="reversed"),
    ],
)
def test_no_word_is_lost_and_times_never_go_back(given: list[Row]) -> None:
    result = in_order(cues(*given))

    said = sorted(word for cue in result for word in cue.text.split())
    assert said == sorted(row[2] for row in given)
    assert all(c.start <= c.end for c in result)
    assert all(a.end <= b.start for a, b in itertools.pairwise(result))
