from __future__ import annotations

import numpy as np
import pytest

from bitewise.engines.search.fusion import reciprocal_rank_fusion
from bitewise.engines.search.metrics import ndcg_at_k, recall_at_k
from bitewise.engines.search.text import (
    fts5_query,
    snippet,
    terms,
    tsquery_prefix,
    tsquery_relaxed,
)
from bitewise.engines.search.vectors import from_bytes, to_bytes, top_k


def test_fusion_rewards_documents_both_rankings_agree_on() -> None:
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["c", "a", "d"]], k=60)

    assert [key for key, _ in fused] == ["a", "c", "b", "d"]
    assert fused[0][1] == pytest.approx(1 / 61 + 1 / 62)


def test_fusion_weights_and_duplicates() -> None:
    fused = reciprocal_rank_fusion([["a", "a", "b"], ["b"]], k=1, weights=[1.0, 3.0])

    assert [key for key, _ in fused] == ["b", "a"]
    assert [score for _, score in fused] == pytest.approx([1 / 4 + 3 / 2, 1 / 2])


def test_fusion_of_nothing_is_empty_and_weights_must_match() -> None:
    assert reciprocal_rank_fusion([[], []]) == []
    with pytest.raises(ValueError):
        reciprocal_rank_fusion([["a"]], weights=[1.0, 2.0])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("sbar hand", '"sbar" AND "hand"*', id="prefix-while-typing"),
        pytest.param("sbar hand ", '"sbar" AND "hand"', id="finished-word"),
        pytest.param('what is "NEWS2" OR x*', '"news2" AND "x"', id="syntax-is-quoted"),
        pytest.param("the of a", "", id="only-stopwords"),
        pytest.param("", "", id="empty"),
    ],
)
def test_fts5_query(query: str, expected: str) -> None:
    assert fts5_query(query) == expected


def test_relaxed_queries_accept_any_two_words() -> None:
    assert fts5_query("accrual cut", relaxed=True, prefix=False) == '"accrual" OR "cut"'
    assert fts5_query("late accrual cut", relaxed=True) == (
        '("late" AND "accrual") OR ("late" AND "cut"*) OR ("accrual" AND "cut"*)'
    )
    assert (
        tsquery_relaxed("late accrual cut ") == "(late & accrual) | (late & cut) | (accrual & cut)"
    )
    assert fts5_query(" ".join(f"w{i}" for i in range(9)), relaxed=True).count(" OR ") == 14


def test_tsquery_prefix_and_terms() -> None:
    assert tsquery_prefix("revenue recog") == "recog:*"
    assert tsquery_prefix("revenue ") == ""
    assert terms("The SBAR, the sbar!") == ["sbar"]


def test_snippet_centres_on_the_first_match() -> None:
    text = "word " * 100 + "escalate early when the score rises " + "word " * 100

    result = snippet(text, "escalate", width=80)

    assert "escalate early" in result
    assert result.startswith("…") and result.endswith("…")
    assert len(result) <= 82


def test_vectors_round_trip_as_float16_and_rank_by_cosine() -> None:
    rows = [[1.0, 0.0, 0.0], [0.6, 0.8, 0.0], [0.0, 0.0, 1.0]]
    matrix = from_bytes([to_bytes(r) for r in rows] + [b"bad"], dims=3)

    assert matrix.shape == (4, 3)
    assert not matrix[3].any()
    best = top_k([1.0, 0.1, 0.0], matrix, 2)
    assert [i for i, _ in best] == [0, 1]
    masked = top_k([1.0, 0.1, 0.0], matrix, 2, mask=np.array([False, True, True, True]))
    assert masked[0][0] == 1


def test_metrics() -> None:
    relevance = {"a": 2, "b": 1}

    assert ndcg_at_k(["a", "b"], relevance) == pytest.approx(1.0)
    assert ndcg_at_k(["b", "a"], relevance) < 1.0
    assert ndcg_at_k(["x"], relevance) == 0.0
    assert recall_at_k(["x", "b"], relevance) == 0.5
    assert recall_at_k(["x"], {}) == 0.0
