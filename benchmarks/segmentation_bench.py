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
import random
import re
import statistics
import subprocess
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

import numpy as np  # noqa: E402
from credentials_bench import machine_info  # noqa: E402
from results import write_section  # noqa: E402

from bitewise.engines.segmentation import Unit, hashed_tfidf, segment_units  # noqa: E402
from bitewise.engines.segmentation.coherence import depths, gap_similarities  # noqa: E402
from bitewise.engines.segmentation.timeline import timeline  # noqa: E402

SHARED = Path("/work/shared/data/segmentation")
MODEL_DIR = ROOT / "src/bitewise/engines/embeddings/model"
DATA = Path(__file__).resolve().parent / "data/segmentation"
TIMED = DATA / "qmsum_timed.jsonl"
LESSONS = DATA / "qmsum_lessons.jsonl"
SPOKEN = Path(__file__).resolve().parent / "data/spoken/sessions.jsonl"
TILES_CACHE = DATA / "texttiling_cache.json"  # delete it to re-time TextTiling
SPEAKER = re.compile(r"^([^:]{1,40}):\s*(.*)$", re.DOTALL)
MARKUP = re.compile(r"\{(disfmarker|vocalsound|gap|pause|nonvocalsound|comment)\}")
WPM = 150.0
EVEN = "even, ours' count"
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
    parser.add_argument("--no-write", action="store_true")
    return parser.parse_args(argv)


def load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("segmentation_score", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def to_units(doc: dict[str, Any]) -> list[Unit]:
    """QMSum turns read "Speaker: text"; the speaker is split off and markup dropped."""
    units = []
    for sentence in doc["sentences"]:
        if doc.get("speakers") is False:  # recognized speech: "Next question: ..." is no name
            units.append(Unit(sentence["text"], sentence["start"], sentence["end"]))
            continue
        match = SPEAKER.match(sentence["text"])
        speaker, text = (match.group(1), match.group(2)) if match else ("", sentence["text"])
        units.append(Unit(MARKUP.sub("", text), sentence["start"], sentence["end"], speaker))
    return units


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


def make_timed(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Timestamps for QMSum turns: each speaker talks at 130-170 words per minute, turns are
    0.1-0.7 s apart, 5 % of gaps are 1.5-3.5 s pauses, and so are 40 % of topic changes."""
    rows = []
    for doc in docs:
        rng = random.Random(doc["id"])
        rates: dict[str, float] = {}
        boundaries, clock, times = set(doc["boundaries"]), 0.0, []
        for i, unit in enumerate(to_units(doc)):
            rate = rates.setdefault(unit.speaker, rng.uniform(130, 170))
            chance = 0.4 if i in boundaries else 0.05
            clock += rng.uniform(1.5, 3.5) if rng.random() < chance else rng.uniform(0.1, 0.7)
            length = max(1, len(doc["sentences"][i]["text"].split())) * 60.0 / rate
            times.append([round(clock, 2), round(clock + length, 2)])
            clock += length
        rows.append({"id": doc["id"], "times": times})
    return rows


def make_lessons(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Edited recordings with lesson-sized topics: each reference topic of a meeting shorter
    than 2 minutes (150 wpm) is dropped, the others are cut to their first 2.5-7.5 minutes;
    then timed like :func:`make_timed`, so topics last about 2-7.5 minutes."""
    rows = []
    for doc in docs:
        rng = random.Random("lessons " + doc["id"])
        words = [len(s["text"].split()) for s in doc["sentences"]]
        edges = [0, *sorted(doc["boundaries"]), len(words)]
        keep: list[int] = []
        boundaries: list[int] = []
        for a, b in itertools.pairwise(edges):
            if sum(words[a:b]) < 2 * WPM:
                continue
            budget, stop = rng.uniform(2.5, 7.5) * WPM, a
            while stop < b and sum(words[a:stop]) < budget:
                stop += 1
            if keep:
                boundaries.append(len(keep))
            keep += range(a, stop)
        if len(boundaries) < 1:
            continue
        kept = {**doc, "sentences": [doc["sentences"][i] for i in keep], "boundaries": boundaries}
        times = make_timed([kept])[0]["times"]
        rows.append({"id": doc["id"], "keep": keep, "boundaries": boundaries, "times": times})
    return rows


def lesson_doc(doc: dict[str, Any], row: dict[str, Any]) -> dict[str, Any]:
    sentences = [
        {**doc["sentences"][i], "start": t[0], "end": t[1]}
        for i, t in zip(row["keep"], row["times"], strict=True)
    ]
    lesson_id = doc["id"].replace("qmsum/", "qmsum-lessons/")
    return {**doc, "id": lesson_id, "sentences": sentences, "boundaries": row["boundaries"]}


def with_times(doc: dict[str, Any], times: list[list[float]]) -> dict[str, Any]:
    sentences = [
        {**s, "start": t[0], "end": t[1]} for s, t in zip(doc["sentences"], times, strict=True)
    ]
    timed_id = doc["id"].replace("qmsum/", "qmsum-timed/")
    return {**doc, "id": timed_id, "source_id": doc["id"], "sentences": sentences}


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


BEFORE_COMMIT = "8d99cb5"  # the engine before learned boundary weights (hand-set cue bonuses)


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
        preds_by_method["engine before (model2vec)"] = engine_before(refs, model)
        began = time.perf_counter()
        preds_by_method["plain embedding tiler (model2vec)"] = {
            r["id"]: embedding_tiler(to_units(r), model) for r in refs
        }
        timing["plain embedding tiler (model2vec)"] = (time.perf_counter() - began) / len(refs)
    source = {r["id"]: r.get("source_id", r["id"]) for r in refs}
    preds_by_method["TextTiling (NLTK)"] = {
        r["id"]: tiles.cuts[source[r["id"]]] for r in refs if source[r["id"]] in tiles.cuts
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
        f"**{name}** ({len(refs)} meetings)",
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
    lines = report(
        info,
        [qmsum_lines, timed_lines, lesson_lines, spoken_lines],
        [qmsum_f1, timed_f1, lesson_f1, spoken_f1],
        statistics.mean(words),
    )
    if not args.no_write:
        write_section("segmentation", lines)


def verdict(name: str, figures: dict[str, tuple[float, float, float]]) -> str:
    """The issue's held-out target, read on a dev set: F1 within ±30 s at least 0.28 with at
    least 85 % of lessons lasting 2-8 minutes; beside it the better of the two baselines."""
    f1, share = figures["ours (model2vec)"][1], figures["ours (model2vec)"][2]
    tiler = figures.get("plain embedding tiler (model2vec)", (0.0, 0.0, 0.0))[1]
    before = figures.get("engine before (model2vec)", (0.0, float("nan"), 0.0))[1]
    met = f1 >= 0.28 and share >= 0.85
    return (
        f"- {name}: F1@±30 s {f1:.3f} (engine before {before:.3f}, plain embedding tiler "
        f"{tiler:.3f}, even spacing {figures[EVEN][1]:.3f}), {share:.0%} of lessons 2-8 min: "
        + ("**target met**" if met else "**target not met**")
    )


def report(
    info: dict[str, str],
    tables: list[list[str]],
    figures: list[dict[str, tuple[float, float, float]]],
    mean_words: float,
) -> list[str]:
    _qmsum, timed, lessons, spoken = figures
    return [
        "## Segmentation",
        "",
        f"{info['date']} · {info['cpu']}, {info['nproc']} cores, {info['memory']} · "
        f"Python {info['python']}, nltk {metadata.version('nltk')}, model2vec "
        f"{metadata.version('model2vec')} · commit {info['commit']}",
        "",
        "`benchmarks/segmentation_bench.py`: ours = `bitewise.engines.segmentation` with default",
        "options (2-8 min). Every gap between units gets a probability that a topic starts there:",
        "a logistic regression (17 weights, `learned.py`, fitted by",
        "`benchmarks/segmentation_train.py` on the timed QMSum *train* meetings only) over the",
        "similarity dips at 30/60/120/240 s in standard deviations of the transcript's own dips,",
        "speaker turns and how the speakers share the talk before and after, transition phrases, a",
        'new speaker\'s question, opening words ("okay", "so"), the next turn\'s length; plus a',
        "hand-set bonus for pauses (QMSum's are synthetic) and for dips deeper than 2 sd. A gap's",
        "score is the summed probability within ±30 s over the transcript's average (the expected",
        "number of topic changes a cut there would catch, so the count does not depend on how",
        "finely the transcript is split into units); cuts go where it passes 1.5, only between",
        "sentences, within the bounds; a clear short topic at either end may stand alone down to",
        "1 min. Threshold chosen on QMSum train (timed and lesson-sized sets built from train);",
        "every figure below is on val+test or on sets not used for tuning. Rows: ours over the",
        "model2vec model in `search/model/` and over the model-free hashed TF-IDF; the engine",
        f"before this change (hand-set cue bonuses, threshold 1.25; source at {BEFORE_COMMIT});",
        "baselines: a plain embedding-similarity tiler",
        "(depth scores over the same embeddings, Hearst's cutoff, no bounds), NLTK TextTiling,",
        "evenly spaced cuts with ours' count and with the reference count (an oracle). Metrics by",
        "`/work/shared/data/segmentation/score.py` (F1@±30 s is micro, pooled over documents);",
        "on untimed QMSum the 2-8 min share uses 150 words/min. QMSum meetings average",
        f"{mean_words:.0f} words (about {mean_words / WPM:.0f} min).",
        "",
        *tables[0],
        "",
        *tables[1],
        "",
        *tables[2],
        "",
        *tables[3],
        "",
        "Timed QMSum sets (`benchmarks/data/segmentation/README.md`): synthetic timestamps",
        "(130-170 wpm per speaker, 0.1-0.7 s between turns, 1.5-3.5 s pauses at 5 % of gaps and",
        "40 % of topic changes); the lesson-sized set drops reference topics under 2 min and cuts",
        "the rest to 2.5-7.5 min. The spoken sessions (`benchmarks/data/spoken/README.md`) are",
        "passages written for this project, read by espeak-ng and transcribed by the product:",
        "four topics of a little over 2 minutes (with and without spoken transitions), six",
        "1-minute topics (shorter than the minimum: the lessons must be flagged), eight topics",
        "introduced by a host's question, and a mix of lengths. Even spacing is in time.",
        "Pk/WindowDiff favour few boundaries: no boundaries beats every method on them.",
        "",
        "The issue's held-out target (F1@±30 s >= 0.28 with >= 85 % of lessons 2-8 min), read",
        "on each timed dev set:",
        verdict("Timed QMSum val+test", timed),
        verdict("Lesson-sized timed QMSum", lessons),
        verdict("Scripted spoken sessions", spoken),
        "",
        "Tuning figures on QMSum *train* (ours, model2vec; the weights were fitted on it):",
        "timed F1@±30 s 0.179 before, 0.234 now; lesson-sized 0.430 before, 0.476 now",
        "(measured with the edge knob at 2.5, before it moved to 2.0). Pooling the evidence",
        "within ±30 s gave most of the gain: the logistic weights scored per gap reached 0.212",
        "(half/half cross-validation). No real long interview or screen-share transcripts with",
        "topic marks were found offline, so no such dev set is reported; the scripted spoken",
        "sessions are the only non-meeting set.",
    ]


if __name__ == "__main__":
    main()
