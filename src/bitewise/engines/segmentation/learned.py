"""The weights that combine the gap features into the probability that a topic changes there:
logistic regressions fitted on the QMSum training meetings (Yale-LILY/QMSum, MIT License;
train split only, with synthetic timestamps) by ``benchmarks/segmentation_train.py``, which
writes the blocks below.

- *turns*: fitted on the meetings as speaker turns (the engine's first weights). It reads an
  abrupt change of subject well but misreads caption cues, whose "turn" is a cue.
- *labelled*: for transcripts that name their speakers, fitted on the meetings and on their
  edit to lesson-sized topics, as turns and as caption cues with names.
- *unlabelled*: for transcripts that do not (most captions and recognized speech), fitted on
  caption cues of both without names; the columns that need names weigh nothing.

A gap's log-odds are the mean of the turns model's and those of the model for the transcript's
form (``benchmarks/RESULTS.md``: either alone loses on some form). Pauses are left out of the
fit (QMSum's are synthetic): the engine adds its own pause bonus to the log-odds."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

# fitted turns: begin
# 691 topic starts among 88174 gaps; columns as in features.NAMES
TURNS_MEAN = (
    0.0000,
    0.0000,
    -0.0000,
    0.0000,
    -0.0000,
    0.0000,
    1.0966,
    1.5863,
    -1.5863,
    0.9945,
    0.0314,
    0.0909,
    0.1708,
    0.1251,
    2.0897,
    2.0909,
    0.1611,
)
TURNS_SCALE = (
    1.0000,
    1.0000,
    0.9993,
    0.9707,
    1.0000,
    0.8938,
    1.6038,
    1.9213,
    1.7728,
    0.0737,
    0.1744,
    0.2875,
    0.1713,
    0.1407,
    1.1120,
    1.1129,
    0.3676,
)
TURNS_WEIGHTS = (
    0.1312,
    0.0639,
    -0.0256,
    -0.1046,
    0.1854,
    0.0215,
    0.0447,
    -0.0724,
    0.0893,
    0.0274,
    0.2399,
    0.1210,
    0.1649,
    0.1372,
    0.6903,
    -0.1523,
    0.2228,
)
TURNS_BIAS = -5.5591
# fitted turns: end

# fitted labelled: begin
# 2552 topic starts among 369374 gaps; columns as in features.NAMES
LABELLED_MEAN = (
    -0.0000,
    -0.0000,
    -0.0000,
    -0.0000,
    0.0000,
    -0.0000,
    1.2946,
    1.8445,
    -1.8445,
    0.6156,
    0.0258,
    0.0397,
    0.2129,
    0.1966,
    2.5013,
    2.6098,
    0.1093,
)
LABELLED_SCALE = (
    1.0000,
    1.0000,
    0.9952,
    0.9643,
    1.0000,
    0.8944,
    1.7774,
    2.1933,
    2.0370,
    0.4864,
    0.1585,
    0.1952,
    0.2257,
    0.2174,
    1.2831,
    1.2559,
    0.3120,
)
LABELLED_WEIGHTS = (
    0.1381,
    0.0980,
    -0.0153,
    -0.2177,
    0.3183,
    0.0463,
    -0.0656,
    -0.1520,
    0.1839,
    0.9341,
    0.2314,
    0.0601,
    0.3403,
    0.1333,
    0.6713,
    0.1226,
    0.2509,
)
LABELLED_BIAS = -5.8467
# fitted labelled: end

# fitted unlabelled: begin
# 1276 topic starts among 254907 gaps; columns as in features.NAMES
UNLABELLED_MEAN = (
    -0.0000,
    -0.0000,
    -0.0000,
    -0.0000,
    0.0000,
    -0.0000,
    1.3835,
    1.9552,
    -1.9552,
    0.0000,
    0.0226,
    0.0346,
    0.0000,
    0.0000,
    0.0000,
    0.0000,
    0.0853,
)
UNLABELLED_SCALE = (
    1.0000,
    1.0000,
    0.9933,
    0.9589,
    1.0000,
    0.8926,
    1.8432,
    2.2988,
    2.1369,
    1.0000,
    0.1487,
    0.1826,
    1.0000,
    1.0000,
    1.0000,
    1.0000,
    0.2794,
)
UNLABELLED_WEIGHTS = (
    0.1343,
    0.1176,
    -0.0411,
    -0.3383,
    0.5388,
    0.0430,
    -0.1599,
    -0.1604,
    0.1905,
    0.0000,
    0.2896,
    0.0273,
    0.0000,
    0.0000,
    0.0000,
    0.0000,
    0.4179,
)
UNLABELLED_BIAS = -5.6684
# fitted unlabelled: end


def boundary_logits(features: npt.NDArray[np.float64], *, speakers: bool = True) -> list[float]:
    """Log-odds of a topic change at each gap, one row of ``features`` per gap: the mean of the
    turns model and the model for transcripts with speaker labels (``speakers``) or without."""
    if len(features) == 0:
        return []
    if speakers:
        form = _logits(features, LABELLED_MEAN, LABELLED_SCALE, LABELLED_WEIGHTS, LABELLED_BIAS)
    else:
        form = _logits(
            features, UNLABELLED_MEAN, UNLABELLED_SCALE, UNLABELLED_WEIGHTS, UNLABELLED_BIAS
        )
    turns = _logits(features, TURNS_MEAN, TURNS_SCALE, TURNS_WEIGHTS, TURNS_BIAS)
    return [float(v) for v in (turns + form) / 2]


def _logits(
    features: npt.NDArray[np.float64],
    mean: tuple[float, ...],
    scale: tuple[float, ...],
    weights: tuple[float, ...],
    bias: float,
) -> npt.NDArray[np.float64]:
    standard = (features - np.asarray(mean)) / np.asarray(scale)
    return np.asarray(standard @ np.asarray(weights) + bias, dtype=np.float64)
