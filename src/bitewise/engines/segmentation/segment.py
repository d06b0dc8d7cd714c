"""Transcript units in, topic segments out: a coherence signal from sentence embeddings and
the optimal cuts within the duration bounds, each boundary carrying its explanation."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from itertools import pairwise

import numpy as np
import numpy.typing as npt

from bitewise.engines.segmentation.coherence import depths, gap_similarities
from bitewise.engines.segmentation.cuts import best_cuts
from bitewise.engines.segmentation.data import Boundary, Options, Segment, Segmentation, Unit
from bitewise.engines.segmentation.lexical import hashed_tfidf
from bitewise.engines.segmentation.timeline import is_timed, timeline, word_count

Embed = Callable[[Sequence[str]], npt.ArrayLike]


def segment_units(
    units: Sequence[Unit],
    embed: Embed | None = None,
    *,
    vectors: npt.ArrayLike | None = None,
    options: Options | None = None,
) -> Segmentation:
    """Cut ``units`` into segments of ``options.min_minutes`` to ``max_minutes``.

    Vectors come from ``vectors`` (one row per unit), else from ``embed(texts)``, else from the
    model-free :func:`hashed_tfidf`. Deterministic for deterministic vectors.
    """
    options = options or Options()
    times = timeline(units, options.words_per_minute)
    if not units:
        return Segmentation((), (), is_timed=False, within_bounds=True)
    matrix = _vectors(units, embed, vectors)
    weights = [math.sqrt(max(1, word_count(u.text))) for u in units]
    # short windows place a cut precisely, long ones see the broader change of subject
    by_window = [gap_similarities(matrix, times, weights, w) for w in options.windows_seconds]
    similarity = [float(np.mean(values)) for values in zip(*by_window, strict=True)]
    depth = depths(similarity)
    scale = float(np.mean(depth)) if depth and float(np.mean(depth)) > 0 else 1.0
    timed = is_timed(units)
    boundaries = [
        _explain(units, times, similarity, depth, scale, i, options, timed)
        for i in range(1, len(units))
    ]
    scores = [0.0] + [b.score for b in boundaries]
    cuts, within_bounds = best_cuts(
        times,
        scores,
        min_seconds=options.min_minutes * 60.0,
        max_seconds=options.max_minutes * 60.0,
        segment_cost=options.segment_cost,
    )
    edges = [0, *cuts, len(units)]
    segments = tuple(
        Segment(first=a, stop=b, start=times[a][0], end=max(t[1] for t in times[a:b]))
        for a, b in pairwise(edges)
    )
    return Segmentation(
        segments=segments,
        boundaries=tuple(boundaries[i - 1] for i in cuts),
        is_timed=timed,
        within_bounds=within_bounds,
    )


def _vectors(
    units: Sequence[Unit], embed: Embed | None, vectors: npt.ArrayLike | None
) -> npt.NDArray[np.float64]:
    texts = [u.text for u in units]
    if vectors is not None:
        matrix = np.asarray(vectors, dtype=np.float64)
    elif embed is not None:
        matrix = np.asarray(embed(texts), dtype=np.float64)
    else:
        matrix = hashed_tfidf(texts)
    if matrix.ndim != 2 or matrix.shape[0] != len(units):
        raise ValueError(f"need one vector per unit: {len(units)} units, shape {matrix.shape}")
    return matrix


def _explain(
    units: Sequence[Unit],
    times: Sequence[tuple[float, float]],
    similarity: Sequence[float],
    depth: Sequence[float],
    scale: float,
    index: int,
    options: Options,
    timed: bool,
) -> Boundary:
    pause = max(0.0, times[index][0] - times[index - 1][1]) if timed else 0.0
    is_pause = pause >= options.pause_seconds
    before, after = units[index - 1].speaker, units[index].speaker
    is_speaker_change = bool(before and after and before != after)
    # depth relative to the transcript's mean dip, so one segment_cost suits any embedding
    score = (
        depth[index - 1] / scale
        + options.pause_bonus * is_pause
        + options.speaker_bonus * is_speaker_change
    )
    return Boundary(
        index=index,
        time=times[index][0],
        score=score,
        similarity=similarity[index - 1],
        depth=depth[index - 1],
        pause=pause,
        is_pause=is_pause,
        is_speaker_change=is_speaker_change,
    )
