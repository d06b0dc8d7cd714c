"""The learned boundary probability: its features, its weights' direction, and the pooling
that makes the number of cuts independent of how finely a transcript is split into units."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from bitewise.engines.segmentation import Options, Unit, hashed_tfidf, segment_units
from bitewise.engines.segmentation.features import (
    NAMES,
    SPEAKER_COLUMNS,
    gap_features,
    speaker_shift,
    turn_words,
)
from bitewise.engines.segmentation.learned import (
    LABELLED_WEIGHTS,
    UNLABELLED_WEIGHTS,
    boundary_logits,
)
from bitewise.engines.segmentation.segment import PEAK_BONUS, names_speakers, pooled
from bitewise.engines.segmentation.tests.test_cues import VOCABULARY
from bitewise.engines.segmentation.timeline import timeline


def talk(parts: list[tuple[str, float]], seconds: float) -> tuple[list[Unit], list[float]]:
    """Topics one after another in sentences of ``seconds`` each."""
    units: list[Unit] = []
    changes, at = [], 0.0
    for name, minutes in parts:
        if units:
            changes.append(at)
        words = itertools.cycle(VOCABULARY[name].split())
        for _ in range(round(minutes * 60 / seconds)):
            said = " ".join(next(words) for _ in range(max(2, round(seconds * 0.6))))
            units.append(Unit(f"The {said} matters.", at, at + seconds - 0.2))
            at += seconds
    return units, changes


def test_the_cues_and_the_dips_raise_the_probability_of_a_change() -> None:
    for name in ("depth 60-120 s", "transition phrase", "new speaker's question",
                 "speakers shift 60 s", "opening word", "dissimilarity 120 s"):  # fmt: skip
        column = NAMES.index(name)
        assert LABELLED_WEIGHTS[column] > 0, name
        quiet, marked = np.zeros((1, len(NAMES))), np.zeros((1, len(NAMES)))
        marked[0, column] = 1.0
        assert boundary_logits(marked)[0] > boundary_logits(quiet)[0], name
        if column not in SPEAKER_COLUMNS:
            assert UNLABELLED_WEIGHTS[column] > 0, name
            assert (
                boundary_logits(marked, speakers=False)[0]
                > boundary_logits(quiet, speakers=False)[0]
            ), name
    assert boundary_logits(np.zeros((0, len(NAMES)))) == []


def test_without_speaker_labels_the_columns_that_need_them_weigh_nothing() -> None:
    rows = np.random.default_rng(1).normal(size=(6, len(NAMES)))
    assert all(UNLABELLED_WEIGHTS[c] == 0 for c in SPEAKER_COLUMNS)
    assert all(UNLABELLED_WEIGHTS[c] != 0 for c in range(len(NAMES)) if c not in SPEAKER_COLUMNS)
    # the two forms are read by different weights
    assert boundary_logits(rows, speakers=False) != pytest.approx(boundary_logits(rows))


def test_a_transcript_names_its_speakers_when_most_units_carry_a_name() -> None:
    named = [Unit("Welcome back.", speaker="Ana"), Unit("Thanks.", speaker="Ben")]
    assert names_speakers(named)
    stray = [Unit("Next question: budgets."), *(Unit("We spend.") for _ in range(5))]
    stray[0] = Unit("budgets.", speaker="Next question")  # as a "Name: text" reader splits it
    assert not names_speakers(stray)
    assert not names_speakers([])


def test_the_number_of_lessons_does_not_depend_on_how_finely_the_talk_is_split() -> None:
    parts = [("volcano", 4.0), ("bread", 4.0), ("bees", 4.0), ("money", 4.0)]
    for seconds in (5.0, 10.0, 20.0):
        units, changes = talk(parts, seconds)

        result = segment_units(units)

        assert [b.time for b in result.boundaries] == pytest.approx(changes, abs=seconds + 0.5)


def test_pooling_counts_the_evidence_nearby_relative_to_the_transcript() -> None:
    starts = [10.0 * i for i in range(20)]
    flat = pooled([-5.0] * 20, starts, 30.0)
    # every gap as likely as any other: near the average everywhere, each its own peak
    assert all(0.5 + PEAK_BONUS <= v <= 1.2 + PEAK_BONUS for v in flat)
    logits = [-5.0] * 20
    logits[10] = 1.0
    peaked = pooled(logits, starts, 30.0)
    assert max(peaked) == peaked[10] > 2.0
    assert peaked[9] < peaked[10] and peaked[0] < 1.0  # far from it: less than the average


def test_speakers_sharing_the_talk_differently_mark_a_shift() -> None:
    units = [Unit("we talk about the plan", 10.0 * i, 10.0 * i + 9.0, "AB"[i % 2])
             for i in range(12)]  # fmt: skip
    units += [Unit("we talk about the plan", 10.0 * i, 10.0 * i + 9.0, "CD"[i % 2])
              for i in range(12, 24)]  # fmt: skip
    shift = speaker_shift(units, timeline(units, 150), 60.0)
    assert int(np.argmax(shift)) == 11  # the gap before unit 12
    assert shift[11] == pytest.approx(1.0) and shift[3] == pytest.approx(0.0, abs=0.05)
    unlabelled = [Unit(u.text, u.start, u.end) for u in units]
    assert not speaker_shift(unlabelled, timeline(unlabelled, 150), 60.0).any()


def test_a_turn_runs_until_the_speaker_changes() -> None:
    units = [Unit("one two", speaker="A"), Unit("three", speaker="A"), Unit("four", speaker="B")]
    assert turn_words(units) == [3, 1, 1]
    assert turn_words([Unit("one two"), Unit("three")]) == [2, 1]


def test_every_gap_gets_one_row_of_features() -> None:
    units, _ = talk([("volcano", 2.0), ("bread", 2.0)], 10.0)
    matrix = hashed_tfidf([u.text for u in units])

    features, similarity, depth = gap_features(units, matrix, timeline(units, 150))

    assert features.shape == (len(units) - 1, len(NAMES))
    assert len(similarity) == len(depth) == len(units) - 1
    change = 11  # the gap before the first bread sentence
    assert int(np.argmax(features[:, NAMES.index("depth 60-120 s")])) == change
    assert gap_features(units[:1], matrix[:1], timeline(units[:1], 150))[0].shape == (0, len(NAMES))


def test_the_tolerance_must_be_positive() -> None:
    with pytest.raises(ValueError):
        Options(tolerance_seconds=0)
