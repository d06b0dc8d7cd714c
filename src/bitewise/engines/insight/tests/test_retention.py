from __future__ import annotations

import pytest

from bitewise.engines.insight.retention import (
    GroupCount,
    Observation,
    busiest_groups,
    calibration,
    group_recall,
    retention_curve,
)


def test_the_curve_has_observed_recall_with_an_interval_and_the_mean_prediction() -> None:
    observations = [Observation(learner, 7, learner % 5 != 0, 0.9) for learner in range(1, 11)] + [
        Observation(learner, 30, learner % 2 == 0, 0.6) for learner in range(1, 11)
    ]
    points = {p.delay_days: p for p in retention_curve(observations)}
    assert points[7].observed is not None and points[7].observed.estimate == pytest.approx(0.8)
    assert points[7].observed.low < 0.8 < points[7].observed.high
    assert points[30].predicted == pytest.approx(0.6)
    assert points[90].checks == 0 and not points[90].is_shown


def test_a_delay_with_fewer_than_five_people_is_counted_but_not_shown() -> None:
    observations = [Observation(learner % 4, 7, True, 0.9) for learner in range(20)]
    (point,) = [p for p in retention_curve(observations) if p.delay_days == 7]
    assert (point.people, point.checks, point.is_shown, point.observed) == (4, 20, False, None)


def test_a_perfectly_calibrated_prediction_has_no_calibration_error() -> None:
    # 80% predicted, 8 of 10 right; 30% predicted, 3 of 10 right.
    observations = [Observation(n, 7, n < 8, 0.8) for n in range(10)] + [
        Observation(n, 30, n < 3, 0.3) for n in range(10)
    ]
    result = calibration(observations)
    assert result.calibration_error == pytest.approx(0.0)
    assert result.checks == 20
    by_low = {round(b.low, 1): b for b in result.bins}
    assert by_low[0.8].observed == pytest.approx(0.8)
    assert by_low[0.3].checks == 10


def test_an_overconfident_prediction_shows_as_calibration_error() -> None:
    observations = [Observation(n, 7, n < 5, 0.95) for n in range(10)]
    result = calibration(observations)
    assert result.calibration_error == pytest.approx(0.45)
    assert result.brier == pytest.approx((5 * 0.05**2 + 5 * 0.95**2) / 10)


def test_a_bin_of_fewer_than_five_checks_shows_no_figure() -> None:
    observations = [Observation(n, 7, n < 8, 0.85) for n in range(10)] + [
        Observation(1, 7, False, 0.15),
        Observation(2, 7, True, 0.12),
    ]
    by_low = {round(b.low, 1): b for b in calibration(observations).bins}

    assert by_low[0.1].checks == 2
    assert by_low[0.1].observed is None and by_low[0.1].predicted is None
    assert by_low[0.8].observed == pytest.approx(0.8)


def test_checks_without_a_prediction_are_left_out_of_calibration() -> None:
    result = calibration([Observation(1, 7, True, None)])
    assert result.checks == 0 and result.brier is None


def test_group_recall_shows_a_figure_per_group_and_delay_with_its_interval() -> None:
    rows = group_recall(
        [
            GroupCount("Triage", 30, people=6, checks=12, right=9),
            GroupCount("Hand hygiene", 7, people=8, checks=20, right=18),
            GroupCount("Triage", 7, people=6, checks=10, right=9),
        ]
    )
    assert [(r.title, r.delay_days) for r in rows] == [
        ("Hand hygiene", 7),
        ("Triage", 7),
        ("Triage", 30),
    ]
    triage_30 = rows[2]
    assert triage_30.is_shown and triage_30.observed is not None
    assert triage_30.observed.estimate == 0.75
    assert triage_30.observed.low < 0.75 < triage_30.observed.high


def test_a_group_of_fewer_than_five_people_keeps_its_counts_but_no_figure() -> None:
    (row,) = group_recall([GroupCount("2026-03", 90, people=4, checks=40, right=30)])
    assert not row.is_shown and row.observed is None
    assert (row.people, row.checks) == (4, 40)


def test_the_busiest_shown_groups_are_chosen_for_the_chart() -> None:
    rows = group_recall(
        [
            GroupCount("a", 7, people=5, checks=10, right=5),
            GroupCount("a", 30, people=5, checks=10, right=5),
            GroupCount("b", 7, people=9, checks=30, right=5),
            GroupCount("c", 7, people=3, checks=99, right=5),  # hidden: never drawn
            GroupCount("d", 7, people=5, checks=5, right=5),
        ]
    )
    assert busiest_groups(rows, limit=2) == ["b", "a"]
    assert busiest_groups(rows) == ["b", "a", "d"]
