"""The weights that combine the gap features into the probability that a topic changes there:
a logistic regression fitted on the QMSum training meetings (Yale-LILY/QMSum, MIT License;
train split only, with synthetic timestamps) by ``benchmarks/segmentation_train.py``, which
writes the block below. Pauses are left out of the fit (QMSum's are synthetic): the engine adds
its own pause bonus to the log-odds."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

# fitted: begin
# 691 topic starts among 88174 gaps; columns as in features.NAMES
MEAN = (
    -0.0000,
    0.0000,
    -0.0000,
    -0.0000,
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
SCALE = (
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
WEIGHTS = (
    0.1312,
    0.0639,
    -0.0256,
    -0.1046,
    0.1855,
    0.0214,
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
BIAS = -5.5591
# fitted: end


def boundary_logits(features: npt.NDArray[np.float64]) -> list[float]:
    """Log-odds of a topic change at each gap, one row of ``features`` per gap."""
    if len(features) == 0:
        return []
    standard = (features - np.asarray(MEAN)) / np.asarray(SCALE)
    return [float(v) for v in standard @ np.asarray(WEIGHTS) + BIAS]
