"""Baselines the segmentation benchmark runs beside ours: the plain embedding-similarity tiler
and the shipped engine (its own source, exported from git, run in a child process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from segmentation_report import BEFORE_COMMIT
from segmentation_sets import WPM, to_units

from bitewise.engines.segmentation import Unit
from bitewise.engines.segmentation.coherence import depths, gap_similarities
from bitewise.engines.segmentation.timeline import timeline

ROOT = Path(__file__).resolve().parent.parent


def embedding_tiler(units: Sequence[Unit], embed: Callable[[Sequence[str]], Any]) -> list[int]:
    """The plain embedding-similarity tiler: TextTiling's depth scores over sentence
    embeddings (the same 60 s and 120 s windows as ours), a cut wherever the depth passes
    Hearst's cutoff (mean + half a standard deviation), no duration bounds, no spoken cues."""
    if len(units) < 3:
        return []
    matrix = np.asarray(embed([u.text for u in units]), dtype=np.float64)
    times = timeline(units, WPM)
    weights = [1.0] * len(units)
    by_window = [gap_similarities(matrix, times, weights, w) for w in (60.0, 120.0)]
    similarity = [float(np.mean(values)) for values in zip(*by_window, strict=True)]
    depth = depths(similarity)
    cutoff = float(np.mean(depth) + np.std(depth) / 2)
    return [g + 1 for g, d in enumerate(depth) if d > cutoff and (g == 0 or d >= depth[g - 1])]


def engine_before(
    refs: list[dict[str, Any]], embed: Callable[[Sequence[str]], Any]
) -> dict[str, list[int]]:
    """The previous engine (hand-set cue bonuses over similarity dips) run in a child process on
    its own source, exported from git, over the same model2vec vectors (computed here)."""
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        paths = ["src/bitewise/__init__.py", "src/bitewise/engines/__init__.py",
                 "src/bitewise/engines/segmentation"]  # fmt: skip
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", BEFORE_COMMIT, *paths],
            check=True, capture_output=True, timeout=120,
        ).stdout  # fmt: skip
        subprocess.run(["tar", "-x", "-C", folder], input=archive, check=True, timeout=120)
        docs = []
        for number, ref in enumerate(refs):
            units = to_units(ref)
            np.save(work / f"{number}.npy", np.asarray(embed([u.text for u in units])))
            docs.append({"id": ref["id"], "units": [[u.text, u.start, u.end, u.speaker]
                                                    for u in units]})  # fmt: skip
        (work / "docs.json").write_text(json.dumps(docs))
        code = (
            "import json, sys; from pathlib import Path; import numpy as np; "
            "from bitewise.engines.segmentation import Unit, segment_units; "
            "work = Path(sys.argv[1]); docs = json.loads((work / 'docs.json').read_text()); "
            "print(json.dumps({d['id']: [b.index for b in segment_units("
            "[Unit(*u) for u in d['units']], vectors=np.load(work / f'{n}.npy')).boundaries] "
            "for n, d in enumerate(docs)}))"
        )
        env = {**os.environ, "PYTHONPATH": str(work / "src")}
        out = subprocess.run(
            [sys.executable, "-c", code, folder],
            check=True, capture_output=True, text=True, env=env, timeout=3600, cwd=folder,
        ).stdout  # fmt: skip
    found: dict[str, list[int]] = json.loads(out.strip().splitlines()[-1])
    return found
