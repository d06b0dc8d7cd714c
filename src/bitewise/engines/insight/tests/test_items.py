from __future__ import annotations

import pytest

from bitewise.engines.insight.items import Response, item_analysis


def _responses(table: dict[int, dict[int, tuple[bool, int]]]) -> list[Response]:
    return [
        Response(learner, question, ok, (choice,))
        for learner, answers in table.items()
        for question, (ok, choice) in answers.items()
    ]


KEYS = {1: [10], 2: [20], 3: [30], 4: [40], 5: [50]}


def _class() -> dict[int, dict[int, tuple[bool, int]]]:
    # Learners 1-4 are strong (right on 1, 2, 4, 5), 5-8 weak (wrong on them). Question 3
    # is right only for the weak ones: its key looks wrong.
    strong = {1: (True, 10), 2: (True, 20), 3: (False, 31), 4: (True, 40), 5: (True, 50)}
    weak = {1: (False, 11), 2: (False, 21), 3: (True, 30), 4: (False, 41), 5: (False, 51)}
    return {n: dict(strong if n <= 4 else weak) for n in range(1, 9)}


def test_difficulty_is_the_share_correct() -> None:
    rows = {r.question_id: r for r in item_analysis(_responses(_class()), KEYS)}
    assert rows[1].difficulty == pytest.approx(0.5)


def test_a_question_strong_learners_miss_has_negative_discrimination_and_is_flagged() -> None:
    rows = {r.question_id: r for r in item_analysis(_responses(_class()), KEYS)}
    assert rows[1].discrimination is not None and rows[1].discrimination > 0.9
    assert rows[3].discrimination is not None and rows[3].discrimination < -0.9
    assert "negative" in rows[3].flags
    assert "negative" not in rows[1].flags


def test_the_most_chosen_wrong_choice_is_reported_and_beating_the_key_is_flagged() -> None:
    table = {n: {1: (n <= 2, 10 if n <= 2 else 12)} for n in range(1, 9)}
    (row,) = item_analysis(_responses(table), KEYS)
    assert row.top_distractor_id == 12
    assert row.top_distractor_share == pytest.approx(6 / 8)
    assert "distractor" in row.flags


def test_a_question_answered_by_fewer_than_five_people_shows_no_figures() -> None:
    table = {n: {1: (True, 10)} for n in range(1, 5)}
    (row,) = item_analysis(_responses(table), KEYS)
    assert row.people == 4
    assert not row.is_shown
    assert row.difficulty is None and row.flags == ()


def test_everyone_right_is_flagged_easy_with_no_discrimination() -> None:
    table = {n: {1: (True, 10), 2: (n % 2 == 0, 20 if n % 2 == 0 else 21)} for n in range(1, 9)}
    rows = {r.question_id: r for r in item_analysis(_responses(table), KEYS)}
    assert rows[1].flags == ("easy",)
    assert rows[1].discrimination is None
