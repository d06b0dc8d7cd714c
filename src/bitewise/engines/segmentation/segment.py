"""Transcript units in, topic segments out: a coherence signal from sentence embeddings plus
the spoken cues, and the optimal cuts within the duration bounds, each boundary carrying its
explanation."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from itertools import pairwise

import numpy as np
import numpy.typing as npt

from bitewise.engines.segmentation.coherence import depths, gap_similarities
from bitewise.engines.segmentation.cues import is_question, is_transition, sentence_ends
from bitewise.engines.segmentation.cuts import best_cuts
from bitewise.engines.segmentation.data import Boundary, Options, Segment, Segmentation, Unit
from bitewise.engines.segmentation.lexical import hashed_tfidf
from bitewise.engines.segmentation.timeline import is_timed, timeline, word_count

Embed = Callable[[Sequence[str]], npt.ArrayLike]
MIN_SPLIT_SECONDS = 30.0  # a suggested split leaves at least this much on either side
MIN_SPREAD = 0.01  # of the dips in cosine similarity; real talks measure 0.014 to 0.05


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
    gaps = explain_gaps(units, matrix, times, options)
    scores = [0.0] + [b.score for b in gaps]
    cuts, within_bounds = best_cuts(
        times,
        scores,
        min_seconds=options.min_minutes * 60.0,
        max_seconds=options.max_minutes * 60.0,
        threshold=options.cut_threshold,
        edge_min_seconds=options.edge_min_minutes * 60.0,
        clear_score=options.clear_score,
    )
    edges = [0, *cuts, len(units)]
    prefix = _prefix(matrix, units)
    segments = tuple(_segment(a, b, times, gaps, prefix, options) for a, b in pairwise(edges))
    return Segmentation(
        segments=segments,
        boundaries=tuple(gaps[i - 1] for i in cuts),
        is_timed=is_timed(units),
        within_bounds=within_bounds,
    )


def explain_gaps(
    units: Sequence[Unit],
    matrix: npt.NDArray[np.float64],
    times: Sequence[tuple[float, float]],
    options: Options,
) -> list[Boundary]:
    """One :class:`Boundary` per gap (before units 1 to n - 1), each with its score."""
    if len(units) < 2:
        return []
    weights = [math.sqrt(max(1, word_count(u.text))) for u in units]
    # short windows place a cut precisely, long ones see the broader change of subject
    by_window = [gap_similarities(matrix, times, weights, w) for w in options.windows_seconds]
    similarity = [float(np.mean(values)) for values in zip(*by_window, strict=True)]
    depth = depths(similarity)
    # dips in standard deviations of this transcript's dips, so one threshold suits any
    # embedding and any talk: the number of cuts follows from how the content changes
    # (at least MIN_SPREAD: in a transcript that hardly changes subject no dip is worth much)
    mean, spread = float(np.mean(depth)), max(float(np.std(depth)), MIN_SPREAD)
    timed = is_timed(units)
    closes = sentence_ends([u.text for u in units])
    gaps = []
    for index in range(1, len(units)):
        pause = max(0.0, times[index][0] - times[index - 1][1]) if timed else 0.0
        before, after = units[index - 1].speaker, units[index].speaker
        speaker_change = bool(before and after and before != after)
        # a new speaker starts a new sentence even where the last one trailed off
        after_sentence = closes[index - 1] or speaker_change
        transition = is_transition(units[index].text)
        question = (speaker_change or not after) and is_question(units[index].text)
        score = (
            (depth[index - 1] - mean) / spread
            + options.pause_bonus
            * min(1.0, pause / (2 * options.pause_seconds))
            * (pause >= options.pause_seconds)
            + options.speaker_bonus * speaker_change
            + options.transition_bonus * transition
            + options.question_bonus * question
            - options.mid_sentence_penalty * (not after_sentence)
        )
        gaps.append(
            Boundary(
                index=index,
                time=times[index][0],
                score=score,
                similarity=similarity[index - 1],
                depth=depth[index - 1],
                pause=pause,
                is_pause=pause >= options.pause_seconds,
                is_speaker_change=speaker_change,
                is_transition=transition,
                is_question=question,
                after_sentence=after_sentence,
            )
        )
    return gaps


def _prefix(matrix: npt.NDArray[np.float64], units: Sequence[Unit]) -> npt.NDArray[np.float64]:
    """Running sums of the unit vectors (normalized, weighted by words), so the text of any
    run of units can be compared with any other in constant time."""
    norms = np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
    weights = np.asarray([math.sqrt(max(1, word_count(u.text))) for u in units])[:, None]
    return np.vstack([np.zeros((1, matrix.shape[1])), np.cumsum(matrix / norms * weights, axis=0)])


def _segment(
    first: int,
    stop: int,
    times: Sequence[tuple[float, float]],
    gaps: Sequence[Boundary],
    prefix: npt.NDArray[np.float64],
    options: Options,
) -> Segment:
    """The segment of units ``[first, stop)``; flagged as spanning two topics, with the place
    to split it offered, when its text falls into two parts that say different things (the
    two sides of its best place to split, compared within the segment)."""
    start, end = times[first][0], max(t[1] for t in times[first:stop])
    best: tuple[float, int] | None = None  # (similarity of the two parts, where)
    for i in range(first + 1, stop):
        left, right = times[i][0] - start, end - times[i][0]
        if not gaps[i - 1].after_sentence or min(left, right) < MIN_SPLIT_SECONDS:
            continue
        before, after = prefix[i] - prefix[first], prefix[stop] - prefix[i]
        norm = float(np.linalg.norm(before) * np.linalg.norm(after))
        similarity = float(before @ after) / norm if norm > 0 else 1.0
        if best is None or similarity < best[0]:
            best = (similarity, i)
    if best is None or best[0] >= options.spans_similarity:
        return Segment(first=first, stop=stop, start=start, end=end)
    return Segment(
        first=first,
        stop=stop,
        start=start,
        end=end,
        spans_topics=True,
        suggested_split=best[1],
        suggested_split_time=times[best[1]][0],
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
