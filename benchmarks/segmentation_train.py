"""Fit the boundary weights in ``bitewise/engines/segmentation/learned.py``: a logistic
regression (L2, Newton's method, numpy only) from the gap features to "a topic starts at this
unit", on the QMSum *training* meetings only, with the synthetic timestamps the benchmark gives
val+test (same recipe, seeded by meeting id) and the model2vec vectors the product uses.

    .venv/bin/python benchmarks/segmentation_train.py [--dev PATH] [--dry-run]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

import numpy as np
import numpy.typing as npt

sys.path.insert(0, str(Path(__file__).resolve().parent))
from segmentation_bench import MODEL_DIR, ROOT, SHARED
from segmentation_sets import make_timed, to_units, with_times

from bitewise.engines.segmentation.features import NAMES, gap_features
from bitewise.engines.segmentation.timeline import timeline

LEARNED = ROOT / "src/bitewise/engines/segmentation/learned.py"
L2 = 1.0


def training_rows(dev: Path) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from model2vec import StaticModel

    model = StaticModel.from_pretrained(str(MODEL_DIR))
    docs = [json.loads(line) for line in dev.read_text().splitlines() if line.strip()]
    train = [d for d in docs if d["id"].split("/")[1] == "train"]
    features, labels = [], []
    for doc, row in zip(train, make_timed(train), strict=True):
        units = to_units(with_times(doc, row["times"]))
        vectors = np.asarray(model.encode([u.text for u in units], show_progress_bar=False))
        matrix, _, _ = gap_features(units, vectors.astype(np.float64), timeline(units, 150))
        label = np.zeros(len(units) - 1)
        label[[b - 1 for b in doc["boundaries"]]] = 1.0
        features.append(matrix)
        labels.append(label)
    print(f"{len(train)} training meetings, {sum(map(len, labels))} gaps", flush=True)
    return np.vstack(features), np.concatenate(labels)


def fit(x: npt.NDArray[np.float64], y: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Weights then bias, minimizing log-loss plus ``L2`` times the squared weights."""
    design = np.hstack([x, np.ones((len(x), 1))])
    weights = np.zeros(design.shape[1])
    ridge = L2 * np.eye(len(weights))
    ridge[-1, -1] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-design @ weights))
        gradient = design.T @ (p - y) + ridge @ weights
        hessian = (design * (p * (1 - p))[:, None]).T @ design + ridge
        step = np.linalg.solve(hessian, gradient)
        weights -= step
        if float(np.abs(step).max()) < 1e-8:
            break
    return weights


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dev", type=Path, default=SHARED / "dev_qmsum.jsonl")
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args()
    x, y = training_rows(args.dev)
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    weights = fit((x - mean) / scale, y)

    def numbers(values: npt.NDArray[np.float64]) -> str:
        return "(" + ", ".join(f"{v:.4f}" for v in values) + ",)"

    block = "\n".join(
        [
            "# fitted: begin",
            f"# {int(y.sum())} topic starts among {len(y)} gaps; columns as in features.NAMES",
            f"MEAN = {numbers(mean)}",
            f"SCALE = {numbers(scale)}",
            f"WEIGHTS = {numbers(weights[:-1])}",
            f"BIAS = {weights[-1]:.4f}",
            "# fitted: end",
        ]
    )
    for name, weight in zip(NAMES, weights, strict=False):
        print(f"{name:30s} {weight:+.3f}")
    if not args.dry_run:
        text = LEARNED.read_text()
        text = re.sub(r"# fitted: begin.*# fitted: end", lambda _: block, text, flags=re.DOTALL)
        LEARNED.write_text(text)


if __name__ == "__main__":
    main()
