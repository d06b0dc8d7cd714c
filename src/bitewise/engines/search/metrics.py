"""Relevance metrics for the benchmark: graded nDCG@k and recall@k.
nDCG as in Järvelin and Kekäläinen (2002) with gain 2^rel - 1 and log2(rank + 1) discount."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence


def ndcg_at_k(ranked: Sequence[str], relevance: Mapping[str, int], k: int = 10) -> float:
    def dcg(grades: Sequence[int]) -> float:
        return float(sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades[:k])))

    ideal = dcg(sorted(relevance.values(), reverse=True))
    if ideal == 0:
        return 0.0
    return dcg([relevance.get(key, 0) for key in ranked]) / ideal


def recall_at_k(ranked: Sequence[str], relevance: Mapping[str, int], k: int = 10) -> float:
    relevant = {key for key, grade in relevance.items() if grade > 0}
    if not relevant:
        return 0.0
    return len(relevant.intersection(ranked[:k])) / len(relevant)
