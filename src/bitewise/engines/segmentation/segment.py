"""Transcript units in, topic segments out: a coherence signal from sentence embeddings plus
the spoken cues, and the optimal cuts within the duration bounds, each boundary carrying its
explanation."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from itertools import pairwise

import numpy as np
import numpy.typing as npt

from bitewise.engines.segmentation.coherence import window_max
from bitewise.engines.segmentation.cues import sentence_ends
from bitewise.engines.segmentation.cuts import best_cuts
from bitewise.engines.segmentation.data import Boundary, Options, Segment, Segmentation, Unit
from bitewise.engines.segmentation.features import NAMES, gap_features
from bitewise.engines.segmentation.learned import boundary_logits
from bitewise.engines.segmentation.lexical import hashed_tfidf
from bitewise.engines.segmentation.timeline import is_timed, timeline, word_count

Embed = Callable[[Sequence[str]], npt.ArrayLike]
PEAK_BONUS = 0.25
MIN_SPLIT_SECONDS = 30.0  # a suggested split leaves at least this much on either side
LABELLED_SHARE = 0.5  # of the units naming a speaker, for the weights of labelled transcripts


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
    # a short topic at either end stands alone only behind a clear cut that is also where the
    # evidence peaks: the pooled score runs high beside a change too, and a cut moved off the
    # peak to make the edge lesson long enough (into the next speaker's first sentence) is not
    # a clean topic
    peaks = window_max(scores[1:], [b.time for b in gaps], options.tolerance_seconds)
    clear = [False] + [
        b.score >= options.clear_score and b.score >= peak
        for b, peak in zip(gaps, peaks, strict=True)
    ]
    cuts, within_bounds = best_cuts(
        times,
        scores,
        min_seconds=options.min_minutes * 60.0,
        max_seconds=options.max_minutes * 60.0,
        threshold=options.cut_threshold,
        edge_min_seconds=options.edge_min_minutes * 60.0,
        clear=clear,
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
    """One :class:`Boundary` per gap (before units 1 to n - 1), each with its score: how much
    evidence of a change of topic lies within ``options.tolerance_seconds`` of it (the summed
    probabilities of the gaps there), relative to this transcript's average, so the number of
    cuts follows from how the content changes and not from how finely it is split into units;
    plus a bonus for a dip deeper than ``options.clear_dip`` standard deviations (the weights
    are linear and learned on meetings whose changes of subject are gradual: they would
    otherwise under-rate an abrupt one)."""
    if len(units) < 2:
        return []
    timed = is_timed(units)
    closes = sentence_ends([u.text for u in units])
    changes = [bool(a.speaker and b.speaker and a.speaker != b.speaker) for a, b in pairwise(units)]
    # a new speaker starts a new sentence even where the last one trailed off
    after_sentence = [closes[g] or changes[g] for g in range(len(units) - 1)]
    features, similarity, depth = gap_features(units, matrix, times)
    pauses = [
        max(0.0, times[g][0] - times[g - 1][1]) if timed else 0.0 for g in range(1, len(units))
    ]
    logits_here = boundary_logits(features, speakers=names_speakers(units))
    logits = [
        logit + options.pause_bonus * min(1.0, pause / (2 * options.pause_seconds))
        * (pause >= options.pause_seconds)
        for logit, pause in zip(logits_here, pauses, strict=True)
    ]  # fmt: skip
    starts = [t[0] for t in times[1:]]
    evidence = pooled(logits, starts, options.tolerance_seconds, options.peak_bonus)
    gaps = []
    for index in range(1, len(units)):
        g = index - 1
        clear_dip = max(0.0, float(features[g, NAMES.index("depth 60-120 s")]) - options.clear_dip)
        score = (
            evidence[g]
            + options.clear_dip_bonus * clear_dip
            - options.mid_sentence_penalty * (not after_sentence[g])
        )
        gaps.append(
            Boundary(
                index=index,
                time=times[index][0],
                score=score,
                similarity=similarity[g],
                depth=depth[g],
                pause=pauses[g],
                is_pause=pauses[g] >= options.pause_seconds,
                is_speaker_change=changes[g],
                is_transition=bool(features[g, NAMES.index("transition phrase")]),
                is_question=bool(features[g, NAMES.index("new speaker's question")]),
                after_sentence=after_sentence[g],
            )
        )
    return gaps


def names_speakers(units: Sequence[Unit]) -> bool:
    """Whether the transcript names its speakers (for the weights of labelled transcripts): at
    least half its units do, so a stray "Next question: ..." read as a name does not count."""
    return sum(bool(u.speaker) for u in units) >= LABELLED_SHARE * max(1, len(units))


def pooled(
    logits: Sequence[float], starts: Sequence[float], span: float, peak_bonus: float = PEAK_BONUS
) -> list[float]:
    """For each gap, the summed probability of the gaps within ``span`` seconds (the expected
    number of topic changes a cut there would match), over this transcript's mean of it; the
    most likely gap within ``span`` gets ``peak_bonus`` more, the others that times their
    probability over its."""
    probability = 1.0 / (1.0 + np.exp(-np.asarray(logits, dtype=np.float64)))
    prefix = np.concatenate([[0.0], np.cumsum(probability)])
    at = np.asarray(starts, dtype=np.float64)
    low = np.searchsorted(at, at - span, side="left")
    high = np.searchsorted(at, at + span, side="right")
    mass = prefix[high] - prefix[low]
    # among gaps near each other the most likely one is where the cut goes
    peak = window_max(probability, at, span)
    share = mass / max(float(mass.mean()), 1e-12)
    return [float(v) for v in share + peak_bonus * probability / np.maximum(peak, 1e-300)]


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
