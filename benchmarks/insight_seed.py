"""Insight data on top of benchmarks/seed.py: delayed retention checks for a sample of the
seeded quiz answers (answered once their time has come, outcomes falling with the delay),
an event whose campaign holds back 30% of its registrants, and a year of credential
activity counters. COPY, like the rest of the seed."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from benchmarks.seed.copying import copy_rows
from bitewise.engines.insight.sampling import check_delay_for, is_held_out

REGISTERED_SHARE = 0.2
HOLDOUT_PERCENT = 30
RECALL = {7: 0.82, 30: 0.68, 90: 0.55}


def seed_insight(cursor: Any, *, now: datetime, seed: int = 7) -> dict[str, int]:
    rng = random.Random(seed)
    counts: dict[str, int] = {}
    cursor.execute("SELECT count(*) FROM insight_retentioncheck")
    if cursor.fetchone()[0]:
        return counts
    cursor.execute(
        "INSERT INTO reinforcement_event (title, description, kind, starts_at, time_zone,"
        " is_open, created_at) VALUES ('Annual congress', '', 'conference', %s, 'UTC', true,"
        " %s) RETURNING id",
        [now - timedelta(days=120), now],
    )
    event_id = cursor.fetchone()[0]
    cursor.execute(
        "INSERT INTO reinforcement_campaign (event_id, title, is_active, holdout_percent,"
        " created_at) VALUES (%s, 'After the congress', true, %s, %s) RETURNING id",
        [event_id, HOLDOUT_PERCENT, now],
    )
    campaign_id = cursor.fetchone()[0]
    # The campaign asks the three most answered questions again: their checks are the
    # congress's in the recall per event.
    cursor.execute(
        "INSERT INTO reinforcement_step (campaign_id, offset_days, offset_hours, kind,"
        " subject, message, question_id)"
        " SELECT %s, 7 * row_number() OVER (ORDER BY count(*) DESC, question_id), 0,"
        " 'question', 'A question from the congress', '', question_id"
        " FROM learning_questionanswer GROUP BY question_id"
        " ORDER BY count(*) DESC, question_id LIMIT 3",
        [campaign_id],
    )
    cursor.execute("SELECT id FROM accounts_user ORDER BY id")
    learners = [row[0] for row in cursor.fetchall()]
    registered = [pk for pk in learners if rng.random() < REGISTERED_SHARE]
    counts["event_registrations"] = copy_rows(
        cursor,
        "reinforcement_eventregistration",
        ["id", "event_id", "learner_id", "source", "created_at"],
        (
            (n, event_id, pk, "csv", now - timedelta(days=130))
            for n, pk in enumerate(registered, start=_next_id(cursor, "eventregistration"))
        ),
    )
    held = {pk for pk in registered if is_held_out(campaign_id, pk, percent=HOLDOUT_PERCENT)}
    cursor.execute("SELECT learner_id, question_id FROM learning_questionanswer")
    answers = cursor.fetchall()

    def checks() -> Any:
        for n, (learner_id, question_id) in enumerate(answers):
            delay = check_delay_for(learner_id, question_id)
            if delay is None:
                continue
            # Spread the learning over the past months so every delay has answers.
            learned = now - timedelta(days=rng.randint(1, 240), hours=rng.randint(0, 23))
            due = learned + timedelta(days=delay)
            recall = RECALL[delay] - (0.1 if learner_id in held else 0.0)
            predicted = RECALL[delay] + rng.uniform(-0.08, 0.08)
            if due > now:
                yield (
                    first + n,
                    learner_id,
                    question_id,
                    delay,
                    learned,
                    due,
                    None,
                    None,
                    None,
                    None,
                    now,
                )
            else:
                answered = due + timedelta(hours=rng.randint(0, 40))
                yield (
                    first + n, learner_id, question_id, delay, learned, due, answered,
                    rng.random() < recall, "[]", predicted, now,
                )  # fmt: skip

    first = _next_id(cursor, "retentioncheck", app="insight")
    counts["retention_checks"] = copy_rows(
        cursor,
        "insight_retentioncheck",
        [
            "id",
            "learner_id",
            "question_id",
            "delay_days",
            "learned_at",
            "due_at",
            "answered_at",
            "is_correct",
            "choice_ids",
            "predicted_recall",
            "created_at",
        ],
        checks(),
    )
    today = now.date()
    first = _next_id(cursor, "credentialactivity", app="insight")
    kinds = {"view": 400, "download": 40, "linkedin": 60, "verify": 25}
    counts["activity_days"] = copy_rows(
        cursor,
        "insight_credentialactivity",
        ["id", "day", "kind", "count"],
        (
            (first + n, today - timedelta(days=back), kind, rng.randint(0, top))
            for n, (back, kind, top) in enumerate(
                (back, kind, top) for back in range(365) for kind, top in kinds.items()
            )
        ),
    )
    for table in (
        "reinforcement_eventregistration",
        "insight_retentioncheck",
        "insight_credentialactivity",
    ):
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
        )
    return counts


def _next_id(cursor: Any, model: str, *, app: str = "reinforcement") -> int:
    cursor.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {app}_{model}")
    return int(cursor.fetchone()[0])
