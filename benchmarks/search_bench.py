"""Search benchmark: latency over 50,000 lessons and 200,000 transcript passages on SQLite and
PostgreSQL, and relevance (nDCG@10, recall@10) on labelled demo queries, full-text vs hybrid.

    .venv/bin/python benchmarks/search_bench.py [--lessons 50000] [--passages 200000]
        [--queries 200] [--no-write]

Each database runs in its own process (PostgreSQL: `bitewise_searchbench`, created and dropped
here; SQLite: a temporary file). The synthetic catalog is generated deterministically from the
demo content's sentences and vocabulary (seeded), indexed with `search_index_refresh()`, then
searched with a fixed query mix: a third labelled demo queries, a third two vocabulary words,
a third "word prefix" as a learner types. Relevance: src/bitewise/search/bench/demo_queries.json.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from credentials_bench import background_load, machine_info  # noqa: E402
from databases import child_env  # noqa: E402
from results import write_section  # noqa: E402

PG_DB = "bitewise_searchbench"
ADMIN_CONNINFO = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"
QUERIES = ROOT / "src" / "bitewise" / "search" / "bench" / "demo_queries.json"
PASSAGES_PER_TRANSCRIPT = 100
SEED = 20261128


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--lessons", type=int, default=50_000)
    parser.add_argument("--passages", type=int, default=200_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--child", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def load_demo_catalog() -> dict[int, str]:
    """The demo lessons, questions and micro-credentials through the catalog services, all
    published; returns lesson id -> slug."""
    from bitewise.catalog import services
    from bitewise.catalog.models import Lesson, MicroCredential, Question, Skill
    from bitewise.demo import content

    skills = {}
    for spec in content.SKILLS:
        skills[spec.slug] = Skill.objects.create(
            slug=spec.slug, name=spec.name, description=spec.description
        )
    lessons = {}
    for spec in content.LESSONS:
        lesson = Lesson(
            slug=spec.slug,
            title=spec.title,
            kind=spec.kind,
            minutes=spec.minutes,
            summary=spec.summary,
            body_markdown=spec.body,
        )
        if spec.kind == "media":
            lesson.media_kind, lesson.media_url = "audio", "https://media.example.org/demo.mp3"
        lessons[spec.slug] = services.lesson_save(
            lesson=lesson, skill_ids=[skills[s].pk for s in spec.skills]
        )
        for position, q in enumerate(spec.questions):
            services.question_save(
                question=Question(
                    lesson=lessons[spec.slug], kind=q.kind, prompt=q.prompt, position=position
                ),
                choices=[
                    {"text": c.text, "is_correct": c.correct, "explanation": c.explanation}
                    for c in q.choices
                ],
            )
    for mc_spec in content.MICRO_CREDENTIALS:
        mc = services.micro_credential_save(
            micro_credential=MicroCredential(slug=mc_spec.slug, title=mc_spec.title)
        )
        services.micro_credential_set_lessons(
            micro_credential=mc, lesson_ids=[lessons[s].pk for s in mc_spec.lessons]
        )
        services.micro_credential_publish(micro_credential=mc, by=None)
    return {lesson.pk: slug for slug, lesson in lessons.items()}


def relevance(slugs: dict[int, str]) -> dict[str, dict[str, float]]:
    from bitewise.engines.search.metrics import ndcg_at_k, recall_at_k
    from bitewise.search.models import Document
    from bitewise.search.selectors import fulltext_ids, search, semantic_ids

    labelled = json.loads(QUERIES.read_text())["queries"]
    lesson_of = dict(Document.objects.values_list("id", "lesson_id"))

    def lessons(ids: list[int]) -> list[str]:
        ranked = [slugs.get(lesson_of.get(pk) or 0, "") for pk in ids]
        return [s for s in dict.fromkeys(ranked) if s]

    runs = {
        "full-text": lambda q: fulltext_ids(query=q, public_only=True),
        "semantic": lambda q: semantic_ids(query=q, public_only=True),
        "hybrid": lambda q: [h.document_id for h in search(query=q, user=None, limit=50)],
    }
    scores: dict[str, dict[str, float]] = {}
    for name, run in runs.items():
        ndcg, recall = [], []
        for item in labelled:
            ranked = lessons(run(item["q"]))
            ndcg.append(ndcg_at_k(ranked, item["relevant"], 10))
            recall.append(recall_at_k(ranked, item["relevant"], 10))
        scores[name] = {
            "ndcg10": statistics.mean(ndcg),
            "recall10": statistics.mean(recall),
            "zero": sum(1 for r in recall if r == 0),
        }
    scores["_queries"] = {"count": len(labelled)}
    return scores


class Corpus:
    """Deterministic text that reads like the demo: its sentences, with a third of the words
    swapped for others from its vocabulary, so documents differ but stay on topic."""

    def __init__(self) -> None:
        from bitewise.demo import content
        from bitewise.search.services.documents import plain

        text = " ".join(plain(s.body) for s in content.LESSONS)
        self.sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 5]
        self.vocabulary = sorted({w.lower() for w in re.findall(r"[A-Za-z]{4,}", text)})
        self.random = random.Random(SEED)

    def sentence(self) -> str:
        words = self.random.choice(self.sentences).split()
        return " ".join(
            self.random.choice(self.vocabulary) if self.random.random() < 0.3 else w for w in words
        )

    def title(self) -> str:
        words = self.random.sample(self.vocabulary, self.random.randint(3, 6))
        return " ".join(words).capitalize()

    def body(self, sentences: int) -> str:
        return " ".join(self.sentence() for _ in range(sentences))


def build_scale(lessons: int, passages: int) -> dict[str, float]:
    from bitewise.catalog.models import Lesson, MicroCredential, MicroCredentialLesson
    from bitewise.search.models import Transcript, TranscriptPassage
    from bitewise.search.services.indexing import search_index_refresh

    corpus = Corpus()
    transcripts = max(1, passages // PASSAGES_PER_TRANSCRIPT)
    begin = time.perf_counter()
    rows = []
    for i in range(lessons):
        is_media = i < transcripts
        rows.append(
            Lesson(
                slug=f"bench-{i}",
                title=corpus.title(),
                kind="media" if is_media else "text",
                summary=corpus.sentence()[:300],
                body_markdown=corpus.body(corpus.random.randint(8, 14)),
                media_kind="video" if is_media else "",
                media_url=f"https://media.example.org/{i}.mp4" if is_media else "",
            )
        )
    Lesson.objects.bulk_create(rows, batch_size=2000)
    ids = list(
        Lesson.objects.filter(slug__startswith="bench-").order_by("id").values_list("id", flat=True)
    )
    mcs = MicroCredential.objects.bulk_create(
        MicroCredential(slug=f"bench-mc-{n}", title=f"Bench {n}", status="published")
        for n in range(len(ids) // 100 + 1)
    )
    MicroCredentialLesson.objects.bulk_create(
        (
            MicroCredentialLesson(micro_credential=mcs[i // 100], lesson_id=pk, position=i % 100)
            for i, pk in enumerate(ids)
        ),
        batch_size=5000,
    )
    for n in range(transcripts):
        transcript = Transcript.objects.create(
            lesson_id=ids[n],
            recording_url=f"https://media.example.org/{n}.mp4",  # the lesson's media
            title=rows[n].title,
            filename=f"{n}.vtt",
            format="vtt",
            cue_count=PASSAGES_PER_TRANSCRIPT,
        )
        TranscriptPassage.objects.bulk_create(
            TranscriptPassage(
                transcript=transcript,
                position=p,
                start_seconds=p * 45.0,
                end_seconds=p * 45.0 + 44,
                text=corpus.body(corpus.random.randint(3, 6)),
            )
            for p in range(PASSAGES_PER_TRANSCRIPT)
        )
    generated = time.perf_counter() - begin
    begin = time.perf_counter()
    written = search_index_refresh()
    indexed = time.perf_counter() - begin
    begin = time.perf_counter()
    again = search_index_refresh()
    idle = time.perf_counter() - begin
    # One lesson edited through the catalog: the refresh places every passage again (their
    # lesson may have moved) and writes only what changed.
    from bitewise.catalog.services import lesson_save

    lesson_save(lesson=Lesson.objects.get(pk=ids[0]))
    begin = time.perf_counter()
    replaced = search_index_refresh()
    catalog_refresh = time.perf_counter() - begin
    return {
        "generate_s": generated,
        "index_s": indexed,
        "documents": written,
        "idle_refresh_s": idle,
        "idle_written": again,
        "catalog_refresh_s": catalog_refresh,
        "catalog_written": replaced,
    }


def query_mix(count: int) -> list[str]:
    corpus = Corpus()
    labelled = [item["q"] for item in json.loads(QUERIES.read_text())["queries"]]
    queries = []
    for i in range(count):
        if i % 3 == 0:
            queries.append(labelled[(i // 3) % len(labelled)])
        elif i % 3 == 1:
            queries.append(" ".join(corpus.random.sample(corpus.vocabulary, 2)))
        else:
            first, second = corpus.random.sample(corpus.vocabulary, 2)
            queries.append(f"{first} {second[: max(3, len(second) // 2)]}")
    return queries


def latency(count: int) -> dict[str, Any]:
    from bitewise.search.selectors import fulltext_ids, search, semantic_ids

    queries = query_mix(count)
    begin = time.perf_counter()
    search(query="warm up", user=None)  # loads the embedding matrix once per process
    warm = time.perf_counter() - begin
    timings: dict[str, list[float]] = {"full-text": [], "semantic": [], "hybrid": []}
    for query in queries:
        for name, run in (
            ("full-text", lambda q: fulltext_ids(query=q, public_only=True)),
            ("semantic", lambda q: semantic_ids(query=q, public_only=True)),
            ("hybrid", lambda q: search(query=q, user=None, limit=10)),
        ):
            begin = time.perf_counter()
            run(query)
            timings[name].append((time.perf_counter() - begin) * 1000)
    return {
        "warm_s": warm,
        **{
            name: {"p50": statistics.median(v), "p95": p95(v), "max": max(v)}
            for name, v in timings.items()
        },
    }


def child(kind: str, args: argparse.Namespace) -> dict[str, Any]:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bitewise.search.models import Document

    call_command("migrate", verbosity=0)
    slugs = load_demo_catalog()
    from bitewise.search.services.indexing import search_index_refresh

    search_index_refresh()
    scores = relevance(slugs)
    scale = build_scale(args.lessons, args.passages)
    counts = {
        k: Document.objects.filter(kind=k).count() for k in ("lesson", "explanation", "passage")
    }
    return {
        "kind": kind,
        "vendor": connection.vendor,
        "relevance": scores,
        "scale": scale,
        "counts": counts,
        "latency": latency(args.queries),
    }


def run_child(kind: str, args: argparse.Namespace) -> dict[str, Any]:
    env = child_env(bench="searchbench", kind=kind, pg_db=PG_DB, tasks="immediate")
    try:
        out = subprocess.run(
            [sys.executable, __file__, "--child", kind, "--lessons", str(args.lessons),
             "--passages", str(args.passages), "--queries", str(args.queries)],
            env=env, capture_output=True, text=True, cwd=ROOT, timeout=3600,
        )  # fmt: skip
        if out.returncode:
            raise SystemExit(f"{kind} run failed:\n{out.stderr[-4000:]}")
        return dict(json.loads(out.stdout.strip().splitlines()[-1]))
    finally:
        shutil.rmtree(env["BITEWISE_DATA_DIR"], ignore_errors=True)
        if kind == "postgres":
            import psycopg

            with psycopg.connect(ADMIN_CONNINFO, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")


def section(results: list[dict[str, Any]], args: argparse.Namespace, load: float) -> list[str]:
    machine = machine_info()
    first = results[0]
    counts = first["counts"]
    lines = [
        "## Search: latency at 50,000 lessons + 200,000 passages, relevance full-text vs hybrid",
        "",
        "Written by `benchmarks/search_bench.py`; each run replaces this section.",
        "",
        f"- **date**: {datetime.now(UTC):%a %b %d %H:%M:%S UTC %Y}",
        f"- **machine**: {machine['nproc']} cores (nproc), {machine['cpu']}, {machine['memory']};"
        f" Python {machine['python']}",
        f"- **background load**: {load:.2f} cores busy with other processes just before",
        f"- **commit**: {machine['commit']}",
        "",
        f"Index: {counts['lesson']:,} lessons, {counts['explanation']:,} quiz explanations,"
        f" {counts['passage']:,} transcript passages (synthetic text made from the demo's"
        " sentences and vocabulary, seeded). Embeddings: static model2vec distillation of"
        " all-MiniLM-L6-v2, 128 dims, float16 in the database, one float32 matrix per process."
        f" Latency over {args.queries} queries (a third labelled demo queries, a third two"
        " vocabulary words, a third a word plus a half-typed word), anonymous learner, top 10;"
        " p50 / p95 / max in milliseconds, after one warm-up search that loads the matrix.",
        "",
        "| database | full-text p50 / p95 | semantic p50 / p95 | hybrid p50 / **p95** / max |"
        " matrix load (s) | index build (s) | idle refresh (ms) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lat, scale = r["latency"], r["scale"]
        lines.append(
            f"| {r['vendor']} | {lat['full-text']['p50']:.1f} / {lat['full-text']['p95']:.1f} |"
            f" {lat['semantic']['p50']:.1f} / {lat['semantic']['p95']:.1f} |"
            f" {lat['hybrid']['p50']:.1f} / **{lat['hybrid']['p95']:.1f}** /"
            f" {lat['hybrid']['max']:.0f} | {lat['warm_s']:.1f} | {scale['index_s']:.0f} |"
            f" {scale['idle_refresh_s'] * 1000:.0f} |"
        )
    count = first["relevance"]["_queries"]["count"]
    lines += [
        "",
        f"Relevance on {count} labelled queries over the demo catalog (18 lessons and their"
        " quiz explanations; `src/bitewise/search/bench/demo_queries.json` says how they were"
        " made), mean over queries; a hit counts for its lesson.",
        "",
        "| database | ranking | nDCG@10 | recall@10 | queries with no relevant hit |",
        "|---|---|---:|---:|---:|",
    ]
    for r in results:
        for name in ("full-text", "semantic", "hybrid"):
            s = r["relevance"][name]
            lines.append(
                f"| {r['vendor']} | {name} | {s['ndcg10']:.3f} | {s['recall10']:.3f} |"
                f" {s['zero']} |"
            )
    lines += [
        "",
        "Notes. Full-text requires every word (the last as a prefix while typing); when that"
        " finds fewer than 50, any two words (pairs ANDed, ORed), and it ranks at most 2,000"
        " matches (`RANK_WINDOW`). A first version fell back to *any one* word and ranked every"
        " match: full-text nDCG@10 was 0.83 alone, but hybrid p95 was 282 ms (SQLite) and"
        " 814 ms (PostgreSQL) here, the slow queries being long ones whose words match most"
        " of the index; the pair fallback cut full-text recall alone and left hybrid recall"
        " to the semantic half. Fusion: reciprocal rank fusion, k = 60, semantic votes weighted"
        " 0.5, semantic hits below cosine 0.2 dropped; the weight and floor were picked with"
        " a small sweep on this same query set, so the hybrid figures flatter it somewhat."
        " The synthetic corpus draws on the demo's 878 words (4+ letters) and 159"
        " sentences, so words co-occur far more than in real text: broad queries here are"
        " a worst case. Idle refresh is the scheduler's `search_index_refresh()` when"
        " nothing changed.",
        "",
    ]
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args)))
        return 0
    load, _ = background_load()
    results = [run_child("sqlite", args), run_child("postgres", args)]
    lines = section(results, args, load)
    print("\n".join(lines))
    if not args.no_write:
        write_section("search", lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
