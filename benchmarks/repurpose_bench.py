"""Repurposing speed: a one-hour, ~9,000-word WebVTT transcript through the path
``bitewise repurpose`` takes (parse, embed, segment, draft), side by side with NLTK TextTiling on
the same text in the same run; wall time per stage and peak memory of each.

    .venv/bin/python benchmarks/repurpose_bench.py [--repeat 5] [--profile] [--no-write]

Warm figures: median of ``--repeat`` runs after one warm-up, in this process. Cold figures and
peak memory: fresh child processes (imports, model load, one run), peak RSS (ru_maxrss) set
against a child that only starts Python and reads the file.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "src"))

QMSUM = Path("/work/shared/data/segmentation/dev_qmsum.jsonl")
MODEL = ROOT / "src/bitewise/engines/embeddings/model"
SPLITS = ("val", "test")  # the meetings the segmentation figures are reported on
TARGET_WORDS = 9000
MIN_TURNS = 500  # caption-like granularity: a webinar's VTT has about 1,000 cues an hour
BAR_SECONDS = 3.0
MIN_MINUTES, MAX_MINUTES = 2.0, 8.0  # the CLI's defaults
SPEAKER = re.compile(r"^([^:]{1,40}):\s*(.*)$", re.DOTALL)
MARKUP = re.compile(r"\{(disfmarker|vocalsound|gap|pause|nonvocalsound|comment)\}")
STAGES = ("parse", "embed", "segment", "draft")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cold-runs", type=int, default=3, help="fresh processes per method")
    parser.add_argument("--profile", action="store_true", help="cProfile one warm run of ours")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--dev", type=Path, default=QMSUM, help="QMSum development set")
    parser.add_argument(
        "--child", choices=("baseline", "ours", "texttiling"), help=argparse.SUPPRESS
    )
    parser.add_argument("--vtt", type=Path, help=argparse.SUPPRESS)
    parser.add_argument(
        "--quality", action="store_true", help="drafting quality instead of speed (see quality())"
    )
    parser.add_argument(
        "--qmsum-source",
        type=Path,
        default=Path("/work/.mirror/Yale-LILY+QMSum/repo"),
        help="a git clone of Yale-LILY/QMSum, for its human topic names",
    )
    parser.add_argument(
        "--podcasts",
        type=Path,
        help="a checkout of bitcointranscripts/bitcointranscripts, for its podcasts' chapters",
    )
    return parser.parse_args(argv)


# --- the transcript -----------------------------------------------------------------------


def turns(doc: dict[str, Any]) -> list[tuple[str, str]]:
    """(speaker, text) per QMSum turn, speaker labels and markup such as {disfmarker} removed."""
    found = []
    for sentence in doc["sentences"]:
        match = SPEAKER.match(sentence["text"])
        speaker, text = (match.group(1), match.group(2)) if match else ("", sentence["text"])
        text = " ".join(MARKUP.sub("", text).replace("-->", "->").split())
        if text:
            found.append((speaker.strip(), text))
    return found


def pick_meeting(path: Path) -> tuple[str, list[tuple[str, str]]]:
    """The val+test meeting of at least MIN_TURNS turns with the word count nearest 9,000."""
    best: tuple[int, str, list[tuple[str, str]]] | None = None
    for line in path.read_text().splitlines():
        doc = json.loads(line)
        if doc["id"].split("/")[1] not in SPLITS or len(doc["sentences"]) < MIN_TURNS:
            continue
        found = turns(doc)
        distance = abs(sum(len(t.split()) for _, t in found) - TARGET_WORDS)
        if best is None or distance < best[0]:
            best = (distance, doc["id"], found)
    assert best is not None, f"no meeting in {path}"
    return best[1], best[2]


def write_vtt(meeting: str, found: list[tuple[str, str]], path: Path) -> float:
    """Timed as ``segmentation_bench.make_timed`` times turns (each speaker 130-170 words a
    minute, 0.1-0.7 s between turns, 5 % of gaps a 1.5-3.5 s pause), counting spoken words only;
    returns the duration in minutes."""
    rng = random.Random(meeting)
    rates: dict[str, float] = {}
    clock, lines = 0.0, ["WEBVTT", ""]
    for speaker, text in found:
        rate = rates.setdefault(speaker, rng.uniform(130, 170))
        clock += rng.uniform(1.5, 3.5) if rng.random() < 0.05 else rng.uniform(0.1, 0.7)
        end = clock + len(text.split()) * 60.0 / rate
        voice = f"<v {speaker}>" if speaker else ""
        lines += [f"{_stamp(clock)} --> {_stamp(end)}", f"{voice}{text}", ""]
        clock = end
    path.write_text("\n".join(lines))
    return clock / 60.0


def _stamp(seconds: float) -> str:
    millis = round(seconds * 1000)
    return f"{millis // 3_600_000:02d}:{millis // 60_000 % 60:02d}:{millis // 1000 % 60:02d}." + (
        f"{millis % 1000:03d}"
    )


# --- the two methods ----------------------------------------------------------------------


def setup_django() -> None:
    # the pipeline reads the project's settings (the embedding model, the transcript limits),
    # not the apps: as `bitewise repurpose` does, settings without django.setup(); empty
    # settings would miss the limits, or time the lexical fallback without a word
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bitewise.settings.base")


def run_ours(vtt: Path) -> tuple[dict[str, float], Any]:
    """What ``repurposing.pipeline.lessons_from`` does (after ``read_transcript``), stage by
    stage; :func:`check_same_as_pipeline` proves the stages add up to it."""
    from bitewise.engines import drafting, segmentation
    from bitewise.repurposing.pipeline import lessons as pipeline

    times: dict[str, float] = {}
    began = time.perf_counter()
    transcript = pipeline.read_transcript(vtt)
    units = [
        segmentation.Unit(cue.text, cue.start, cue.end, cue.speaker) for cue in transcript.cues
    ]
    times["parse"] = _lap(began)
    began = time.perf_counter()
    vectors = pipeline._embeddings(units)
    times["embed"] = _lap(began)
    assert vectors is not None, "the embedding model did not load: this would time the fallback"
    began = time.perf_counter()
    options = segmentation.Options(min_minutes=MIN_MINUTES, max_minutes=MAX_MINUTES)
    result = segmentation.segment_units(units, vectors=vectors, options=options)
    times["segment"] = _lap(began)
    began = time.perf_counter()
    texts = [" ".join(u.text for u in units[s.first : s.stop]) for s in result.segments]
    unsure = [  # as lessons_from: the words the speech model was unsure of (none in a VTT)
        [w for cue in transcript.cues[s.first : s.stop] for w in getattr(cue, "unsure", ())]
        for s in result.segments
    ]
    drafts = drafting.draft_segments(texts, unsure=unsure, related=pipeline.related_words())
    times["draft"] = _lap(began)
    times["total"] = sum(times[s] for s in STAGES)
    return times, (result.segments, drafts)


def check_same_as_pipeline(vtt: Path, staged: Any) -> None:
    from bitewise.repurposing.pipeline import lessons as pipeline

    lessons = pipeline.lessons_from(
        pipeline.read_transcript(vtt), min_minutes=MIN_MINUTES, max_minutes=MAX_MINUTES
    )
    segments, drafts = staged
    assert [(x.start, x.end, x.draft) for x in lessons] == [
        (s.start, s.end, d) for s, d in zip(segments, drafts, strict=True)
    ], "the staged path no longer matches lessons_from: update run_ours"


def run_texttiling(vtt: Path) -> tuple[dict[str, float], int]:
    """NLTK defaults, one paragraph per cue, NLTK's stopword list given explicitly (as in
    segmentation_bench.py, so no corpus download)."""
    from nltk.tokenize.texttiling import TextTilingTokenizer
    from segmentation_bench import NLTK_STOPWORDS

    from bitewise.repurposing.pipeline import lessons as pipeline

    began = time.perf_counter()
    text = "\n\n".join(cue.text for cue in pipeline.read_transcript(vtt).cues)
    parse = _lap(began)
    began = time.perf_counter()
    tiles = TextTilingTokenizer(stopwords=NLTK_STOPWORDS).tokenize(text)
    segment = _lap(began)
    return {"parse": parse, "segment": segment, "total": parse + segment}, len(tiles)


def _lap(began: float) -> float:
    return time.perf_counter() - began


def warm(run: Callable[[], dict[str, float]], repeat: int) -> dict[str, float]:
    run()  # warm-up: the model loaded, caches filled
    runs = [run() for _ in range(repeat)]
    return {key: statistics.median(r[key] for r in runs) for key in runs[0]}


# --- fresh processes ----------------------------------------------------------------------


def child(mode: str, vtt: Path) -> dict[str, Any]:
    """Runs inside a fresh interpreter; prints one JSON line."""
    began = time.perf_counter()
    report: dict[str, Any] = {}
    if mode == "baseline":
        report["bytes"] = len(vtt.read_bytes())
    elif mode == "ours":
        setup_django()
        import numpy  # noqa: F401  (what the pipeline imports first)

        from bitewise.engines import drafting, segmentation  # noqa: F401
        from bitewise.repurposing.pipeline import lessons as pipeline
        from bitewise.search import embeddings

        report["imports"] = _lap(began)
        loaded = time.perf_counter()
        embeddings.dimensions()  # loads the model, as the first embed() call would
        report["model"] = _lap(loaded)
        times, (segments, _) = run_ours(vtt)
        report |= times | {"segments": len(segments)}
    else:
        setup_django()  # the same transcript reader, with its limits
        from nltk.tokenize.texttiling import TextTilingTokenizer  # noqa: F401
        from segmentation_bench import NLTK_STOPWORDS  # noqa: F401

        from bitewise.repurposing.pipeline import lessons as pipeline  # noqa: F401

        report["imports"] = _lap(began)
        times, tiles = run_texttiling(vtt)
        report |= times | {"segments": tiles}
    report["wall"] = _lap(began)
    report["peak_kb"] = peak_rss_kb()
    return report


def peak_rss_kb() -> int:
    """This process's own peak resident set (VmHWM). Not ru_maxrss: Linux keeps the larger of
    it and the parent's peak across fork and exec, so every child would report the parent's."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def in_child(mode: str, vtt: Path) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", mode, "--vtt", str(vtt)]
    began = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    report["process"] = _lap(began)  # interpreter start-up included
    return report


def cold(mode: str, vtt: Path, runs: int) -> dict[str, Any]:
    reports = [in_child(mode, vtt) for _ in range(runs)]
    numbers = [k for k, v in reports[0].items() if isinstance(v, float)]
    median = {k: statistics.median(r[k] for r in reports) for k in numbers}
    return reports[0] | median | {"peak_kb": max(r["peak_kb"] for r in reports)}


# --- report -------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.vtt)))
        return
    if args.quality:
        quality(args)
        return
    from credentials_bench import machine_info

    info = machine_info()
    meeting, found = pick_meeting(args.dev)
    words = sum(len(text.split()) for _, text in found)
    with tempfile.TemporaryDirectory() as folder:
        vtt = Path(folder) / "one-hour.vtt"
        minutes = write_vtt(meeting, found, vtt)
        print(f"{meeting}: {len(found)} cues, {words} words, {minutes:.1f} min", flush=True)
        baseline = cold("baseline", vtt, args.cold_runs)
        ours_cold = cold("ours", vtt, args.cold_runs)
        tiling_cold = cold("texttiling", vtt, args.cold_runs)
        print("cold runs done", flush=True)
        setup_django()
        ours_warm = warm(lambda: run_ours(vtt)[0], args.repeat)
        check_same_as_pipeline(vtt, run_ours(vtt)[1])
        tiling_warm = warm(lambda: run_texttiling(vtt)[0], args.repeat)
        if args.profile:
            profile(vtt)
    transcript = (meeting, len(found), words, minutes)
    lines = report(
        info, transcript, args, baseline, (ours_warm, ours_cold), (tiling_warm, tiling_cold)
    )
    print("\n".join(lines))
    if not args.no_write:
        from results import write_section

        write_section("repurposing-speed", lines)


# --- drafting quality ----------------------------------------------------------------------

SPOKEN_TOPICS = Path(__file__).resolve().parent / "data/spoken/topics.json"
SPOKEN_SESSIONS = Path(__file__).resolve().parent / "data/spoken/sessions.jsonl"
BEFORE_COMMIT = "75d7418"  # the drafting engine before this change
_TITLE_WORD = re.compile(r"[a-z]+")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
FILLER = re.compile(
    r"\b(?:um+|uh+|you know|i mean|kind of|sort of|basically|actually|literally|like i said"
    r"|i guess)\b|(?:^|[.,:] )like,",
    flags=re.IGNORECASE,
)
PERSONAL = re.compile(r"\b(?:i|i'm|i've|i'd|i'll|me|my|mine|myself)\b", flags=re.IGNORECASE)
# a sentence about the talk itself: "we're going to discuss ...", "welcome to the show"
ABOUT_THE_TALK = re.compile(
    r"\b(?:going to|gonna|let's|let us|want to) (?:talk|discuss|cover|chat)\b"
    r"|\bwelcome (?:to|back)\b|\bthanks? (?:you )?for having\b|\b(?:this|today's) episode\b",
    flags=re.IGNORECASE,
)


def qmsum_topics(source: Path, splits: Sequence[str]) -> list[tuple[str, list[str], list[str]]]:
    """(meeting, human topic names, the text of each topic's first span) for QMSum val+test,
    read from a git clone of Yale-LILY/QMSum (MIT)."""
    listing = subprocess.run(
        ["git", "-C", str(source), "ls-tree", "-r", "--name-only", "HEAD", "data/ALL"],
        check=True, capture_output=True, text=True, timeout=120,
    ).stdout.split()  # fmt: skip
    found = []
    for path in sorted(listing):
        if not any(f"/ALL/{split}/" in path for split in splits):
            continue
        raw = subprocess.run(
            ["git", "-C", str(source), "show", f"HEAD:{path}"],
            check=True, capture_output=True, text=True, timeout=120,
        ).stdout  # fmt: skip
        meeting = json.loads(raw)
        said = [
            MARKUP.sub("", t["content"]).replace(" ,", ",").replace(" .", ".").replace(" ?", "?")
            for t in meeting["meeting_transcripts"]
        ]
        names, texts = [], []
        for topic in meeting["topic_list"]:
            first, last = (int(x) for x in topic["relevant_text_span"][0])
            text = " ".join(" ".join(said[first : last + 1]).split())
            if text:
                names.append(topic["topic"])
                texts.append(text)
        if len(texts) >= 2:
            found.append((Path(path).stem, names, texts))
    return found


def spoken_topics() -> tuple[list[tuple[str, list[str], list[str]]], list[list[list[str]]]]:
    """The recognized spoken sessions cut at their reference topic changes, with the titles
    written for each passage and each topic's words the speech model was unsure of."""
    found, doubts = [], []
    for line in SPOKEN_SESSIONS.read_text().splitlines():
        row = json.loads(line)
        edges = list(itertools.pairwise([0, *row["boundaries"], len(row["sentences"])]))
        texts = [" ".join(s["text"] for s in row["sentences"][a:b]) for a, b in edges]
        unsure = [[w.lower() for u in row["unsure"][a:b] for w in u] for a, b in edges]
        found.append((row["id"], [t["title"] for t in row["topics"]], texts))
        doubts.append(unsure)
    return found, doubts


def podcast_chapters(root: Path, part: str) -> list[tuple[str, list[str | None], list[str]]]:
    """(document, chapter headings, the text of each chapter's turns, speaker names dropped)
    for the ``part`` ("tune" or "report") of the podcast dev set (segmentation_podcasts.py);
    a chapter before the first heading has no heading (None) and is drafted, not scored."""
    from segmentation_podcasts import podcasts

    found: list[tuple[str, list[str | None], list[str]]] = []
    for doc in podcasts(root, part):
        said = [s["text"].partition(": ")[2] for s in doc["sentences"]]
        edges = itertools.pairwise([0, *doc["boundaries"], len(said)])
        texts = [" ".join(said[a:b]) for a, b in edges]
        found.append((doc["id"].removeprefix("podcasts/"), doc["titles"], texts))
    return found


def title_words(title: str) -> set[str]:
    from bitewise.engines.drafting.phrases import fold, is_content

    return {fold(w) for w in _TITLE_WORD.findall(title.lower()) if is_content(w)}


def title_scores(title: str, human: str) -> tuple[float, bool]:
    """Content-word F1 (singular and plural alike) and whether any content word is shared."""
    ours, theirs = title_words(title), title_words(human)
    shared = len(ours & theirs)
    if not ours or not theirs or not shared:
        return 0.0, False
    precision, recall = shared / len(ours), shared / len(theirs)
    return 2 * precision * recall / (precision + recall), True


def question_checks(
    drafts: Sequence[Any], texts: Sequence[str], doubts: Sequence[Sequence[str]]
) -> dict[str, int]:
    """Automated checks per question: the answer is made of content words and found in its
    segment, no answer word was heard unsure at least half of the times the segment says it,
    wrong choices are of the answer's kind (plural or not), absent from the segment and not
    another segment's key term; no duplicates."""
    from bitewise.engines.drafting.phrases import find, fold, is_content

    counts = dict.fromkeys(
        ("questions", "content", "sure", "choice", "same_kind", "absent", "own_topic", "unique"),
        0,
    )
    for index, (draft, text) in enumerate(zip(drafts, texts, strict=True)):
        others = {fold(t) for i, d in enumerate(drafts) if i != index for t in d.key_terms}
        answers = [fold(q.answer) for q in draft.questions]
        for question in draft.questions:
            counts["questions"] += 1
            words = question.answer.lower().split()
            counts["content"] += all(is_content(w) for w in words) and bool(
                find(question.answer, text)
            )
            said = Counter(re.findall(r"[a-z']+", text.lower()))
            counts["sure"] += all(
                doubts[index].count(w) == 0 or doubts[index].count(w) * 2 < said[w] for w in words
            )
            counts["unique"] += answers.count(fold(question.answer)) == 1
            wrong = [c for c in question.choices if c != question.answer]
            if not wrong:
                continue
            counts["choice"] += 1
            counts["same_kind"] += all(same_kind_check(c, question.answer) for c in wrong)
            counts["absent"] += all(find(c, text) is None for c in wrong)
            counts["own_topic"] += all(fold(c) not in others for c in wrong)
    return counts


def quoted_checks(drafts: Sequence[Any]) -> dict[str, int]:
    """The sentences a draft quotes (each summary sentence, each question's prompt): how many,
    how many hold a filler of conversation, how many are in the first person singular, how
    many are about the talk itself."""
    counts = dict.fromkeys(("quoted", "filler", "personal", "about"), 0)
    for draft in drafts:
        for quoted in [*SENTENCE_END.split(draft.summary), *(q.prompt for q in draft.questions)]:
            counts["quoted"] += 1
            counts["filler"] += FILLER.search(quoted) is not None
            counts["personal"] += PERSONAL.search(quoted) is not None
            counts["about"] += ABOUT_THE_TALK.search(quoted) is not None
    return counts


def unpunctuated(text: str) -> str:
    """``text`` as automatic captions write it: lower case, no punctuation but apostrophes."""
    return re.sub(r"[^\w\s']", "", text).lower()


def same_kind_check(choice: str, answer: str) -> bool:
    """A wrong choice is of the answer's kind: for single words the lexicon knows, the same part
    of speech (noun or adjective) in the same form; else (names, phrases) both plural or not."""
    from bitewise.engines.drafting.lexicon import can_replace
    from bitewise.engines.drafting.phrases import fold

    if " " not in choice.strip() and " " not in answer.strip():
        verdict = can_replace(choice, answer)
        if verdict is not None:
            return verdict
    last, other = answer.lower().split()[-1], choice.lower().split()[-1]
    return (fold(last) != last) == (fold(other) != other)


def drafts_before(
    sets: list[list[str]], doubts: list[list[list[str]]]
) -> list[list[dict[str, Any]]]:
    """The drafting engine before this change, on its own source exported from git, in a child
    process, given what the engine now is given (the unsure words and the shipped model for
    wrong choices): each draft's title, key terms and questions (answer, choices)."""
    with tempfile.TemporaryDirectory() as folder:
        paths = ["src/bitewise/__init__.py", "src/bitewise/engines/__init__.py",
                 "src/bitewise/engines/segmentation", "src/bitewise/engines/drafting"]  # fmt: skip
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", BEFORE_COMMIT, *paths],
            check=True, capture_output=True, timeout=120,
        ).stdout  # fmt: skip
        subprocess.run(["tar", "-x", "-C", folder], input=archive, check=True, timeout=120)
        docs = Path(folder) / "sets.json"
        docs.write_text(json.dumps([sets, doubts]))
        code = (
            "import json, sys; from model2vec import StaticModel; "
            "from bitewise.engines.drafting import draft_segments; "
            "from bitewise.engines.drafting.related import Related; "
            "sets, doubts = json.load(open(sys.argv[1])); "
            "related = Related.from_static_model(StaticModel.from_pretrained(sys.argv[2])); "
            "print(json.dumps([[{'title': d.title, 'key_terms': list(d.key_terms), "
            "'summary': d.summary, "
            "'questions': [[q.answer, list(q.choices), q.prompt] for q in d.questions]} "
            "for d in draft_segments(texts, unsure=doubt, related=related)] "
            "for texts, doubt in zip(sets, doubts)]))"
        )
        env = {**os.environ, "PYTHONPATH": str(Path(folder) / "src")}
        out = subprocess.run(
            [sys.executable, "-c", code, str(docs), str(MODEL)],
            check=True, capture_output=True, text=True, env=env, timeout=3600,
        ).stdout  # fmt: skip
    found: list[list[dict[str, Any]]] = json.loads(out)
    return found


def quality_row(
    name: str,
    label: str,
    docs: Sequence[tuple[str, Sequence[str | None], list[str]]],
    drafted: Sequence[Sequence[Any]],
    doubts: Sequence[Sequence[Sequence[str]]],
) -> str:
    f1s, shares = [], []
    counts: dict[str, int] = {}
    for (_, names, texts), drafts, doubt in zip(docs, drafted, doubts, strict=True):
        for draft, human in zip(drafts, names, strict=True):
            if human is None:
                continue
            f1, shared = title_scores(draft.title, human)
            f1s.append(f1)
            shares.append(shared)
        for key, value in question_checks(drafts, texts, doubt).items():
            counts[key] = counts.get(key, 0) + value
        for key, value in quoted_checks(drafts).items():
            counts[key] = counts.get(key, 0) + value
    segments = sum(len(texts) for _, _, texts in docs)
    titled = sum(name is not None for _, names, _ in docs for name in names)
    scored = f"{segments}" if titled == segments else f"{segments} ({titled} titled)"
    total, choice = max(1, counts["questions"]), max(1, counts["choice"])
    rates = [counts[k] / total for k in ("content", "sure", "unique", "choice")]
    rates += [counts[k] / choice for k in ("same_kind", "absent", "own_topic")]
    rates += [counts[k] / max(1, counts["quoted"]) for k in ("filler", "personal", "about")]
    return (
        f"| {name} | {label} | {scored} | {statistics.mean(f1s):.3f} | "
        f"{statistics.mean(shares):.0%} | {counts['questions'] / segments:.1f} | "
        + " | ".join(f"{r:.0%}" for r in rates)
        + " |"
    )


class _Q:
    def __init__(self, answer: str, choices: Sequence[str], prompt: str) -> None:
        self.answer, self.choices, self.prompt = answer, tuple(choices), prompt


class _D:
    def __init__(self, row: dict[str, Any]) -> None:
        self.title, self.key_terms = row["title"], tuple(row["key_terms"])
        self.summary = row["summary"]
        self.questions = tuple(_Q(a, c, p) for a, c, p in row["questions"])


def quality(args: argparse.Namespace) -> None:
    """Titles against human topic names, and the automated question checks, for the drafting
    engine before this change and now, on QMSum val+test topics and on the spoken sessions."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from credentials_bench import machine_info
    from model2vec import StaticModel

    from bitewise.engines.drafting import draft_segments
    from bitewise.engines.drafting.related import Related

    info = machine_info()
    related = Related.from_static_model(StaticModel.from_pretrained(str(MODEL)))
    qmsum = qmsum_topics(args.qmsum_source, SPLITS)
    spoken, spoken_doubts = spoken_topics()
    sets: dict[str, tuple[Any, Any]] = {
        "QMSum val+test topics": (qmsum, [[[] for _ in texts] for _, _, texts in qmsum]),
        "Spoken sessions, per topic": (spoken, spoken_doubts),
        # automatic captions (YouTube's): no punctuation, no capitals
        "Spoken sessions, no punctuation": (
            [(doc, names, [unpunctuated(t) for t in texts]) for doc, names, texts in spoken],
            spoken_doubts,
        ),
    }
    for part in ("tune", "report") if args.podcasts else ():
        chapters = podcast_chapters(args.podcasts, part)
        sets[f"Podcast chapters, {part} half"] = (
            chapters,
            [[[] for _ in texts] for _, _, texts in chapters],
        )
    lines = [
        "## Drafting quality: titles against human topic names, automated question checks",
        "",
        f"{info['date']} · commit {info['commit']} · `benchmarks/repurpose_bench.py --quality`",
        "",
        "Each meeting's (or session's) reference topics are drafted together as its segments, by",
        f"the drafting engine before this change (source at {BEFORE_COMMIT}) and now (with the",
        "shipped model2vec vocabulary for wrong choices and, on the spoken sessions, the words the",
        "speech model was unsure of). QMSum topic names come from Yale-LILY/QMSum (MIT, its first",
        "span per topic); the spoken passages' titles were written by hand with the passages.",
        "Podcast chapters (with `--podcasts`): the interviews and recorded sessions of",
        "bitcointranscripts/bitcointranscripts (MIT) with chapter headings, as",
        "`segmentation_podcasts.py` reads them; each chapter's turns (speaker names dropped) are",
        "a segment, titles scored against the heading (a chapter before the first heading is",
        "drafted, not scored); the tune half is the one looked at while changing the engine, the",
        "report half is held out.",
        "Title F1 = F1 of content words (function words dropped, plural = singular) against the",
        "human name; 'shares a word' = at least one content word in common. Question checks:",
        "answer made of content words and found in its segment; no answer word heard unsure at",
        "least half of the times it is said (the engine's rule);",
        "answers unique within a lesson; for questions with wrong choices: same kind (for single",
        "words lemminflect's lexicon knows, the same part of speech, noun or adjective, in the",
        "same form; else plural or not), absent from the segment, not a key term of another",
        "segment (another lesson's topic). Quoted: of the sentences a draft quotes (summary",
        "sentences, question prompts), the share holding a filler of conversation ('basically',",
        "'actually', 'I guess', 'you know' ...), the share in the first person singular and the",
        "share about the talk itself ('we're going to discuss', 'welcome to').",
        "",
        "| set | engine | segments | title F1 | shares a word | questions / segment "
        "| content answer | sure answer | unique | with choices | choices same kind "
        "| choices absent | choices own topic | quoted with filler | quoted in first person "
        "| quoted about the talk |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    examples = []
    for name, (docs, doubts) in sets.items():
        texts_by_doc = [texts for _, _, texts in docs]
        plain = [[list(d) for d in doubt] for doubt in doubts]
        before = [[_D(row) for row in rows] for rows in drafts_before(texts_by_doc, plain)]
        now = [
            list(draft_segments(texts, unsure=doubt, related=related))
            for texts, doubt in zip(texts_by_doc, doubts, strict=True)
        ]
        for label, drafted in (("before", before), ("now", now)):
            lines.append(quality_row(name, label, docs, drafted, doubts))
        if name.endswith("report half"):
            continue  # held out: its figures only
        for (doc, names, _), old, new in list(zip(docs, before, now, strict=True))[:2]:
            for human, o, n in list(zip(names, old, new, strict=True))[:4]:
                if human is not None:
                    examples.append(f"| {doc} | {human} | {o.title} | {n.title} |")
    lines += [
        "",
        "Examples (the first topics of the first two documents of each set but the held-out",
        "half of the podcasts):",
        "",
        "| document | human title | before | now |",
        "|---|---|---|---|",
        *examples,
    ]
    print("\n".join(lines))
    if not args.no_write:
        from results import write_section

        write_section("drafting-quality", lines)


def profile(vtt: Path) -> None:
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.runcall(run_ours, vtt)
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def _mb(kb: float) -> str:
    return f"{kb / 1024:.0f} MB"


def report(
    info: dict[str, str],
    transcript: tuple[str, int, int, float],
    args: argparse.Namespace,
    baseline: dict[str, Any],
    ours: tuple[dict[str, float], dict[str, Any]],
    tiling: tuple[dict[str, float], dict[str, Any]],
) -> list[str]:
    meeting, cues, words, minutes = transcript
    (ours_warm, ours_cold), (tiling_warm, tiling_cold) = ours, tiling
    base = baseline["peak_kb"]

    def rows(name: str, warm_: dict[str, float], cold_: dict[str, Any]) -> list[str]:
        def stages(times: dict[str, Any]) -> str:
            return " | ".join(f"{times[s]:.3f}" if s in times else "-" for s in STAGES)

        setup = cold_["imports"] + cold_.get("model", 0.0)
        peak = f"{_mb(cold_['peak_kb'])} (+{_mb(cold_['peak_kb'] - base)})"
        return [
            f"| {name} | warm | {stages(warm_)} | **{warm_['total']:.2f}** | - | - | - |",
            f"| {name} | cold | {stages(cold_)} | {cold_['total']:.2f} | {setup:.2f} | "
            f"{cold_['process']:.2f} | {peak} |",
        ]

    cold_run = ours_cold["total"] + ours_cold["imports"] + ours_cold["model"]
    verdict = "**met**" if ours_warm["total"] < BAR_SECONDS else "**not met**"
    return [
        "## Repurposing speed: a one-hour transcript",
        "",
        f"{info['date']} · {info['cpu']}, {info['nproc']} cores, {info['memory']} · "
        f"Python {info['python']}, model2vec {metadata.version('model2vec')}, nltk "
        f"{metadata.version('nltk')} · commit {info['commit']} · load average "
        f"{os.getloadavg()[0]:.1f} at the end",
        "",
        f"`benchmarks/repurpose_bench.py`. Transcript: QMSum meeting `{meeting}`, the val+test",
        f"meeting of at least {MIN_TURNS} turns whose spoken words (speaker labels and markup",
        f"removed) come nearest {TARGET_WORDS:,}; written as WebVTT, {cues} cues with",
        f"`<v Speaker>`, {words:,} words, {minutes:.0f} min (each speaker at 130-170 words a",
        "minute, as in the timed segmentation set).",
        "",
        "Ours: the steps of `repurposing.pipeline.lessons_from`, timed one by one and checked to",
        "give the same lessons: parse = `read_transcript` (read and parse the VTT); embed = the",
        "shipped model2vec model (`engines/embeddings/model/`); segment = `segment_units`, "
        f"{MIN_MINUTES:g}-{MAX_MINUTES:g} min;",
        "draft = `draft_segments`. TextTiling: NLTK defaults with NLTK's stopword list given",
        "explicitly, one paragraph per cue, on the same parsed text (its time under segment).",
        f"Warm: median of {args.repeat} runs after a warm-up, in one process. Cold: the first run",
        f"in a fresh process (median of {args.cold_runs} processes); setup = imports, and for ours",
        "the model load, before it; process = the whole child, interpreter start-up included.",
        "Peak RSS: the largest VmHWM of those processes; in brackets, over a process that starts",
        f"Python and reads the file ({_mb(base)}). (Not ru_maxrss: Linux carries the parent's",
        "peak into a child across exec.) Seconds throughout.",
        "",
        "| method | run | parse | embed | segment | draft | total | setup | process | peak RSS |",
        "|---|---|---|---|---|---|---|---|---|---|",
        *rows(f"ours ({ours_cold['segments']} segments)", ours_warm, ours_cold),
        *rows(f"TextTiling ({tiling_cold['segments']} tiles)", tiling_warm, tiling_cold),
        "",
        f"Bar: segmentation and drafting of a one-hour transcript in under {BAR_SECONDS:g} s on "
        f"this {info['nproc']}-core CPU: {verdict}",
        f"warm ({ours_warm['total']:.2f} s, TextTiling {tiling_warm['total']:.1f} s); a cold "
        f"first run with imports and model load takes {cold_run:.2f} s.",
    ]


if __name__ == "__main__":
    main()
