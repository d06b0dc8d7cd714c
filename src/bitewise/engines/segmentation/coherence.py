"""The coherence signal: cosine similarity of the text on either side of every gap, and its
depth (TextTiling's depth score, Hearst 1997, over embeddings instead of word counts)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.floating]


def gap_similarities(
    vectors: Vectors, times: Sequence[tuple[float, float]], weights: Sequence[float], window: float
) -> list[float]:
    """``result[g]`` compares units before gap ``g`` (i.e. before unit ``g + 1``) with those
    after it, each side covering ``window`` seconds (at least one unit) weighted by words."""
    n = len(times)
    if n < 2:
        return []
    unit = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    weighted = unit * np.asarray(weights, dtype=np.float64)[:, None]
    prefix = np.vstack([np.zeros((1, unit.shape[1])), np.cumsum(weighted, axis=0)])
    starts = np.asarray([t[0] for t in times], dtype=np.float64)
    ends = np.asarray([t[1] for t in times], dtype=np.float64)
    gap = np.arange(1, n)
    cut = starts[1:]
    left = np.minimum(np.searchsorted(ends, cut - window, side="left"), gap - 1)
    right = np.maximum(np.searchsorted(starts, cut + window, side="right"), gap + 1)
    before = prefix[gap] - prefix[left]
    after = prefix[right] - prefix[gap]
    norm = np.linalg.norm(before, axis=1) * np.linalg.norm(after, axis=1)
    dot = np.einsum("ij,ij->i", before, after)
    safe = np.where(norm > 0, norm, 1.0)
    return [float(v) for v in np.where(norm > 0, dot / safe, 0.0)]


def depths(similarities: Sequence[float]) -> list[float]:
    """For each gap, the climb to the highest similarity on the left plus that on the right,
    stopping where the similarity starts to fall again. Linear: a climb from gap ``g`` that
    steps onto gap ``g - 1`` continues exactly as the climb from ``g - 1``."""
    n = len(similarities)
    left_peak, right_peak = list(similarities), list(similarities)
    for g in range(1, n):
        if similarities[g - 1] >= similarities[g]:
            left_peak[g] = left_peak[g - 1]
    for g in range(n - 2, -1, -1):
        if similarities[g + 1] >= similarities[g]:
            right_peak[g] = right_peak[g + 1]
    return [left_peak[g] + right_peak[g] - 2 * similarities[g] for g in range(n)]


def window_max(
    values: npt.ArrayLike, starts: npt.ArrayLike, span: float
) -> npt.NDArray[np.float64]:
    """For each position, the highest of ``values`` among the positions whose ``starts`` (in
    increasing order) lie within ``span`` of its own."""
    array = np.asarray(values, dtype=np.float64)
    if array.size == 0:
        return array
    at = np.asarray(starts, dtype=np.float64)
    low = np.searchsorted(at, at - span, side="left")
    high = np.searchsorted(at, at + span, side="right")  # > low: each window holds its own
    # reduceat over the pairs (low, high): the even slots are the windows
    padded = np.append(array, -np.inf)
    return np.maximum.reduceat(padded, np.ravel(np.column_stack([low, high])))[::2]
