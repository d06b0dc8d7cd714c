"""Fit the boundary weights in ``bitewise/engines/segmentation/learned.py``: three logistic
regressions (L2, Newton's method, numpy only) from the gap features to "a topic starts at this
unit", on the QMSum *training* meetings only, with the synthetic timestamps the benchmark gives
val+test (same recipe, seeded by meeting id) and the model2vec vectors the product uses.

Three models: the *turns* model learns from the meetings as speaker turns (the engine's first
weights); the *labelled* one (transcripts that name their speakers) from every form the
benchmark gives the training meetings with names: the meetings and their lesson-sized edit
(``make_lessons``), as turns and as caption cues (``as_cues``); the *unlabelled* one (most
captions and recognized speech) from the caption cues of both without names, and gives no
weight to the columns that need names (``SPEAKER_COLUMNS``). The engine averages the turns
model's log-odds with those of the model for the transcript's form.

    .venv/bin/python benchmarks/segmentation_train.py [--dev PATH] [--dry-run]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

sys.path.insert(0, str(Path(__file__).resolve().parent))
from segmentation_bench import MODEL_DIR, ROOT, SHARED
from segmentation_sets import as_cues, lesson_doc, make_lessons, make_timed, to_units, with_times

from bitewise.engines.segmentation.features import NAMES, SPEAKER_COLUMNS, gap_features
from bitewise.engines.segmentation.timeline import timeline

LEARNED = ROOT / "src/bitewise/engines/segmentation/learned.py"
L2 = 1.0


def training_forms(dev: Path) -> dict[str, list[dict[str, Any]]]:
    """The training meetings in each form, by the model that learns from them."""
    docs = [json.loads(line) for line in dev.read_text().splitlines() if line.strip()]
    train = [d for d in docs if d["id"].split("/")[1] == "train"]
    timed = [with_times(d, r["times"]) for d, r in zip(train, make_timed(train), strict=True)]
    by_id = {d["id"]: d for d in train}
    lessons = [lesson_doc(by_id[r["id"]], r) for r in make_lessons(train)]
    return {
        "turns": timed,
        "labelled": [
            *timed, *lessons,
            *(as_cues(d, speakers=True) for d in timed),
            *(as_cues(d, speakers=True) for d in lessons),
        ],
        "unlabelled": [
            *(as_cues(d, speakers=False) for d in timed),
            *(as_cues(d, speakers=False) for d in lessons),
        ],
    }  # fmt: skip


def training_rows(
    docs: list[dict[str, Any]], model: Any
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    features, labels = [], []
    for doc in docs:
        units = to_units(doc)
        vectors = np.asarray(model.encode([u.text for u in units], show_progress_bar=False))
        matrix, _, _ = gap_features(units, vectors.astype(np.float64), timeline(units, 150))
        label = np.zeros(len(units) - 1)
        label[[b - 1 for b in doc["boundaries"]]] = 1.0
        features.append(matrix)
        labels.append(label)
    print(f"{len(docs)} training documents, {sum(map(len, labels))} gaps", flush=True)
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


def fitted_block(kind: str, x: npt.NDArray[np.float64], y: npt.NDArray[np.float64]) -> str:
    """The constants of one model; the columns it must not use are fixed at weight 0."""
    used = [c for c in range(len(NAMES)) if kind != "unlabelled" or c not in SPEAKER_COLUMNS]
    mean, scale = np.zeros(len(NAMES)), np.ones(len(NAMES))
    mean[used], scale[used] = x[:, used].mean(axis=0), x[:, used].std(axis=0) + 1e-9
    fitted = fit((x[:, used] - mean[used]) / scale[used], y)
    weights = np.zeros(len(NAMES))
    weights[used] = fitted[:-1]
    for name, weight in zip(NAMES, weights, strict=True):
        print(f"{kind:10s} {name:30s} {weight:+.3f}")

    def numbers(values: npt.NDArray[np.float64]) -> str:
        return "(" + ", ".join(f"{v:.4f}" for v in values) + ",)"

    prefix = kind.upper()
    return "\n".join(
        [
            f"# fitted {kind}: begin",
            f"# {int(y.sum())} topic starts among {len(y)} gaps; columns as in features.NAMES",
            f"{prefix}_MEAN = {numbers(mean)}",
            f"{prefix}_SCALE = {numbers(scale)}",
            f"{prefix}_WEIGHTS = {numbers(weights)}",
            f"{prefix}_BIAS = {fitted[-1]:.4f}",
            f"# fitted {kind}: end",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dev", type=Path, default=SHARED / "dev_qmsum.jsonl")
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from model2vec import StaticModel

    model = StaticModel.from_pretrained(str(MODEL_DIR))
    text = LEARNED.read_text()
    for kind, docs in training_forms(args.dev).items():
        block = fitted_block(kind, *training_rows(docs, model))
        pattern = rf"# fitted {kind}: begin.*# fitted {kind}: end"
        text = re.sub(pattern, lambda _, b=block: b, text, flags=re.DOTALL)  # type: ignore[misc]
    if not args.dry_run:
        LEARNED.write_text(text)


if __name__ == "__main__":
    main()
