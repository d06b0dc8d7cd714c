"""Embeddings as bytes in a database column, and cosine top-k over a matrix with numpy."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Matrix = npt.NDArray[np.float32]


def normalize(vectors: npt.ArrayLike) -> Matrix:
    """Rows scaled to unit length (zero rows stay zero), as float32."""
    array = np.atleast_2d(np.asarray(vectors, dtype=np.float32))
    norms = np.linalg.norm(array, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    result: Matrix = array / norms
    return result


def to_bytes(vector: npt.ArrayLike) -> bytes:
    """A unit vector stored as little-endian float16: half the bytes, same ranking."""
    data: bytes = normalize(vector)[0].astype("<f2").tobytes()
    return data


def from_bytes(blobs: list[bytes], dims: int) -> Matrix:
    """Stack stored vectors into a float32 matrix; a blob of the wrong size becomes zeros."""
    matrix = np.zeros((len(blobs), dims), dtype=np.float32)
    for i, blob in enumerate(blobs):
        if len(blob) == dims * 2:
            matrix[i] = np.frombuffer(blob, dtype="<f2")
    return matrix


def top_k(
    query: npt.ArrayLike, matrix: Matrix, k: int, *, mask: npt.NDArray[np.bool_] | None = None
) -> list[tuple[int, float]]:
    """Row indices and cosine scores of the ``k`` rows most similar to ``query``, best first.
    Rows must already be unit length; ``mask`` keeps only the rows where it is True."""
    if matrix.shape[0] == 0 or k <= 0:
        return []
    scores = matrix @ normalize(query)[0]
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    k = min(k, int(scores.shape[0]))
    best = np.argpartition(-scores, k - 1)[:k]
    best = best[np.argsort(-scores[best], kind="stable")]
    return [(int(i), float(scores[i])) for i in best if np.isfinite(scores[i])]
