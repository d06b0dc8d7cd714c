"""Seed the benchmark database fast: rows are generated in Python (deterministic seed)
and streamed with PostgreSQL COPY, then the sequences are moved past the ids used.

Only for a dedicated, freshly created benchmark database; call ``seed`` after
``migrate`` on an empty schema.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

SEED_FORMAT = 1  # bump when the generated data changes shape
META_TABLE = "bench_seed_meta"
BENCH_EMAIL = "bench-learner@bench.example"
BENCH_PASSWORD = "bench-learner-password-1"  # benchmark-only account, set by the caller

_WORDS = [
    "care",
    "patient",
    "safety",
    "audit",
    "ledger",
    "risk",
    "client",
    "ethics",
    "privacy",
    "record",
    "review",
    "team",
    "plan",
    "budget",
    "triage",
    "consent",
    "dosage",
    "tax",
    "filing",
    "contract",
    "claim",
    "report",
    "policy",
    "quality",
    "skill",
    "coach",
    "feedback",
    "handover",
    "practice",
    "standard",
    "case",
    "study",
    "data",
    "chart",
    "wound",
    "infection",
    "hygiene",
    "lease",
    "counsel",
    "evidence",
    "brief",
    "compliance",
    "controls",
    "finance",
    "payroll",
    "vendor",
    "incident",
    "response",
    "escalation",
    "handoff",
    "shift",
    "roster",
    "clinic",
    "ward",
    "pharmacy",
    "billing",
]
_ADJECTIVES = [
    "Practical",
    "Essential",
    "Advanced",
    "Applied",
    "Everyday",
    "Modern",
    "Clinical",
    "Effective",
    "Ethical",
    "Professional",
    "Rapid",
    "Focused",
    "Safe",
    "Better",
    "Confident",
    "Clear",
    "Core",
    "Smart",
]
_TOPICS = [
    "Documentation",
    "Communication",
    "Infection",
    "Control",
    "Medication",
    "Safety",
    "Tax",
    "Practice",
    "Contract",
    "Law",
    "Auditing",
    "Leadership",
    "Data",
    "Privacy",
    "Wound",
    "Care",
    "Risk",
    "Management",
    "Client",
    "Care",
    "Ethics",
    "Budgeting",
    "Negotiation",
    "Triage",
    "Reporting",
    "Compliance",
    "Coaching",
]


@dataclass(frozen=True)
class Sizes:
    skills: int = 120
    lessons: int = 10_000
    micro_credentials: int = 2_000
    pathways: int = 60
    learners: int = 50_000
    completions: int = 500_000
    seed: int = 20_240_601


@dataclass
class SeedReport:
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choices(_WORDS, k=words)).capitalize() + "."


def _paragraphs(rng: random.Random, pool: Sequence[str], count: int) -> list[str]:
    return rng.sample(list(pool), k=count)


def _text(value: Any) -> str:
    """One value in PostgreSQL's COPY text format."""
    kind = type(value)
    if kind is int:
        return str(value)
    if kind is str:
        if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
            return (
                value.replace("\\", "\\\\")
                .replace("\t", "\\t")
                .replace("\n", "\\n")
                .replace("\r", "\\r")
            )
        return value
    if value is None:
        return "\\N"
    if kind is bool:
        return "t" if value else "f"
    if kind is datetime:
        return value.isoformat()
    return str(value)


def _model_defaults(table: str, columns: Sequence[str]) -> tuple[list[str], list[Any]]:
    """Columns of ``table`` that the seed does not set, with their model defaults, so
    a column added to the models later (NOT NULL with no database default) does not
    break COPY."""
    from django.apps import apps

    for model in apps.get_models(include_auto_created=True):
        if model._meta.db_table == table:
            break
    else:
        return [], []
    extra_columns: list[str] = []
    extra_values: list[Any] = []
    for f in model._meta.concrete_fields:
        if f.column in columns:
            continue
        value = f.get_default()
        if isinstance(value, dict | list):
            value = json.dumps(value)
        extra_columns.append(f.column)
        extra_values.append(value)
    return extra_columns, extra_values


def _copy(cursor: Any, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """COPY rows in text format, formatted here in batches (several times faster than
    one ``write_row`` call per row)."""
    extra_columns, extra_values = _model_defaults(table, columns)
    tail = "".join("\t" + _text(v) for v in extra_values)
    n = 0
    batch: list[str] = []
    names = ", ".join([*columns, *extra_columns])
    with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in rows:
            batch.append("\t".join(map(_text, row)) + tail)
            n += 1
            if len(batch) >= 20_000:
                copy.write("\n".join(batch) + "\n")
                batch.clear()
        if batch:
            copy.write("\n".join(batch) + "\n")
    return n


def meta_matches(cursor: Any, sizes: Sizes) -> bool:
    """True when this database already holds exactly this seed."""
    cursor.execute("SELECT to_regclass(%s)", [META_TABLE])
    if cursor.fetchone()[0] is None:
        return False
    cursor.execute(f"SELECT value FROM {META_TABLE} WHERE key = 'seed'")
    row = cursor.fetchone()
    return row is not None and json.loads(row[0]) == {"format": SEED_FORMAT, **asdict(sizes)}


def database_is_empty(cursor: Any) -> bool:
    cursor.execute(
        "SELECT (SELECT count(*) FROM accounts_user) + (SELECT count(*) FROM catalog_lesson)"
    )
    return int(cursor.fetchone()[0]) == 0


def seed(cursor: Any, sizes: Sizes) -> SeedReport:
    """Fill an empty, migrated schema. ``cursor`` is a raw psycopg cursor inside a
    transaction; the caller commits."""
    started = time.perf_counter()
    rng = random.Random(sizes.seed)
    now = datetime.now(UTC)
    report = SeedReport()

    # Skills, with Zipf-like popularity so some catalog filters return many results.
    skill_names: list[str] = []
    seen_names: set[str] = set()
    while len(skill_names) < sizes.skills:
        name = f"{rng.choice(_TOPICS)} {rng.choice(_WORDS)} {len(skill_names) + 1}"
        if name not in seen_names:
            seen_names.add(name)
            skill_names.append(name)
    skill_ids = list(range(1, sizes.skills + 1))
    skill_weights = [1.0 / (rank**0.9) for rank in skill_ids]
    report.counts["skills"] = _copy(
        cursor,
        "catalog_skill",
        ["id", "name", "slug", "description", "framework_code", "framework_url"],
        (
            (
                sid,
                skill_names[sid - 1],
                f"skill-{sid:03d}",
                _sentence(rng, 12),
                f"S{sid:04d}",
                f"https://esco.example.org/skill/{sid}",
            )
            for sid in skill_ids
        ),
    )

    # Lessons: text, media and quiz; bodies ~1.5 kB of HTML.
    paragraph_pool = [_sentence(rng, rng.randint(25, 45)) for _ in range(80)]
    lesson_minutes: dict[int, int] = {}
    quiz_lessons: list[int] = []
    lesson_rows = []
    for lid in range(1, sizes.lessons + 1):
        kind = rng.choices(["text", "media", "quiz"], weights=[55, 15, 30])[0]
        minutes = rng.randint(2, 10)
        lesson_minutes[lid] = minutes
        paras = _paragraphs(rng, paragraph_pool, rng.randint(3, 6))
        media_kind = media_url = ""
        start = end = None
        if kind == "quiz":
            quiz_lessons.append(lid)
        elif kind == "media":
            media_kind = rng.choice(["audio", "video"])
            media_url = f"https://media.example.org/{media_kind}/{lid}.mp4"
            if rng.random() < 0.5:
                start = rng.randint(0, 600)
                end = start + minutes * 60
        lesson_rows.append(
            (
                lid,
                f"lesson-{lid:05d}",
                f"{rng.choice(_ADJECTIVES)} {rng.choice(_TOPICS)}: {_sentence(rng, 4)[:-1]}",
                kind,
                _sentence(rng, 14)[:290],
                "\n\n".join(paras),
                "".join(f"<p>{p}</p>\n" for p in paras),
                minutes,
                media_kind,
                "",
                media_url,
                start,
                end,
                now - timedelta(days=rng.randint(30, 900)),
                now - timedelta(days=rng.randint(0, 29)),
            )
        )
    report.counts["lessons"] = _copy(
        cursor,
        "catalog_lesson",
        [
            "id",
            "slug",
            "title",
            "kind",
            "summary",
            "body_markdown",
            "body_html",
            "minutes",
            "media_kind",
            "media_file",
            "media_url",
            "start_seconds",
            "end_seconds",
            "created_at",
            "updated_at",
        ],
        lesson_rows,
    )
    del lesson_rows

    # Questions (3 per quiz lesson) and choices (4, or 2 for true/false).
    questions_of: dict[int, list[int]] = {}
    question_rows = []
    choice_rows = []
    correct_choice: dict[int, int] = {}
    wrong_choice: dict[int, int] = {}
    qid = cid = 0
    for lid in quiz_lessons:
        questions_of[lid] = []
        for pos in range(3):
            qid += 1
            qkind = rng.choices(["single", "multiple", "true_false"], weights=[6, 2, 2])[0]
            question_rows.append((qid, qkind, _sentence(rng, 12)[:-1] + "?", pos, lid))
            questions_of[lid].append(qid)
            n_choices = 2 if qkind == "true_false" else 4
            right = rng.randrange(n_choices)
            wrong_choice[qid] = cid + 1 + (right + 1) % n_choices
            for cpos in range(n_choices):
                cid += 1
                if cpos == right:
                    correct_choice[qid] = cid
                choice_rows.append(
                    (cid, _sentence(rng, 6), cpos == right, _sentence(rng, 10), cpos, qid)
                )
    report.counts["questions"] = _copy(
        cursor,
        "catalog_question",
        ["id", "kind", "prompt", "position", "lesson_id"],
        question_rows,
    )
    report.counts["choices"] = _copy(
        cursor,
        "catalog_choice",
        ["id", "text", "is_correct", "explanation", "position", "question_id"],
        choice_rows,
    )
    del question_rows, choice_rows

    # Micro-credentials: each owns a contiguous run of lessons and shares 0-3 more.
    lesson_skill_rows = []
    mc_rows = []
    mc_skill_rows = []
    membership_rows = []
    mc_lessons: dict[int, list[int]] = {}
    mc_title: dict[int, str] = {}
    published: list[int] = []
    per_mc = sizes.lessons // sizes.micro_credentials
    for mid in range(1, sizes.micro_credentials + 1):
        own = list(range((mid - 1) * per_mc + 1, mid * per_mc + 1))
        extras = [
            x for x in rng.sample(range(1, sizes.lessons + 1), k=rng.randint(0, 3)) if x not in own
        ]
        lessons = own + extras
        mc_lessons[mid] = lessons
        for pos, lid in enumerate(lessons):
            membership_rows.append((len(membership_rows) + 1, pos, lid, mid))
        chosen_skills = set(rng.choices(skill_ids, weights=skill_weights, k=rng.randint(1, 3)))
        for sid in sorted(chosen_skills):
            mc_skill_rows.append((len(mc_skill_rows) + 1, mid, sid))
        for lid in own:
            for sid in sorted(chosen_skills)[: rng.randint(1, 2)]:
                lesson_skill_rows.append((len(lesson_skill_rows) + 1, lid, sid))
        status = rng.choices(["published", "draft", "retired"], weights=[85, 10, 5])[0]
        published_at = None
        if status != "draft":
            published_at = now - timedelta(days=rng.randint(0, 730), seconds=rng.randint(0, 86399))
        if status == "published":
            published.append(mid)
        title = f"{rng.choice(_ADJECTIVES)} {rng.choice(_TOPICS)} {mid}"
        mc_title[mid] = title
        mc_rows.append(
            (
                mid,
                f"mc-{mid:04d}",
                title,
                " ".join(_sentence(rng, 14) for _ in range(3)),
                rng.choices(["foundation", "intermediate", "advanced"], weights=[5, 3, 2])[0],
                rng.choice([Decimal("0"), Decimal("0.5"), Decimal("1.00"), Decimal("2.25")]),
                rng.choice(["CPE", "CNE", "CLE", ""]),
                70,
                sum(lesson_minutes[lid] for lid in lessons),
                status,
                1,
                published_at,
                now - timedelta(days=800),
                now - timedelta(days=rng.randint(0, 30)),
            )
        )
    report.counts["micro_credentials"] = _copy(
        cursor,
        "catalog_microcredential",
        [
            "id",
            "slug",
            "title",
            "summary",
            "level",
            "ce_credits",
            "ce_credit_type",
            "pass_percent",
            "estimated_minutes",
            "status",
            "version",
            "published_at",
            "created_at",
            "updated_at",
        ],
        mc_rows,
    )
    report.counts["micro_credential_skills"] = _copy(
        cursor,
        "catalog_microcredential_skills",
        ["id", "microcredential_id", "skill_id"],
        mc_skill_rows,
    )
    report.counts["lesson_skills"] = _copy(
        cursor, "catalog_lesson_skills", ["id", "lesson_id", "skill_id"], lesson_skill_rows
    )
    report.counts["memberships"] = _copy(
        cursor,
        "catalog_microcredentiallesson",
        ["id", "position", "lesson_id", "micro_credential_id"],
        membership_rows,
    )
    version_of: dict[int, int] = {}
    version_rows = []
    for row in mc_rows:
        mid, status = row[0], row[9]
        if status == "draft":
            continue
        version_of[mid] = len(version_rows) + 1
        snapshot = {"id": mid, "slug": row[1], "title": row[2], "version": 1}
        snapshot["lessons"] = [{"id": lid} for lid in mc_lessons[mid]]
        version_rows.append((version_of[mid], 1, json.dumps(snapshot), now, mid))
    report.counts["micro_credential_versions"] = _copy(
        cursor,
        "catalog_microcredentialversion",
        ["id", "number", "snapshot", "created_at", "micro_credential_id"],
        version_rows,
    )
    del mc_rows, mc_skill_rows, lesson_skill_rows, membership_rows, version_rows

    # Pathways over published micro-credentials.
    pathway_rows = []
    pathway_member_rows = []
    for pid in range(1, sizes.pathways + 1):
        members = rng.sample(published, k=rng.randint(3, 6))
        rule = rng.choice(["all", "n_of"])
        for mid in members:
            pathway_member_rows.append((len(pathway_member_rows) + 1, pid, mid))
        status = "published" if rng.random() < 0.85 else "draft"
        pathway_rows.append(
            (
                pid,
                f"pathway-{pid:03d}",
                f"{rng.choice(_TOPICS)} pathway {pid}",
                _sentence(rng, 20),
                rule,
                min(2, len(members)),
                status,
                1,
                now - timedelta(days=rng.randint(0, 400)) if status == "published" else None,
                now - timedelta(days=500),
            )
        )
    report.counts["pathways"] = _copy(
        cursor,
        "catalog_pathway",
        [
            "id",
            "slug",
            "title",
            "summary",
            "rule",
            "required_count",
            "status",
            "version",
            "published_at",
            "created_at",
        ],
        pathway_rows,
    )
    report.counts["pathway_members"] = _copy(
        cursor,
        "catalog_pathway_micro_credentials",
        ["id", "pathway_id", "microcredential_id"],
        pathway_member_rows,
    )

    # Learners: id 1 is the benchmark learner with a known password.
    report.counts["learners"] = _copy(
        cursor,
        "accounts_user",
        [
            "id",
            "password",
            "last_login",
            "is_superuser",
            "email",
            "display_name",
            "role",
            "is_active",
            "date_joined",
        ],
        (
            (
                uid,
                f"!{rng.getrandbits(128):032x}",  # unusable; the caller sets learner 1's
                None,
                False,
                BENCH_EMAIL if uid == 1 else f"learner{uid:06d}@bench.example",
                "Bench Learner" if uid == 1 else "",
                "learner",
                True,
                now - timedelta(days=rng.randint(0, 1000)),
            )
            for uid in range(1, sizes.learners + 1)
        ),
    )

    # Progress. Quotas of completed lessons per learner sum exactly to sizes.completions;
    # each learner subscribes to enough micro-credentials to hold the quota and works
    # through their lessons in order, answering every question of a completed quiz.
    quiz_set = set(quiz_lessons)
    bench_mcs = [m for m in published if sum(1 for x in mc_lessons[m] if x in quiz_set) >= 2]
    bench_mcs = rng.sample(bench_mcs, k=12)
    bench_plan = [(m, 1.0) for m in bench_mcs[:3]]  # finished: awarded
    bench_plan += [(m, 0.5) for m in bench_mcs[3:9]]  # half way
    bench_plan += [(m, 0.0) for m in bench_mcs[9:]]  # just subscribed
    bench_done = sum(int(len(mc_lessons[m]) * f) for m, f in bench_plan)
    quotas = [0, 0] + [rng.randint(0, 20) for _ in range(2, sizes.learners + 1)]
    remaining = sizes.completions - bench_done - sum(quotas)
    while remaining:
        uid = rng.randint(2, sizes.learners)
        step = 1 if remaining > 0 else -1
        if 0 <= quotas[uid] + step <= 30:
            quotas[uid] += step
            remaining -= step
    enrollment_rows: list[tuple[Any, ...]] = []
    completion_rows: list[tuple[Any, ...]] = []
    answer_rows: list[tuple[Any, ...]] = []
    award_rows: list[tuple[Any, ...]] = []

    def learn(uid: int, mid: int, fraction: float | None, budget: int, done: set[int]) -> int:
        """Subscribe ``uid`` to ``mid`` and complete lessons in order (all of the
        fraction, or up to ``budget``); returns how many were completed."""
        active = rng.random() < 0.9 if uid != 1 else mid not in bench_mcs[10:]
        subscribed = now - timedelta(days=rng.randint(1, 700))
        enrollment_rows.append(
            (
                len(enrollment_rows) + 1,
                active,
                subscribed,
                None if active else subscribed + timedelta(days=3),
                uid,
                mid,
            )
        )
        lessons = mc_lessons[mid]
        limit = budget if fraction is None else int(len(lessons) * fraction)
        made = 0
        correct = total = 0
        for lid in lessons:
            if made >= limit:
                break
            if lid in done:
                continue
            done.add(lid)
            made += 1
            at = subscribed + timedelta(hours=made)
            completion_rows.append((len(completion_rows) + 1, at, uid, lid))
            for q in questions_of.get(lid, ()):
                ok = rng.random() < 0.8
                choice = correct_choice[q] if ok else wrong_choice[q]
                total += 1
                correct += ok
                answer_rows.append(
                    (len(answer_rows) + 1, f"[{choice}]", ok, rng.randint(900, 30_000), at, uid, q)
                )
        if all(lid in done for lid in lessons):
            score = (correct * 100) // total if total else 100
            if score >= 70 and mid in version_of:
                award_rows.append(
                    (
                        len(award_rows) + 1,
                        json.dumps({"title": mc_title[mid], "slug": f"mc-{mid:04d}"}),
                        score,
                        now,
                        uid,
                        mid,
                        version_of[mid],
                        None,
                    )
                )
        return made

    bench_seen: set[int] = set()
    for mid, fraction in bench_plan:
        learn(1, mid, fraction, 0, bench_seen)
    for uid in range(2, sizes.learners + 1):
        quota = quotas[uid]
        done: set[int] = set()
        taken: set[int] = set()
        if quota == 0 and rng.random() < 0.5:
            continue
        while True:
            mid = rng.choice(published)
            if mid in taken:
                continue
            taken.add(mid)
            quota -= learn(uid, mid, None, quota, done)
            if quota <= 0:
                break
        if rng.random() < 0.3:
            mid = rng.choice(published)
            if mid not in taken:
                learn(uid, mid, None, 0, done)
    report.counts["enrollments"] = _copy(
        cursor,
        "learning_enrollment",
        ["id", "is_active", "subscribed_at", "dropped_at", "learner_id", "micro_credential_id"],
        enrollment_rows,
    )
    report.counts["lesson_completions"] = _copy(
        cursor,
        "learning_lessoncompletion",
        ["id", "completed_at", "learner_id", "lesson_id"],
        completion_rows,
    )
    report.counts["question_answers"] = _copy(
        cursor,
        "learning_questionanswer",
        [
            "id",
            "choice_ids",
            "is_correct",
            "response_ms",
            "answered_at",
            "learner_id",
            "question_id",
        ],
        answer_rows,
    )
    report.counts["awards"] = _copy(
        cursor,
        "learning_award",
        [
            "id",
            "snapshot",
            "score",
            "awarded_at",
            "learner_id",
            "micro_credential_id",
            "micro_credential_version_id",
            "pathway_id",
        ],
        award_rows,
    )

    for table in (
        "catalog_skill",
        "catalog_lesson",
        "catalog_question",
        "catalog_choice",
        "catalog_microcredential",
        "catalog_microcredential_skills",
        "catalog_lesson_skills",
        "catalog_microcredentiallesson",
        "catalog_microcredentialversion",
        "catalog_pathway",
        "catalog_pathway_micro_credentials",
        "accounts_user",
        "learning_enrollment",
        "learning_lessoncompletion",
        "learning_questionanswer",
        "learning_award",
    ):
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
        )
    cursor.execute(f"CREATE TABLE IF NOT EXISTS {META_TABLE} (key text PRIMARY KEY, value text)")
    cursor.execute(
        f"INSERT INTO {META_TABLE} (key, value) VALUES ('seed', %s), ('counts', %s) "
        "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
        [
            json.dumps({"format": SEED_FORMAT, **asdict(sizes)}),
            json.dumps(report.counts),
        ],
    )
    report.seconds = time.perf_counter() - started
    return report


def stored_counts(cursor: Any) -> dict[str, int]:
    cursor.execute(f"SELECT value FROM {META_TABLE} WHERE key = 'counts'")
    row = cursor.fetchone()
    return {str(k): int(v) for k, v in json.loads(row[0]).items()} if row else {}
