"""Long recordings are transcribed a window at a time, so a job can save each window's words
and carry on after a crash. Windows are cut at the quietest moment near each mark, where a
cut is least likely to split a word."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import numpy.typing as npt

FRAME_SECONDS = 0.05


def window_bounds(
    audio: npt.NDArray[np.float32],
    sample_rate: int,
    *,
    window_seconds: float,
    search_seconds: float = 10.0,
) -> list[tuple[int, int]]:
    """``(start, stop)`` sample ranges covering ``audio`` end to end, each about
    ``window_seconds`` long: every cut is the centre of the quietest frame within
    ``search_seconds`` (at most a quarter window) of its mark. A last window under a quarter
    of the length joins the one before it. Deterministic: same audio, same windows."""
    if window_seconds <= 0 or sample_rate <= 0:
        raise ValueError("window_seconds and sample_rate must be positive")
    total = len(audio)
    window = int(window_seconds * sample_rate)
    frame = max(1, int(FRAME_SECONDS * sample_rate))
    search = int(min(search_seconds, window_seconds / 4) * sample_rate)
    cuts: list[int] = []
    mark = window
    while total - mark > window // 4:
        cut = _quietest(
            audio, max(mark - search, (cuts[-1] if cuts else 0) + frame), mark + search, frame
        )
        cuts.append(cut)
        mark = cut + window
    edges = [0, *cuts, total]
    return [(a, b) for a, b in pairwise(edges) if b > a]


def _quietest(audio: npt.NDArray[np.float32], lo: int, hi: int, frame: int) -> int:
    hi = min(hi, len(audio) - frame)
    if hi <= lo:
        return lo
    starts = np.arange(lo, hi, frame)
    energy = np.array([float(np.mean(np.square(audio[s : s + frame]))) for s in starts])
    return int(starts[int(np.argmin(energy))] + frame // 2)
