"""Learners and their progress: subscriptions, lessons done, quiz answers and awards.
Learner 1 is the benchmark learner (12 subscriptions: 3 finished, 6 half done, 3 just
started); the others' completions sum exactly to ``Sizes.completions``."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from benchmarks.seed.copying import copy_rows
from benchmarks.seed.state import Seeding

BENCH_EMAIL = "bench-learner@bench.example"
BENCH_PASSWORD = "bench-learner-password-1"  # benchmark-only account, set by the caller
USER_COLUMNS = [
    "id",
    "password",
    "last_login",
    "is_superuser",
    "email",
    "display_name",
    "role",
    "is_active",
    "date_joined",
]
ANSWER_COLUMNS = [
    "id",
    "choice_ids",
    "is_correct",
    "response_ms",
    "answered_at",
    "learner_id",
    "question_id",
]
AWARD_COLUMNS = [
    "id",
    "snapshot",
    "score",
    "awarded_at",
    "learner_id",
    "micro_credential_id",
    "micro_credential_version_id",
    "pathway_id",
]


def learners(s: Seeding) -> None:
    """Learner 1 is the benchmark learner; the caller sets its password."""
    rng, now = s.rng, s.now
    s.report.counts["learners"] = copy_rows(
        s.cursor,
        "accounts_user",
        USER_COLUMNS,
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
            for uid in range(1, s.sizes.learners + 1)
        ),
    )


@dataclass
class Progress:
    """Rows being built for one seeding run; ``learn`` is one subscription."""

    s: Seeding
    bench_mcs: list[int]
    enrollments: list[tuple[Any, ...]] = field(default_factory=list)
    completions: list[tuple[Any, ...]] = field(default_factory=list)
    answers: list[tuple[Any, ...]] = field(default_factory=list)
    awards: list[tuple[Any, ...]] = field(default_factory=list)

    def learn(self, uid: int, mid: int, fraction: float | None, budget: int, done: set[int]) -> int:
        """Subscribe ``uid`` to ``mid`` and complete lessons in order (all of the
        fraction, or up to ``budget``), answering every question of a completed quiz;
        returns how many were completed."""
        s, rng = self.s, self.s.rng
        active = rng.random() < 0.9 if uid != 1 else mid not in self.bench_mcs[10:]
        subscribed = s.now - timedelta(days=rng.randint(1, 700))
        self.enrollments.append(
            (
                len(self.enrollments) + 1,
                active,
                subscribed,
                None if active else subscribed + timedelta(days=3),
                uid,
                mid,
            )
        )
        lessons = s.mc_lessons[mid]
        limit = budget if fraction is None else int(len(lessons) * fraction)
        made = correct = total = 0
        for lid in lessons:
            if made >= limit:
                break
            if lid in done:
                continue
            done.add(lid)
            made += 1
            at = subscribed + timedelta(hours=made)
            self.completions.append((len(self.completions) + 1, at, uid, lid))
            for q in s.questions_of.get(lid, ()):
                ok = rng.random() < 0.8
                choice = s.correct_choice[q] if ok else s.wrong_choice[q]
                total += 1
                correct += ok
                self.answers.append(
                    (len(self.answers) + 1, f"[{choice}]", ok, rng.randint(900, 30_000), at, uid, q)
                )
        if all(lid in done for lid in lessons):
            self._award(uid, mid, (correct * 100) // total if total else 100)
        return made

    def _award(self, uid: int, mid: int, score: int) -> None:
        if score < 70 or mid not in self.s.version_of:
            return
        snapshot = {"title": self.s.mc_title[mid], "slug": f"mc-{mid:04d}"}
        self.awards.append(
            (
                len(self.awards) + 1,
                json.dumps(snapshot),
                score,
                self.s.now,
                uid,
                mid,
                self.s.version_of[mid],
                None,
            )
        )


def _quotas(s: Seeding, bench_done: int) -> list[int]:
    """Lessons each learner completes (index = learner id), summing to the sizes'."""
    rng = s.rng
    quotas = [0, 0] + [rng.randint(0, 20) for _ in range(2, s.sizes.learners + 1)]
    remaining = s.sizes.completions - bench_done - sum(quotas)
    while remaining:
        uid = rng.randint(2, s.sizes.learners)
        step = 1 if remaining > 0 else -1
        if 0 <= quotas[uid] + step <= 30:
            quotas[uid] += step
            remaining -= step
    return quotas


def progress(s: Seeding) -> None:
    """Each learner subscribes to enough micro-credentials to hold their quota and works
    through their lessons in order."""
    rng = s.rng
    quiz_set = set(s.quiz_lessons)
    candidates = [m for m in s.published if sum(1 for x in s.mc_lessons[m] if x in quiz_set) >= 2]
    bench_mcs = rng.sample(candidates, k=12)
    bench_plan = [(m, 1.0) for m in bench_mcs[:3]]  # finished: awarded
    bench_plan += [(m, 0.5) for m in bench_mcs[3:9]]  # half way
    bench_plan += [(m, 0.0) for m in bench_mcs[9:]]  # just subscribed
    quotas = _quotas(s, sum(int(len(s.mc_lessons[m]) * f) for m, f in bench_plan))
    built = Progress(s, bench_mcs)
    bench_seen: set[int] = set()
    for mid, fraction in bench_plan:
        built.learn(1, mid, fraction, 0, bench_seen)
    for uid in range(2, s.sizes.learners + 1):
        quota = quotas[uid]
        done: set[int] = set()
        taken: set[int] = set()
        if quota == 0 and rng.random() < 0.5:
            continue
        while True:
            mid = rng.choice(s.published)
            if mid in taken:
                continue
            taken.add(mid)
            quota -= built.learn(uid, mid, None, quota, done)
            if quota <= 0:
                break
        if rng.random() < 0.3:
            mid = rng.choice(s.published)
            if mid not in taken:
                built.learn(uid, mid, None, 0, done)
    _write(s, built)


def _write(s: Seeding, built: Progress) -> None:
    counts, cursor = s.report.counts, s.cursor
    counts["enrollments"] = copy_rows(
        cursor,
        "learning_enrollment",
        ["id", "is_active", "subscribed_at", "dropped_at", "learner_id", "micro_credential_id"],
        built.enrollments,
    )
    counts["lesson_completions"] = copy_rows(
        cursor,
        "learning_lessoncompletion",
        ["id", "completed_at", "learner_id", "lesson_id"],
        built.completions,
    )
    counts["question_answers"] = copy_rows(
        cursor, "learning_questionanswer", ANSWER_COLUMNS, built.answers
    )
    counts["awards"] = copy_rows(cursor, "learning_award", AWARD_COLUMNS, built.awards)
