"""A short part at either end stands alone only behind the cut the evidence points at: the
pooled score runs high beside a change too, and a cut moved off its peak to make the edge
lesson long enough would split the next speaker's opening from the rest of their topic."""

from __future__ import annotations

import numpy as np
import pytest

from bitewise.engines.segmentation import segment_units
from bitewise.engines.segmentation.coherence import window_max
from bitewise.engines.segmentation.cuts import best_cuts
from bitewise.engines.segmentation.tests.test_cues import session


def test_a_part_just_short_of_the_edge_minimum_is_not_cut_off_beside_its_change() -> None:
    # 59.8 s of bees (the edge minimum is 60 s), then one topic: the cut at the change would
    # leave too short a lesson, and the gap 10 s later scores high only by being near it
    units, changes = session(("bees", 0.95), ("volcano", 6.0))

    result = segment_units(units)

    assert result.boundaries == () and len(result.segments) == 1
    assert result.segments[0].spans_topics  # flagged for staff, with the split offered
    assert result.segments[0].suggested_split_time == pytest.approx(changes[0])


def test_a_short_edge_topic_behind_a_clear_peak_still_stands_alone() -> None:
    units, changes = session(("volcano", 6.0), ("bees", 1.2))

    result = segment_units(units)

    assert [b.time for b in result.boundaries] == [pytest.approx(changes[0])]
    assert result.segments[-1].minutes == pytest.approx(1.2, abs=0.05)


def test_only_clear_cuts_let_an_edge_segment_be_short() -> None:
    times = [(i * 10.0, i * 10.0 + 9.0) for i in range(30)]  # 5 minutes
    scores = [0.0] * 30
    scores[8] = 5.0  # a change after 80 s
    clear = [i == 8 for i in range(30)]
    cut = best_cuts(
        times, scores, min_seconds=120.0, max_seconds=600.0, threshold=1.0,
        edge_min_seconds=60.0, clear=clear,
    )  # fmt: skip
    glued = best_cuts(
        times, scores, min_seconds=120.0, max_seconds=600.0, threshold=1.0, edge_min_seconds=60.0
    )
    assert cut == ([8], True) and glued == ([], True)


def test_window_maxima_match_a_plain_scan() -> None:
    rng = np.random.default_rng(7)
    for _ in range(50):
        n = int(rng.integers(1, 40))
        starts = np.sort(rng.uniform(0, 300, n))
        values = rng.normal(size=n)
        span = float(rng.uniform(0, 60))
        plain = [values[np.abs(starts - at) <= span].max() for at in starts]
        assert np.allclose(window_max(values, starts, span), plain)
    assert window_max([], [], 30.0).size == 0
