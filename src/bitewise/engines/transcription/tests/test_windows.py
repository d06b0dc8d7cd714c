from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest

from bitewise.engines.transcription import window_bounds

RATE = 100  # samples a second keeps the arrays small


def noise(seconds: float, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.uniform(-0.5, 0.5, int(seconds * RATE)).astype(np.float32)


def test_windows_cover_the_audio_end_to_end_without_overlap() -> None:
    audio = noise(2_500)
    bounds = window_bounds(audio, RATE, window_seconds=600)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(audio)
    assert all(b == c for (_, b), (c, _) in pairwise(bounds))
    assert all(520 * RATE <= b - a <= 900 * RATE for a, b in bounds)


def test_a_cut_lands_in_the_quiet_near_its_mark() -> None:
    audio = noise(1_300)
    audio[593 * RATE : 594 * RATE] = 0.0  # a one-second pause 7 s before the mark
    (first, cut), *_ = window_bounds(audio, RATE, window_seconds=600)
    assert first == 0 and 593 * RATE <= cut <= 594 * RATE


def test_short_audio_is_one_window_and_a_short_tail_joins_the_last() -> None:
    assert window_bounds(noise(30), RATE, window_seconds=600) == [(0, 30 * RATE)]
    bounds = window_bounds(noise(700), RATE, window_seconds=600)  # 100 s tail < 150 s
    assert bounds == [(0, 700 * RATE)]


def test_it_is_deterministic_and_refuses_nonsense() -> None:
    audio = noise(2_000, seed=3)
    assert window_bounds(audio, RATE, window_seconds=600) == window_bounds(
        audio, RATE, window_seconds=600
    )
    with pytest.raises(ValueError):
        window_bounds(audio, RATE, window_seconds=0)


def test_the_search_for_quiet_stays_within_a_quarter_window() -> None:
    audio = noise(40)
    audio[1 * RATE : 2 * RATE] = 0.0  # quiet far before the 10 s mark
    (_, cut), *_ = window_bounds(audio, RATE, window_seconds=10)
    assert 7.5 * RATE <= cut <= 12.5 * RATE
