"""Replaying a real review log: FSRS predicts recall better than the running mean."""

from __future__ import annotations

from pathlib import Path

import pytest

from bitewise.engines.spacing import retention_by_skill
from bitewise.engines.spacing.replay import (
    auc,
    log_loss,
    read_log,
    replay,
    rmse_bins,
    running_mean,
    score,
)

SAMPLE = Path(__file__).parent / "data" / "review_logs_sample.csv"


@pytest.mark.parametrize(
    ("outcomes", "predicted", "expected"),
    [
        pytest.param([0, 1], [0.2, 0.8], 1.0, id="perfect"),
        pytest.param([0, 1], [0.8, 0.2], 0.0, id="inverted"),
        pytest.param([0, 1, 1, 0], [0.5, 0.5, 0.5, 0.5], 0.5, id="all-tied"),
        pytest.param([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], 0.75, id="one-pair-swapped"),
    ],
)
def test_auc_counts_ordered_pairs_and_ties_half(
    outcomes: list[int], predicted: list[float], expected: float
) -> None:
    assert auc(outcomes, predicted) == pytest.approx(expected)


def test_auc_needs_both_outcomes() -> None:
    with pytest.raises(ValueError, match="both"):
        auc([1, 1], [0.3, 0.4])


def test_log_loss_and_calibration_of_a_certain_and_right_model() -> None:
    assert log_loss([1, 0], [1.0, 0.0]) == pytest.approx(0, abs=1e-5)
    assert log_loss([1], [0.5]) == pytest.approx(0.6931, abs=1e-4)
    assert rmse_bins([1, 0, 1, 0], [0.5, 0.5, 0.5, 0.5]) == 0


def test_the_baseline_is_the_running_mean_seen_before_each_outcome() -> None:
    assert running_mean([1, 1, 0]) == [0.5, 2 / 3, 3 / 4]


def test_replaying_the_sample_scores_every_review_after_a_cards_first() -> None:
    log = read_log(SAMPLE)
    result = replay(log)
    assert (result.reviews, result.cards) == (400, 23)
    assert len(result.outcomes) == len(result.fsrs) == len(result.same_day) == 400 - 23
    assert all(0 < p <= 1 for p in result.fsrs)


def test_fsrs_beats_the_running_mean_on_reviews_a_day_or_more_apart() -> None:
    result = replay(read_log(SAMPLE))
    kept = [i for i, same_day in enumerate(result.same_day) if not same_day]
    outcomes = [result.outcomes[i] for i in kept]
    fsrs = score(outcomes, [result.fsrs[i] for i in kept])
    baseline = score(outcomes, running_mean(outcomes))
    assert fsrs.log_loss < baseline.log_loss
    assert fsrs.auc > baseline.auc


def test_retention_per_skill_is_the_mean_recall_lowest_first() -> None:
    rows = retention_by_skill([(1, 0.9), (2, 0.4), (1, 0.7)])
    assert [(row.skill_id, row.cards) for row in rows] == [(2, 1), (1, 2)]
    assert [row.retention for row in rows] == pytest.approx([0.4, 0.8])
