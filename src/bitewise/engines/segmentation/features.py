"""What is measured at every gap between two units: how far the similarity of the text dips
there (TextTiling's depth over embeddings, at four widths), whether the speakers change and who
talks on either side, the spoken cues, and how long the next speaker's turn runs. Each is a
column of one matrix, in the order of :data:`NAMES`; the learned weights in ``learned.py``
combine them into one probability per gap."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from bitewise.engines.segmentation.coherence import depths, gap_similarities, window_max
from bitewise.engines.segmentation.cues import is_question, is_transition
from bitewise.engines.segmentation.data import Unit
from bitewise.engines.segmentation.timeline import word_count

Matrix = npt.NDArray[np.float64]
WINDOWS = (30.0, 60.0, 120.0, 240.0)  # seconds of text compared on each side of a gap
MIN_SPREAD = 0.01  # of the dips in cosine similarity; real talks measure 0.014 to 0.05
# a word that often opens a new subject in conversation ("Okay, the budget.")
_MARKER = re.compile(r"^\W*(?:okay|ok|alright|all right|right|so|now|well|anyway)\b", re.I)
NAMES = (
    "depth 30 s", "depth 60 s", "depth 120 s", "depth 240 s", "dissimilarity 120 s",
    "depth 60-120 s", "peak within 30 s", "peak within 60 s", "below the peak within 60 s",
    "speaker change", "transition phrase", "new speaker's question", "speakers shift 60 s",
    "speakers shift 180 s", "next turn's words (log)", "previous turn's words (log)",
    "opening word",
)  # fmt: skip
# the columns that need speaker labels: without them they are constant or, for the turn
# lengths, only the length of a caption cue, so the unlabelled weights leave them out
SPEAKER_COLUMNS = tuple(
    NAMES.index(name)
    for name in ("speaker change", "speakers shift 60 s", "speakers shift 180 s",
                 "next turn's words (log)", "previous turn's words (log)")
)  # fmt: skip


def standard(values: Sequence[float]) -> Matrix:
    """In standard deviations of this transcript's own values (at least ``MIN_SPREAD``)."""
    array = np.asarray(values, dtype=np.float64)
    if array.size == 0:
        return array
    return (array - array.mean()) / max(float(array.std()), MIN_SPREAD)


def gap_features(
    units: Sequence[Unit],
    matrix: Matrix,
    times: Sequence[tuple[float, float]],
) -> tuple[Matrix, list[float], list[float]]:
    """One row per gap (before units 1 to n - 1), one column per name in :data:`NAMES`;
    with each gap's similarity and depth over 60-120 s, in cosine."""
    n = len(units)
    if n < 2:
        return np.zeros((0, len(NAMES))), [], []
    weights = [math.sqrt(max(1, word_count(u.text))) for u in units]
    similarity = {w: gap_similarities(matrix, times, weights, w) for w in WINDOWS}
    raw = {w: depths(s) for w, s in similarity.items()}
    depth = {w: standard(d) for w, d in raw.items()}
    middle = (depth[60.0] + depth[120.0]) / 2
    dissimilarity = -standard(similarity[120.0])
    gap_starts = [t[0] for t in times[1:]]
    peak30, peak60 = window_max(middle, gap_starts, 30.0), window_max(middle, gap_starts, 60.0)
    shift60, shift180 = speaker_shift(units, times, 60.0), speaker_shift(units, times, 180.0)
    turns = turn_words(units)
    so_far = turn_words(units[::-1])[::-1]  # words from the start of each unit's turn to it
    rows = []
    for g in range(1, n):
        before, after = units[g - 1], units[g]
        change = bool(before.speaker and after.speaker and before.speaker != after.speaker)
        question = (change or not after.speaker) and is_question(after.text)
        rows.append(
            [
                *(depth[w][g - 1] for w in WINDOWS),
                dissimilarity[g - 1],
                middle[g - 1],
                peak30[g - 1],
                peak60[g - 1],
                middle[g - 1] - peak60[g - 1],
                change,
                is_transition(after.text),
                question,
                shift60[g - 1],
                shift180[g - 1],
                math.log1p(turns[g]),
                math.log1p(so_far[g - 1]),
                bool(_MARKER.match(after.text)),
            ]
        )
    features = np.asarray(rows, dtype=np.float64).reshape(max(0, n - 1), len(NAMES))
    pairs = zip(similarity[60.0], similarity[120.0], strict=True)
    mean_similarity = [(a + b) / 2 for a, b in pairs]
    mean_depth = [(a + b) / 2 for a, b in zip(raw[60.0], raw[120.0], strict=True)]
    return features, mean_similarity, mean_depth


def speaker_shift(
    units: Sequence[Unit], times: Sequence[tuple[float, float]], window: float
) -> Matrix:
    """How differently the speakers share the talk before and after each gap (one minus the
    cosine of their word counts over ``window`` seconds); 0 without speaker labels."""
    names = {name: i for i, name in enumerate(sorted({u.speaker for u in units if u.speaker}))}
    if not names:
        return np.zeros(max(0, len(units) - 1))
    talk = np.zeros((len(units), len(names)))
    for i, unit in enumerate(units):
        if unit.speaker:
            talk[i, names[unit.speaker]] = max(1, word_count(unit.text))
    return 1.0 - np.asarray(gap_similarities(talk, times, [1.0] * len(units), window))


def turn_words(units: Sequence[Unit]) -> list[int]:
    """For each unit, the words from it to the end of its speaker's turn (the unit alone when
    speakers are not labelled)."""
    counts = [0] * len(units)
    for i in range(len(units) - 1, -1, -1):
        counts[i] = word_count(units[i].text)
        same = i + 1 < len(units) and units[i].speaker and units[i + 1].speaker == units[i].speaker
        if same:
            counts[i] += counts[i + 1]
    return counts
