"""The seed's marker table (which seed a database holds) and the sequences moved past
the ids the seed used."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from benchmarks.seed.state import Seeding, Sizes

SEED_FORMAT = 1  # bump when the generated data changes shape
META_TABLE = "bench_seed_meta"
TABLES = (
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
)


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


def stored_counts(cursor: Any) -> dict[str, int]:
    cursor.execute(f"SELECT value FROM {META_TABLE} WHERE key = 'counts'")
    row = cursor.fetchone()
    return {str(k): int(v) for k, v in json.loads(row[0]).items()} if row else {}


def finish(s: Seeding) -> None:
    """Sequences past the seeded ids; the marker saying which seed this database holds."""
    for table in TABLES:
        s.cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
        )
    s.cursor.execute(f"CREATE TABLE IF NOT EXISTS {META_TABLE} (key text PRIMARY KEY, value text)")
    s.cursor.execute(
        f"INSERT INTO {META_TABLE} (key, value) VALUES ('seed', %s), ('counts', %s) "
        "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
        [
            json.dumps({"format": SEED_FORMAT, **asdict(s.sizes)}),
            json.dumps(s.report.counts),
        ],
    )
