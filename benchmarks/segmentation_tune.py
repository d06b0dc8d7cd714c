"""Knob sweep for the segmenter on the tuning sets only: the timed and lesson-sized sets built
from QMSum *train* (the recipe of ``segmentation_sets``, seeded by meeting id), the scripted
spoken sessions and the demo's talk; val+test are never read here. Prints, per set, F1 within
±30 s (micro) / F1 within ±3 units (by the scorer beside the data set) and the share of 2-8
minute lessons.

    .venv/bin/python benchmarks/segmentation_tune.py clear_score=1.5,2.0 cut_threshold=1.5

With ``--podcasts=PATH`` (a checkout of bitcointranscripts/bitcointranscripts), the *tune* half
of the podcasts and sessions (``segmentation_podcasts``) is swept too, as turns and as caption
cues without names; their *report* half is never read here.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import segmentation_sets as forms
from segmentation_bench import SHARED, SPOKEN, embedders, load_scorer, score
from segmentation_podcasts import podcasts

from bitewise.engines.segmentation import Options, segment_units


def tuning_sets(podcast_root: Path | None = None) -> dict[str, list[dict[str, Any]]]:
    docs = [json.loads(line) for line in (SHARED / "dev_qmsum.jsonl").read_text().splitlines()]
    train = [d for d in docs if d["id"].split("/")[1] == "train"]
    timed = [
        forms.with_times(d, r["times"]) for d, r in zip(train, forms.make_timed(train), strict=True)
    ]
    by_id = {d["id"]: d for d in train}
    lessons = [forms.lesson_doc(by_id[r["id"]], r) for r in forms.make_lessons(train)]
    spoken = [
        {**json.loads(line), "speakers": False}
        for line in SPOKEN.read_text().splitlines()
        if line.strip()
    ]
    sets = {
        "train timed": timed,
        "train lessons": lessons,
        "spoken": spoken,
        "demo": [forms.demo_talk()],
    }
    if podcast_root is not None:
        talks = podcasts(podcast_root, "tune")
        sets["podcasts tune"] = talks
        sets["podcasts tune, cues"] = [forms.as_cues(d, speakers=False) for d in talks]
    return sets


def main(argv: list[str]) -> None:
    roots = [Path(a.split("=", 1)[1]) for a in argv if a.startswith("--podcasts=")]
    knobs_given = [a for a in argv if not a.startswith("--podcasts=")]
    grid = {
        k: [float(v) for v in vs.split(",")] for k, vs in (a.split("=", 1) for a in knobs_given)
    }
    scorer = load_scorer(SHARED / "score.py")
    embed = embedders()["model2vec"]
    sets = tuning_sets(roots[0] if roots else None)
    prepared = {name: [(d, forms.to_units(d)) for d in docs] for name, docs in sets.items()}
    vectors = {
        (name, d["id"]): np.asarray(embed([u.text for u in units]))
        for name, pairs in prepared.items()
        for d, units in pairs
    }
    for values in itertools.product(*grid.values()):
        knobs = dict(zip(grid, values, strict=True))
        options = dataclasses.replace(Options(), **knobs)
        row = []
        for name, pairs in prepared.items():
            preds = {
                d["id"]: [
                    b.index
                    for b in segment_units(
                        units, vectors=vectors[(name, d["id"])], options=options
                    ).boundaries
                ]
                for d, units in pairs
            }
            summary = score(scorer, [d for d, _ in pairs], preds)
            row.append(
                f"{name} {summary['f1_time_micro']:.3f} / {summary['f1_macro']:.3f}"
                f" ({summary['hyp_share_2_8min']:.0%})"
            )
        print(knobs, " | ".join(row), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
