"""What one seeding run shares between its steps: sizes, the random generator (the steps
draw from it in a fixed order, so the data is the same on every run), and the ids and
facts each step hands to the next."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


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


@dataclass
class Seeding:
    cursor: Any  # a raw psycopg cursor inside the caller's transaction
    sizes: Sizes
    rng: random.Random
    now: datetime
    report: SeedReport = field(default_factory=SeedReport)
    # skills
    skill_ids: list[int] = field(default_factory=list)
    skill_weights: list[float] = field(default_factory=list)
    # lessons and their questions
    lesson_minutes: dict[int, int] = field(default_factory=dict)
    quiz_lessons: list[int] = field(default_factory=list)
    questions_of: dict[int, list[int]] = field(default_factory=dict)
    correct_choice: dict[int, int] = field(default_factory=dict)
    wrong_choice: dict[int, int] = field(default_factory=dict)
    # micro-credentials
    mc_lessons: dict[int, list[int]] = field(default_factory=dict)
    mc_title: dict[int, str] = field(default_factory=dict)
    published: list[int] = field(default_factory=list)
    version_of: dict[int, int] = field(default_factory=dict)
