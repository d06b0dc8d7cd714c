"""Segmentation benchmark: ours against NLTK TextTiling and evenly spaced boundaries, on QMSum
(untimed speaker turns) and on a timed set built from it. See the RESULTS section it writes.

    .venv/bin/python benchmarks/segmentation_bench.py [--dev PATH] [--split val,test] [--no-write]

The boundary weights (benchmarks/segmentation_train.py) and the cut threshold were chosen on
the QMSum *train* split only; figures are reported on val+test (70 meetings). Metrics come
from the scorer beside the data set, taken by path.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import itertools
import json
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from bisect import bisect_right
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "src"))

from credentials_bench import machine_info  # noqa: E402
from results import write_section  # noqa: E402
from segmentation_baselines import embedding_tiler, engine_before  # noqa: E402
from segmentation_podcasts import podcasts  # noqa: E402
from segmentation_report import EVEN, report  # noqa: E402
from segmentation_sets import (  # noqa: E402
    WPM,
    as_cues,
    demo_talk,
    lesson_doc,
    make_lessons,
    make_timed,
    to_units,
    with_times,
)

from bitewise.engines.segmentation import hashed_tfidf, segment_units  # noqa: E402
from bitewise.engines.segmentation.timeline import timeline  # noqa: E402

SHARED = Path("/work/shared/data/segmentation")
MODEL_DIR = ROOT / "src/bitewise/engines/embeddings/model"
DATA = Path(__file__).resolve().parent / "data/segmentation"
TIMED = DATA / "qmsum_timed.jsonl"
LESSONS = DATA / "qmsum_lessons.jsonl"
SPOKEN = Path(__file__).resolve().parent / "data/spoken/sessions.jsonl"
TILES_CACHE = DATA / "texttiling_cache.json"  # delete it to re-time TextTiling
# NLTK's English stopword list (nltk_data corpora/stopwords/english), written out because the
# corpus is not downloaded here; TextTiling otherwise insists on loading it.
_NLTK_STOPWORD_TEXT = """
i me my myself we our ours ourselves you you're you've you'll you'd your yours yourself
yourselves he him his himself she she's her hers herself it it's its itself they them their
theirs themselves what which who whom this that that'll these those am is are was were be
been being have has had having do does did doing a an the and but if or because as until
while of at by for with about against between into through during before after above below
to from up down in out on off over under again further then once here there when where why
how all any both each few more most other some such no nor not only own same so than too
very s t can will just don don't should should've now d ll m o re ve y ain aren aren't
couldn couldn't didn didn't doesn doesn't hadn hadn't hasn hasn't haven haven't isn isn't ma
mightn mightn't mustn mustn't needn needn't shan shan't shouldn shouldn't wasn wasn't weren
weren't won won't wouldn wouldn't"""
NLTK_STOPWORDS = _NLTK_STOPWORD_TEXT.split()


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dev", type=Path, default=SHARED / "dev_qmsum.jsonl")
    parser.add_argument("--scorer", type=Path, default=SHARED / "score.py")
    parser.add_argument("--split", default="val,test", help="QMSum splits to report on")
    parser.add_argument("--make-timed", action="store_true", help="(re)build the timed set")
    parser.add_argument(
        "--podcasts",
        type=Path,
        help="a checkout of github.com/bitcointranscripts/bitcointranscripts (MIT): real "
        "podcasts and sessions with chapters (segmentation_podcasts.py); left out without it",
    )
    parser.add_argument("--no-write", action="store_true")
    return parser.parse_args(argv)


def load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("segmentation_score", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def estimated_minutes(doc: dict[str, Any], cuts: Sequence[int]) -> list[float]:
    """Segment lengths by the engine's own estimate (150 words per minute over the turns
    without speaker labels and markup), applied to every method's cuts alike."""
    times = timeline(to_units(doc), WPM)
    edges = [0, *cuts, len(times)]
    return [(times[b - 1][1] - times[a][0]) / 60.0 for a, b in itertools.pairwise(edges)]


def texttiling(doc: dict[str, Any]) -> list[int]:
    """NLTK defaults, one paragraph per turn; boundaries mapped back to turn indices."""
    from nltk.tokenize.texttiling import TextTilingTokenizer

    texts = [s["text"].replace("\n", " ").strip() or "." for s in doc["sentences"]]
    offsets, position = [], 0
    for text in texts:
        offsets.append(position)
        position += len(text) + 2
    try:
        tiles = TextTilingTokenizer(stopwords=NLTK_STOPWORDS).tokenize("\n\n".join(texts))
    except ValueError:  # too short to tile
        return []
    cuts: list[int] = []
    position = 0
    for tile in tiles[:-1]:
        position += len(tile)
        index = bisect_right(offsets, position + 2) - 1
        if 0 < index < len(texts) and (not cuts or index > cuts[-1]):
            cuts.append(index)
    return cuts


def even(count: int, segments: int) -> list[int]:
    return sorted({round(count * i / segments) for i in range(1, segments)} - {0, count})


def even_in_time(starts: Sequence[float], end: float, segments: int) -> list[int]:
    targets = [starts[0] + (end - starts[0]) * i / segments for i in range(1, segments)]
    cuts = {min(range(len(starts)), key=lambda j: abs(starts[j] - t)) for t in targets}
    return sorted(cuts - {0})


def score(
    scorer: ModuleType, refs: list[dict[str, Any]], preds: dict[str, list[int]]
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        ref_path, pred_path = Path(folder) / "ref.jsonl", Path(folder) / "pred.jsonl"
        ref_path.write_text("".join(json.dumps(r) + "\n" for r in refs))
        pred_path.write_text(
            "".join(json.dumps({"id": k, "boundaries": v}) + "\n" for k, v in preds.items())
        )
        with contextlib.redirect_stdout(io.StringIO()):
            summary: dict[str, Any] = scorer.main(
                ["--ref", str(ref_path), "--pred", str(pred_path)]
            )
    overall: dict[str, Any] = summary["ALL"]
    return overall


def embedders() -> dict[str, Callable[[Sequence[str]], Any]]:
    found: dict[str, Callable[[Sequence[str]], Any]] = {}
    if (MODEL_DIR / "model.safetensors").is_file():
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from model2vec import StaticModel

        model = StaticModel.from_pretrained(str(MODEL_DIR))
        found["model2vec"] = lambda texts: model.encode(list(texts), show_progress_bar=False)
    found["hashed TF-IDF"] = hashed_tfidf
    return found


class Tiles:
    """TextTiling boundaries and seconds per document. NLTK's TextTiling takes 10-40 s per
    meeting here, so documents are tiled on all cores and once: it ignores timestamps."""

    def __init__(self) -> None:
        self.cuts: dict[str, list[int]] = {}
        self.seconds: dict[str, float] = {}
        self.key = f"nltk {metadata.version('nltk')}"
        if TILES_CACHE.exists():
            cached = json.loads(TILES_CACHE.read_text())
            if cached.get("key") == self.key:
                self.cuts, self.seconds = cached["cuts"], cached["seconds"]

    def run(self, refs: list[dict[str, Any]]) -> dict[str, list[int]]:
        todo = [r for r in refs if r["id"] not in self.cuts]
        with multiprocessing.Pool(os.cpu_count() or 1) as pool:
            for doc_id, cuts, seconds in pool.imap(_timed_texttiling, todo):
                self.cuts[doc_id], self.seconds[doc_id] = cuts, seconds
        if todo:
            body = {"key": self.key, "cuts": self.cuts, "seconds": self.seconds}
            TILES_CACHE.write_text(json.dumps(body, sort_keys=True))
        return {r["id"]: self.cuts[r["id"]] for r in refs}


def _timed_texttiling(doc: dict[str, Any]) -> tuple[str, list[int], float]:
    began = time.perf_counter()
    cuts = texttiling(doc)
    return doc["id"], cuts, time.perf_counter() - began


def spans_summary(refs: list[dict[str, Any]], flagged: dict[str, list[tuple[int, int]]]) -> str:
    """How many lessons were flagged as spanning two topics, and how many of the offered
    splits land within 30 s of a reference topic change."""
    total = sum(len(v) for v in flagged.values())
    near = 0
    for ref in refs:
        starts = [s["start"] for s in ref["sentences"]]
        changes = [starts[b] for b in ref["boundaries"]]
        for split, _ in flagged.get(ref["id"], []):
            near += any(abs(starts[split] - c) <= 30 for c in changes)
    return (
        f"{total} lessons flagged as spanning two topics; {near} of the offered splits lie "
        "within 30 s of a topic change"
    )


def run_set(
    name: str, refs: list[dict[str, Any]], scorer: ModuleType, is_timed: bool, tiles: Tiles
) -> tuple[list[str], dict[str, tuple[float, float, float]]]:
    rows: dict[str, tuple[dict[str, Any], list[float]]] = {}
    timing: dict[str, float] = {}
    preds_by_method: dict[str, dict[str, list[int]]] = {}
    counts: dict[str, int] = {}
    flagged: dict[str, list[tuple[int, int]]] = {}
    for label, embed in embedders().items():
        preds, minutes, seconds = {}, [], []
        for ref in refs:
            units = to_units(ref)
            began = time.perf_counter()
            result = segment_units(units, embed)
            seconds.append(time.perf_counter() - began)
            preds[ref["id"]] = [b.index for b in result.boundaries]
            minutes += [s.minutes for s in result.segments] if is_timed else []
            counts.setdefault(ref["id"], len(result.segments))  # the first: model2vec if any
            if label == "model2vec":
                flagged[ref["id"]] = [
                    (s.suggested_split, s.first)
                    for s in result.segments
                    if s.spans_topics and s.suggested_split is not None
                ]
        preds_by_method[f"ours ({label})"] = preds
        timing[f"ours ({label})"] = statistics.mean(seconds)
    model = embedders().get("model2vec")
    if model is not None:
        preds_by_method["shipped engine (model2vec)"] = engine_before(refs, model)
        began = time.perf_counter()
        preds_by_method["plain embedding tiler (model2vec)"] = {
            r["id"]: embedding_tiler(to_units(r), model) for r in refs
        }
        timing["plain embedding tiler (model2vec)"] = (time.perf_counter() - began) / len(refs)
    source = {r["id"]: r.get("source_id", r["id"]) for r in refs}
    preds_by_method["TextTiling (NLTK)"] = {  # cuts on turns, mapped to cues where cued
        r["id"]: [r["first_cue"][c] for c in tiles.cuts[source[r["id"]]]]
        if "first_cue" in r
        else tiles.cuts[source[r["id"]]]
        for r in refs
        if source[r["id"]] in tiles.cuts
    }
    if len(preds_by_method["TextTiling (NLTK)"]) == len(refs):
        timing["TextTiling (NLTK)"] = statistics.mean(tiles.seconds[source[r["id"]]] for r in refs)
    else:  # trimmed documents: tile them afresh
        preds_by_method["TextTiling (NLTK)"] = tiles.run(refs)
        timing["TextTiling (NLTK)"] = statistics.mean(tiles.seconds[r["id"]] for r in refs)
    even_ours, even_ref = {}, {}
    for ref in refs:
        n = len(ref["sentences"])
        if is_timed:
            starts = [s["start"] for s in ref["sentences"]]
            end = ref["sentences"][-1]["end"]
            even_ours[ref["id"]] = even_in_time(starts, end, counts[ref["id"]])
            even_ref[ref["id"]] = even_in_time(starts, end, len(ref["boundaries"]) + 1)
        else:
            even_ours[ref["id"]] = even(n, counts[ref["id"]])
            even_ref[ref["id"]] = even(n, len(ref["boundaries"]) + 1)
    preds_by_method[EVEN] = even_ours
    preds_by_method["even, reference count"] = even_ref
    preds_by_method["no boundaries"] = {r["id"]: [] for r in refs}
    for method, preds in preds_by_method.items():
        summary = score(scorer, refs, preds)
        share = [
            statistics.mean(2.0 <= m <= 8.0 for m in estimated_minutes(r, preds[r["id"]]))
            for r in refs
        ]
        rows[method] = (summary, share)
    lines = [
        f"**{name}** ({len(refs)} documents)",
        "",
        "| method | F1@±3 units | F1@±30 s | WindowDiff | Pk | segments (ref "
        f"{statistics.mean(len(r['boundaries']) + 1 for r in refs):.1f}) | 2-8 min"
        + (" (timestamps)" if is_timed else " (150 wpm)")
        + " | s / meeting |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for method, (summary, share) in rows.items():
        f1t = f"{summary['f1_time_micro']:.3f}" if is_timed else "-"
        time_share = summary["hyp_share_2_8min"] if is_timed else statistics.mean(share)
        took = f"{timing[method]:.3f}" if method in timing else "-"
        lines.append(
            f"| {method} | {summary['f1_macro']:.3f} | {f1t} | {summary['wd']:.3f} | "
            f"{summary['pk']:.3f} | {summary['hyp_segs']:.1f} | {time_share:.0%} | {took} |"
        )
    if flagged:
        lines += ["", f"Ours (model2vec): {spans_summary(refs, flagged)}."] if is_timed else []
    figures = {
        m: (
            summary["f1_macro"],
            summary["f1_time_micro"] if is_timed else float("nan"),
            summary["hyp_share_2_8min"] if is_timed else statistics.mean(share),
        )
        for m, (summary, share) in rows.items()
    }
    return lines, figures


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    info = machine_info()
    scorer = load_scorer(args.scorer)
    splits = set(args.split.split(","))
    docs = [json.loads(line) for line in args.dev.read_text().splitlines() if line.strip()]
    refs = [d for d in docs if d["id"].split("/")[1] in splits]
    if args.make_timed or not TIMED.exists():
        TIMED.parent.mkdir(parents=True, exist_ok=True)
        TIMED.write_text(
            "".join(json.dumps(r) + "\n" for r in make_timed([d for d in docs if d in refs]))
        )
    timed_rows = {r["id"]: r["times"] for r in map(json.loads, TIMED.read_text().splitlines())}
    timed = [with_times(d, timed_rows[d["id"]]) for d in refs if d["id"] in timed_rows]
    if args.make_timed or not LESSONS.exists():
        LESSONS.write_text("".join(json.dumps(r) + "\n" for r in make_lessons(refs)))
    by_id = {d["id"]: d for d in refs}
    lessons = [
        lesson_doc(by_id[row["id"]], row)
        for row in map(json.loads, LESSONS.read_text().splitlines())
        if row["id"] in by_id
    ]
    words = [sum(len(s["text"].split()) for s in d["sentences"]) for d in refs]
    print(f"{len(refs)} meetings, mean {statistics.mean(words):.0f} words", flush=True)
    tiles = Tiles()
    tiles.run(refs)
    qmsum_lines, qmsum_f1 = run_set("QMSum val+test, untimed turns", refs, scorer, False, tiles)
    print("\n".join(qmsum_lines), flush=True)
    timed_lines, timed_f1 = run_set("Timed QMSum val+test", timed, scorer, True, tiles)
    print("\n".join(timed_lines), flush=True)
    lesson_lines, lesson_f1 = run_set("Lesson-sized timed set", lessons, scorer, True, tiles)
    print("\n".join(lesson_lines), flush=True)
    cue_sets = [
        ("Timed QMSum val+test as caption cues, speakers named", [
            as_cues(d, speakers=True) for d in timed]),
        ("Timed QMSum val+test as caption cues, no speaker names", [
            as_cues(d, speakers=False) for d in timed]),
        ("Lesson-sized timed set as caption cues, no speaker names", [
            as_cues(d, speakers=False) for d in lessons]),
    ]  # fmt: skip
    cue_lines, cue_f1 = [], []
    for name, cued in cue_sets:
        lines, figures = run_set(name, cued, scorer, True, tiles)
        print("\n".join(lines), flush=True)
        cue_lines.append(lines)
        cue_f1.append(figures)
    spoken = [
        {**json.loads(line), "speakers": False}
        for line in SPOKEN.read_text().splitlines()
        if line.strip()
    ]
    spoken_lines, spoken_f1 = run_set(
        "Scripted spoken sessions (espeak-ng, recognized by the product)", spoken, scorer, True,
        tiles,
    )  # fmt: skip
    print("\n".join(spoken_lines), flush=True)
    demo_lines, demo_f1 = run_set("The demo's conference talk", [demo_talk()], scorer, True, tiles)
    print("\n".join(demo_lines), flush=True)
    talk_tables: list[tuple[str, list[str], dict[str, tuple[float, float, float]]]] = []
    for part in ("report", "tune") if args.podcasts else ():
        talks = podcasts(args.podcasts, part)
        for form, docs in (
            ("speaker turns", talks),
            ("caption cues, speakers named", [as_cues(d, speakers=True) for d in talks]),
            ("caption cues, no speaker names", [as_cues(d, speakers=False) for d in talks]),
        ):
            name = f"Podcasts and sessions, {part} half, {form}"
            lines, figures = run_set(name, docs, scorer, True, tiles)
            print("\n".join(lines), flush=True)
            talk_tables.append((name, lines, figures))
    lines = report(
        info,
        [qmsum_lines, timed_lines, lesson_lines, *cue_lines, spoken_lines, demo_lines],
        [qmsum_f1, timed_f1, lesson_f1, *cue_f1, spoken_f1, demo_f1],
        statistics.mean(words),
        talk_tables,
    )
    if not args.no_write:
        write_section("segmentation", lines)


if __name__ == "__main__":
    main()
