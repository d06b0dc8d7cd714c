"""Seed the benchmark database fast: rows are generated in Python (deterministic seed)
and streamed with PostgreSQL COPY, then the sequences are moved past the ids used.

Only for a dedicated, freshly created benchmark database; call ``seed`` after
``migrate`` on an empty schema. The steps run in a fixed order and draw from one random
generator, so every run makes the same data: ``catalog`` (skills, lessons, questions,
micro-credentials, pathways), then ``learners`` (accounts, then progress), then ``meta``.
"""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime
from typing import Any

from benchmarks.seed import catalog, learners, meta
from benchmarks.seed.learners import BENCH_EMAIL, BENCH_PASSWORD
from benchmarks.seed.meta import (
    META_TABLE,
    SEED_FORMAT,
    database_is_empty,
    meta_matches,
    stored_counts,
)
from benchmarks.seed.state import Seeding, SeedReport, Sizes

STEPS = (
    catalog.skills,
    catalog.lessons,
    catalog.questions,
    catalog.micro_credentials,
    catalog.pathways,
    learners.learners,
    learners.progress,
    meta.finish,
)

__all__ = [
    "BENCH_EMAIL",
    "BENCH_PASSWORD",
    "META_TABLE",
    "SEED_FORMAT",
    "SeedReport",
    "Sizes",
    "database_is_empty",
    "meta_matches",
    "seed",
    "stored_counts",
]


def seed(cursor: Any, sizes: Sizes) -> SeedReport:
    """Fill an empty, migrated schema. ``cursor`` is a raw psycopg cursor inside a
    transaction; the caller commits."""
    started = time.perf_counter()
    state = Seeding(
        cursor=cursor, sizes=sizes, rng=random.Random(sizes.seed), now=datetime.now(UTC)
    )
    for step in STEPS:
        step(state)
    state.report.seconds = time.perf_counter() - started
    return state.report
