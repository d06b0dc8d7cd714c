"""The catalog: skills (Zipf-like popularity), lessons (text, media and quizzes), their
questions and choices, micro-credentials with their versions, and pathways."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal

from benchmarks.seed.copying import copy_rows
from benchmarks.seed.state import Seeding
from benchmarks.seed.words import ADJECTIVES, TOPICS, WORDS, paragraphs, sentence

LESSON_COLUMNS = [
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
]
MICRO_CREDENTIAL_COLUMNS = [
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
]
PATHWAY_COLUMNS = [
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
]


def skills(s: Seeding) -> None:
    """Skills, with Zipf-like popularity so some catalog filters return many results."""
    rng = s.rng
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < s.sizes.skills:
        name = f"{rng.choice(TOPICS)} {rng.choice(WORDS)} {len(names) + 1}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    s.skill_ids = list(range(1, s.sizes.skills + 1))
    s.skill_weights = [1.0 / (rank**0.9) for rank in s.skill_ids]
    s.report.counts["skills"] = copy_rows(
        s.cursor,
        "catalog_skill",
        ["id", "name", "slug", "description", "framework_code", "framework_url"],
        (
            (
                sid,
                names[sid - 1],
                f"skill-{sid:03d}",
                sentence(rng, 12),
                f"S{sid:04d}",
                f"https://esco.example.org/skill/{sid}",
            )
            for sid in s.skill_ids
        ),
    )


def lessons(s: Seeding) -> None:
    """Lessons: text, media and quiz; bodies ~1.5 kB of HTML."""
    rng, now = s.rng, s.now
    pool = [sentence(rng, rng.randint(25, 45)) for _ in range(80)]
    rows = []
    for lid in range(1, s.sizes.lessons + 1):
        kind = rng.choices(["text", "media", "quiz"], weights=[55, 15, 30])[0]
        minutes = rng.randint(2, 10)
        s.lesson_minutes[lid] = minutes
        paras = paragraphs(rng, pool, rng.randint(3, 6))
        media_kind = media_url = ""
        start = end = None
        if kind == "quiz":
            s.quiz_lessons.append(lid)
        elif kind == "media":
            media_kind = rng.choice(["audio", "video"])
            media_url = f"https://media.example.org/{media_kind}/{lid}.mp4"
            if rng.random() < 0.5:
                start = rng.randint(0, 600)
                end = start + minutes * 60
        rows.append(
            (
                lid,
                f"lesson-{lid:05d}",
                f"{rng.choice(ADJECTIVES)} {rng.choice(TOPICS)}: {sentence(rng, 4)[:-1]}",
                kind,
                sentence(rng, 14)[:290],
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
    s.report.counts["lessons"] = copy_rows(s.cursor, "catalog_lesson", LESSON_COLUMNS, rows)


def questions(s: Seeding) -> None:
    """Questions (3 per quiz lesson) and choices (4, or 2 for true/false)."""
    rng = s.rng
    question_rows = []
    choice_rows = []
    qid = cid = 0
    for lid in s.quiz_lessons:
        s.questions_of[lid] = []
        for pos in range(3):
            qid += 1
            qkind = rng.choices(["single", "multiple", "true_false"], weights=[6, 2, 2])[0]
            question_rows.append((qid, qkind, sentence(rng, 12)[:-1] + "?", pos, lid))
            s.questions_of[lid].append(qid)
            n_choices = 2 if qkind == "true_false" else 4
            right = rng.randrange(n_choices)
            s.wrong_choice[qid] = cid + 1 + (right + 1) % n_choices
            for cpos in range(n_choices):
                cid += 1
                if cpos == right:
                    s.correct_choice[qid] = cid
                choice_rows.append(
                    (cid, sentence(rng, 6), cpos == right, sentence(rng, 10), cpos, qid)
                )
    s.report.counts["questions"] = copy_rows(
        s.cursor,
        "catalog_question",
        ["id", "kind", "prompt", "position", "lesson_id"],
        question_rows,
    )
    s.report.counts["choices"] = copy_rows(
        s.cursor,
        "catalog_choice",
        ["id", "text", "is_correct", "explanation", "position", "question_id"],
        choice_rows,
    )


def micro_credentials(s: Seeding) -> None:
    """Micro-credentials: each owns a contiguous run of lessons and shares 0-3 more; then
    a version of each that is not a draft."""
    rng, now, sizes = s.rng, s.now, s.sizes
    lesson_skill_rows = []
    mc_rows = []
    mc_skill_rows = []
    membership_rows = []
    per_mc = sizes.lessons // sizes.micro_credentials
    for mid in range(1, sizes.micro_credentials + 1):
        own = list(range((mid - 1) * per_mc + 1, mid * per_mc + 1))
        extras = [
            x for x in rng.sample(range(1, sizes.lessons + 1), k=rng.randint(0, 3)) if x not in own
        ]
        members = own + extras
        s.mc_lessons[mid] = members
        for pos, lid in enumerate(members):
            membership_rows.append((len(membership_rows) + 1, pos, lid, mid))
        chosen = set(rng.choices(s.skill_ids, weights=s.skill_weights, k=rng.randint(1, 3)))
        for sid in sorted(chosen):
            mc_skill_rows.append((len(mc_skill_rows) + 1, mid, sid))
        for lid in own:
            for sid in sorted(chosen)[: rng.randint(1, 2)]:
                lesson_skill_rows.append((len(lesson_skill_rows) + 1, lid, sid))
        status = rng.choices(["published", "draft", "retired"], weights=[85, 10, 5])[0]
        published_at = None
        if status != "draft":
            published_at = now - timedelta(days=rng.randint(0, 730), seconds=rng.randint(0, 86399))
        if status == "published":
            s.published.append(mid)
        title = f"{rng.choice(ADJECTIVES)} {rng.choice(TOPICS)} {mid}"
        s.mc_title[mid] = title
        mc_rows.append(
            (
                mid,
                f"mc-{mid:04d}",
                title,
                " ".join(sentence(rng, 14) for _ in range(3)),
                rng.choices(["foundation", "intermediate", "advanced"], weights=[5, 3, 2])[0],
                rng.choice([Decimal("0"), Decimal("0.5"), Decimal("1.00"), Decimal("2.25")]),
                rng.choice(["CPE", "CNE", "CLE", ""]),
                70,
                sum(s.lesson_minutes[lid] for lid in members),
                status,
                1,
                published_at,
                now - timedelta(days=800),
                now - timedelta(days=rng.randint(0, 30)),
            )
        )
    counts, cursor = s.report.counts, s.cursor
    counts["micro_credentials"] = copy_rows(
        cursor, "catalog_microcredential", MICRO_CREDENTIAL_COLUMNS, mc_rows
    )
    counts["micro_credential_skills"] = copy_rows(
        cursor,
        "catalog_microcredential_skills",
        ["id", "microcredential_id", "skill_id"],
        mc_skill_rows,
    )
    counts["lesson_skills"] = copy_rows(
        cursor, "catalog_lesson_skills", ["id", "lesson_id", "skill_id"], lesson_skill_rows
    )
    counts["memberships"] = copy_rows(
        cursor,
        "catalog_microcredentiallesson",
        ["id", "position", "lesson_id", "micro_credential_id"],
        membership_rows,
    )
    _versions(s, mc_rows)


def _versions(s: Seeding, mc_rows: list[tuple[object, ...]]) -> None:
    rows = []
    for row in mc_rows:
        mid, status = int(row[0]), row[9]  # type: ignore[call-overload]
        if status == "draft":
            continue
        s.version_of[mid] = len(rows) + 1
        snapshot = {"id": mid, "slug": row[1], "title": row[2], "version": 1}
        snapshot["lessons"] = [{"id": lid} for lid in s.mc_lessons[mid]]
        rows.append((s.version_of[mid], 1, json.dumps(snapshot), s.now, mid))
    s.report.counts["micro_credential_versions"] = copy_rows(
        s.cursor,
        "catalog_microcredentialversion",
        ["id", "number", "snapshot", "created_at", "micro_credential_id"],
        rows,
    )


def pathways(s: Seeding) -> None:
    """Pathways over published micro-credentials."""
    rng, now = s.rng, s.now
    rows = []
    member_rows = []
    for pid in range(1, s.sizes.pathways + 1):
        members = rng.sample(s.published, k=rng.randint(3, 6))
        rule = rng.choice(["all", "n_of"])
        for mid in members:
            member_rows.append((len(member_rows) + 1, pid, mid))
        status = "published" if rng.random() < 0.85 else "draft"
        rows.append(
            (
                pid,
                f"pathway-{pid:03d}",
                f"{rng.choice(TOPICS)} pathway {pid}",
                sentence(rng, 20),
                rule,
                min(2, len(members)),
                status,
                1,
                now - timedelta(days=rng.randint(0, 400)) if status == "published" else None,
                now - timedelta(days=500),
            )
        )
    s.report.counts["pathways"] = copy_rows(s.cursor, "catalog_pathway", PATHWAY_COLUMNS, rows)
    s.report.counts["pathway_members"] = copy_rows(
        s.cursor,
        "catalog_pathway_micro_credentials",
        ["id", "pathway_id", "microcredential_id"],
        member_rows,
    )
