"""A deterministic embedding that needs no model: hashed bag of words with IDF weights
computed over the transcript itself. The fallback when no sentence-embedding model is set."""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

WORD = re.compile(r"[^\W\d_]{3,}")
_STOPWORD_TEXT = """about above after again against also and any are because been before being below
    between both but can could did does doing down during each few for from further had has
    have having here hers herself him himself his how into its itself just let more most
    much not now off once only other our ours out over own really right same she should
    some such than that the their theirs them then there these they this those through too
    under until very was were what when where which while who whom why will with would you
    your yours yourself okay yeah yes well like know think mean gonna going get got thing
    things kind sort one two actually maybe probably guess sure see say said lot want"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def tokens(text: str) -> list[str]:
    return [w for w in WORD.findall(text.lower()) if w not in STOPWORDS]


def hashed_tfidf(texts: Sequence[str], dimensions: int = 2048) -> npt.NDArray[np.float64]:
    """One row per text: sublinear term frequency times IDF (over ``texts``), words hashed
    with CRC-32 into ``dimensions`` buckets, so the same texts always give the same rows."""
    counts = [Counter(tokens(text)) for text in texts]
    document_frequency: Counter[str] = Counter()
    for count in counts:
        document_frequency.update(count.keys())
    total = len(texts)
    matrix = np.zeros((total, dimensions))
    for row, count in enumerate(counts):
        for word, times in count.items():
            idf = math.log((1 + total) / (1 + document_frequency[word])) + 1.0
            bucket = zlib.crc32(word.encode()) % dimensions
            matrix[row, bucket] += (1.0 + math.log(times)) * idf
    return matrix
