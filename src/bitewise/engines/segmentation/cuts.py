"""The optimal choice of cuts: dynamic programming over segment ends."""

from __future__ import annotations

from collections.abc import Sequence

INFINITY = float("inf")


def best_cuts(
    times: Sequence[tuple[float, float]],
    scores: Sequence[float],
    *,
    min_seconds: float,
    max_seconds: float,
    threshold: float,
    edge_min_seconds: float | None = None,
    clear: Sequence[bool] | None = None,
) -> tuple[list[int], bool]:
    """Indices of the units that start a segment (0 excluded) maximizing the sum of
    ``scores[i] - threshold`` over the cuts, among the choices whose segments all last
    between ``min_seconds`` and ``max_seconds``; the bool says whether any such choice exists.

    The first segment may be as short as ``edge_min_seconds`` when the cut that ends it is
    ``clear`` (``clear[i]`` for the cut before unit ``i``), and so may the last when the cut
    that starts it is: a short topic at either end stands alone instead of being glued to the
    next.

    When no choice keeps the bounds (a unit longer than the maximum, a transcript shorter than
    the minimum), the choice with the fewest seconds outside them wins, then the best score.
    Segment ``[i, j)`` lasts from the start of unit ``i`` to the end of unit ``j - 1``. For each
    end only starts whose segment is at most one unit longer than the maximum are tried, so the
    work is O(n * k) with k the number of units in ``max_seconds``. Ties go to earlier cuts.
    """
    n = len(times)
    if n == 0:
        return [], True
    edge_min = min_seconds if edge_min_seconds is None else min(edge_min_seconds, min_seconds)
    is_clear = list(clear) if clear is not None else [False] * n
    starts = [t[0] for t in times]
    ends, latest = [], float("-inf")
    for _, end in times:  # out-of-order cues must not make durations shrink as segments grow
        latest = max(latest, end)
        ends.append(latest)
    # best[j]: (seconds outside the bounds, -objective) of the best cut of units[:j]
    best: list[tuple[float, float]] = [(0.0, 0.0)] + [(INFINITY, 0.0)] * n
    previous = [0] * (n + 1)
    lowest = 0  # smallest start i whose segment [i, j) fits in max_seconds
    for j in range(1, n + 1):
        while ends[j - 1] - starts[lowest] > max_seconds and lowest < j - 1:
            lowest += 1
        closing_clear = j < n and is_clear[j]
        for i in range(max(0, lowest - 1), j):
            if best[i][0] == INFINITY:
                continue
            duration = ends[j - 1] - starts[i]
            shortest = min_seconds
            if (i == 0 and closing_clear) or (j == n and i > 0 and is_clear[i]):
                shortest = edge_min
            outside = max(0.0, shortest - duration, duration - max_seconds)
            gain = threshold - scores[i] if i > 0 else 0.0
            candidate = (best[i][0] + outside, best[i][1] + gain)
            if candidate < best[j]:
                best[j], previous[j] = candidate, i
    cuts, j = [], n
    while j > 0:
        j = previous[j]
        if j > 0:
            cuts.append(j)
    return sorted(cuts), best[n][0] == 0.0
